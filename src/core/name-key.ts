/**
 * How names of people, teams and role titles compare: one rule everywhere a name is looked up
 * or matched (the store's look-ups by name and title, an import's owners, the owner model,
 * mentions, search, retrospectives, the dashboard). Two names are the same name when their
 * keys are equal (decisions/0059).
 */

/**
 * A name's key: Unicode NFC (so "e" followed by a combining acute is "é"), trimmed, every run
 * of white space one space, and lower case by the full Unicode rules ("ÉQUIPE" is "équipe").
 * @example nameKey("  Émilie   DUPONT ") // "émilie dupont"
 */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Whether two names are the same name: their keys are equal. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}
