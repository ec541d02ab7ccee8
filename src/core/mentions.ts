/** `@mentions` in a comment: people named as the owner picker knows them ("@Olive Owner"). */
import { nameKey } from "./name-key.js";
import type { Id } from "./types.js";

/** A name that may be mentioned. */
export interface Mentionable {
  id: Id;
  name: string;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * The people a text mentions, in order of first mention: an `@` at the start or after a
 * character that is not part of a word, followed by a person's whole name, compared as names
 * are (`nameKey`: any case, composed or decomposed accents, runs of spaces; the longest name
 * wins, so "@Ann Lee" is Ann Lee, not Ann). An e-mail address is no mention.
 * @example findMentions("thanks @olive owner!", [{ id: "p1", name: "Olive Owner" }]) // ["p1"]
 */
export function findMentions(text: string, people: readonly Mentionable[]): Id[] {
  const byLength = people
    .map((p) => ({ id: p.id, name: nameKey(p.name) }))
    .filter((p) => p.name !== "")
    .sort((a, b) => b.name.length - a.name.length);
  // The text folded by the same rule: only which names follow an `@` is asked, not where.
  const lower = nameKey(text);
  const found: Id[] = [];
  for (let at = lower.indexOf("@"); at !== -1; at = lower.indexOf("@", at + 1)) {
    const before = at > 0 ? lower[at - 1] : undefined;
    if (before !== undefined && WORD.test(before)) continue;
    const rest = lower.slice(at + 1, at + 1 + 201);
    const match = byLength.find((p) => {
      if (!rest.startsWith(p.name)) return false;
      const after = rest[p.name.length];
      return after === undefined || !WORD.test(after);
    });
    if (match && !found.includes(match.id)) found.push(match.id);
  }
  return found;
}
