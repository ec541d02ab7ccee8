/** Lists that are prose, not OKRs: process descriptions and reading lists. */
import { parseLine, readsAsOkr } from "./line-grammar.js";

/**
 * A list that is plainly prose: every line a sentence of eight words or more, or a reference
 * (a link, "See …"), with no owner, number, outcome, bold objective or `KR:` label, nothing
 * nested. Process descriptions and reading lists under an "OKRs" heading look like this.
 */
export function isProseList(
  nodes: readonly { text: string; children: readonly unknown[] }[],
): boolean {
  return nodes.every((node) => {
    if (node.children.length > 0 || /\d/.test(node.text)) return false;
    if (readsAsOkr(parseLine(node.text))) return false;
    const text = node.text.trim();
    const reference = /^(?:\[[^\]]+\]\([^)]+\)|see\s)/i.test(text);
    const sentence = /[.!?]$/.test(text) && text.split(/\s+/).length >= 8;
    return reference || sentence;
  });
}
