/**
 * Property lines under an objective's or key result's heading, as Notion and similar tools
 * write them:
 *
 *     ### KR 1.1: Cut time to first value from 14 days to 5 days
 *
 *     Owner: Onboarding team
 *     **Progress:** 40%
 *
 * A paragraph right after the heading whose every line is `Name: value` (the name bold or
 * not, up to three words; a trailing `\` or `<br>` ends the line) and at least one name is one
 * we read. A Progress line gives the outcome, a Status line where there is none or it is empty. The reader and the
 * page-preserving export both go through `readPropertyLines`, so they agree on what a
 * property line is and where its value sits.
 */

/** The most property lines a block holds; a longer paragraph is prose. */
export const MAX_PROPERTIES = 20;

/** What a property says of its item. */
export type PropertyRole = "owner" | "outcome" | "status" | "start" | "target" | "current";

export interface PropertyLine {
  /** The name as written (`Progress`). */
  name: string;
  role: PropertyRole | null;
  value: string;
  /** Where the value is in its line. */
  start: number;
  end: number;
}

const ROLES: ReadonlyArray<[PropertyRole, RegExp]> = [
  ["owner", /^(?:owners?|dri|lead|assignee|responsible|accountable)$/],
  ["outcome", /^(?:progress|score|grade)$/],
  ["status", /^(?:status|result|outcome)$/],
  ["start", /^(?:start(?:ing)?(?:\s+value)?|baseline)$/],
  ["target", /^(?:target(?:\s+value)?)$/],
  ["current", /^(?:current(?:\s+value)?|actual|latest)$/],
];

/** `Name: value`, `**Name:** value`, `**Name**: value`, `_Name:_ value`. */
const PROPERTY =
  /^\s*(\*\*|__|\*|_)?([\p{L}][\p{L}\d]*(?:[ -][\p{L}\d]+){0,2})(?::\1|\1:)(?!\/\/)[ \t]*(.*)$/u;

function roleOf(name: string): PropertyRole | null {
  const word = name.toLowerCase();
  for (const [role, pattern] of ROLES) if (pattern.test(word)) return role;
  return null;
}

/**
 * The property lines `lines` are, one for each; null unless every line is one and at least
 * one names a property we read.
 */
export function readPropertyLines(lines: readonly string[]): PropertyLine[] | null {
  if (lines.length === 0 || lines.length > MAX_PROPERTIES) return null;
  const out: PropertyLine[] = [];
  let known = false;
  for (const line of lines) {
    // A hard line break (`\` or two spaces) ends the line, not the value.
    let text = line.trimEnd();
    if (text.endsWith("\\")) text = text.slice(0, -1).trimEnd();
    else if (text.endsWith(">")) text = text.replace(/\s*<br\s*\/?>$/i, "");
    const m = PROPERTY.exec(text);
    if (m === null) return null;
    const name = m[2] ?? "";
    const value = m[3] ?? "";
    const role = roleOf(name);
    if (role !== null) known = true;
    const start = text.length - value.length;
    out.push({ name, role, value, start, end: start + value.length });
  }
  if (!known) return null;
  // A Status line alone holds the outcome; beside a Progress line, it speaks where that is empty.
  const status = out.find((p) => p.role === "status");
  if (status !== undefined && !out.some((p) => p.role === "outcome")) status.role = "outcome";
  return out;
}

/** The value of the first property of `role`, or null. */
export function propertyOf(properties: readonly PropertyLine[], role: PropertyRole): string | null {
  const found = properties.find((p) => p.role === role);
  return found === undefined || found.value === "" ? null : found.value;
}
