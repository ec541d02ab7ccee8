/**
 * Statement texts that PostgreSQL keeps parsed (and planned) on each connection, by name: the
 * prepared statements of the hot paths (`store/prepared.ts`) register their text once, and the
 * PostgreSQL dialect sends a registered text by its name, so the server parses it once per
 * connection rather than on every check-in. Only registered texts: a name per distinct text
 * would grow without end for texts that vary (lists of ids).
 */
const names = new Map<string, string>();

/** Registers `text` to be sent by name; answers the name. */
export function nameStatement(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `okr_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** The name `text` is sent by, if it was registered. */
export function statementName(text: string): string | undefined {
  return names.get(text);
}
