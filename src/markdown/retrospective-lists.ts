/** Retrospectives: the GOOD, BAD and TRY lines of a team, found under its heading. */
import type { DocumentRetrospective } from "../core/document.js";
import { trimTrailingBackslashes } from "./inline-text.js";
import { retrospectiveHead } from "./line-grammar.js";
import type { LineNode, ListContext } from "./list-lines.js";

type Head = "good" | "bad" | "try";

/** The retrospective of `heading`'s team, added to `retrospectives` on first use. */
export function retrospectiveOf(
  retrospectives: DocumentRetrospective[],
  heading: string | null,
): DocumentRetrospective {
  const team = heading ?? "Team";
  let retro = retrospectives.find((r) => r.team === team);
  if (retro === undefined) {
    retro = { team, good: [], bad: [], try: [] };
    retrospectives.push(retro);
  }
  return retro;
}

/**
 * Adds the lines of `nodes` to `head`'s part, in order. With `headsSwitch`, a head met among
 * them (`BAD`) sends the lines after it to that part instead.
 */
function addLines(
  retro: DocumentRetrospective,
  head: Head,
  nodes: readonly LineNode[],
  headsSwitch: boolean,
): void {
  let bucket = retro[head];
  const add = (n: LineNode): void => {
    const next = headsSwitch ? retrospectiveHead(n.text) : null;
    if (next !== null) bucket = retro[next];
    else {
      const text = trimTrailingBackslashes(n.text.trimEnd()).trim();
      if (text !== "") bucket.push(text);
    }
    for (const child of n.children) add(child);
  };
  for (const node of nodes) add(node);
}

/**
 * Lines under a `#### Good` heading or a `**Bad:**` paragraph. A head met among them (`BAD`
 * written right under the last good line, which Markdown reads as part of the list) starts
 * that part: the lines after it go there.
 */
export function addToRetrospective(
  retro: DocumentRetrospective,
  head: Head,
  nodes: readonly LineNode[],
): void {
  addLines(retro, head, nodes, true);
}

/** Whether most lines of a list open with GOOD, BAD or TRY: a retrospective, not OKRs. */
export function isRetrospectiveList(nodes: readonly LineNode[]): boolean {
  const heads = nodes.filter((n) => retrospectiveHead(n.text) !== null).length;
  return heads > 0 && heads * 2 >= nodes.length;
}

/** A `- GOOD` / `- BAD` / `- TRY` list: the lines under each go to that part. */
export function readRetrospectiveList(
  retro: DocumentRetrospective,
  nodes: readonly LineNode[],
  page: Pick<ListContext, "problem">,
): void {
  for (const node of nodes) {
    const head = retrospectiveHead(node.text);
    if (head === null) {
      page.problem(
        node.line,
        "info",
        "ignored_line",
        "In a retrospective only GOOD, BAD and TRY lists are read; this line is ignored.",
      );
      continue;
    }
    addLines(retro, head, node.children, false);
  }
}
