/**
 * No text okr keeps holds the NUL character (U+0000). PostgreSQL's text cannot hold one, so a
 * value with one would be kept on SQLite and refused by PostgreSQL, and a SQLite backup holding
 * it could not be restored into PostgreSQL. Every input is checked where it comes in (a
 * use case's input, a request's parts, a canonical JSON document), the same on both databases;
 * a handbook page reads one as U+FFFD instead, as CommonMark says a Markdown reader must
 * (`readAsPageText`, `markdown/page-text.ts`).
 */

/** What a refused value is told. */
export const NUL_MESSAGE = "must not contain the NUL character (U+0000)";

/**
 * The path to the first string in `value` that holds a NUL character, or to the first object
 * key that does (`["items", 0, "title"]`); null where there is none. Walked without recursion.
 * @example nulPathOf({ note: "a\u0000b" }) // ["note"]
 */
export function nulPathOf(value: unknown): Array<string | number> | null {
  if (typeof value === "string") return value.includes("\u0000") ? [] : null;
  if (value === null || typeof value !== "object") return null;
  // Each entry links to its parent, so a path is built only for the value found: linear in size.
  const stack: Place[] = [{ value, parent: null, key: null }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const isArray = Array.isArray(next.value);
    for (const [key, child] of Object.entries(next.value)) {
      const part = isArray ? Number(key) : key;
      if (!isArray && key.includes("\u0000")) return pathTo(next, part);
      if (typeof child === "string") {
        if (child.includes("\u0000")) return pathTo(next, part);
      } else if (child !== null && typeof child === "object") {
        stack.push({ value: child, parent: next, key: part });
      }
    }
  }
  return null;
}

/** An object or array met on the walk, and where it hangs. */
interface Place {
  value: object;
  parent: Place | null;
  key: string | number | null;
}

function pathTo(place: Place, last: string | number): Array<string | number> {
  const path = [last];
  for (let at: Place | null = place; at !== null && at.key !== null; at = at.parent)
    path.push(at.key);
  return path.reverse();
}

/** A handbook page's text with each NUL character read as U+FFFD (`markdown/page-text.ts`). */
export function readAsPageText(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}
