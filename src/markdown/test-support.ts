/** Helpers for the markdown tests: compare documents, walk items. */
import type { DocumentItem, OkrDocument } from "../core/document.js";

/** Every item of a tree, depth first. */
export function flatten(items: DocumentItem[]): DocumentItem[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}

function withoutLines(items: DocumentItem[]): unknown[] {
  // Scores are an export's extra, computed by the app; Markdown does not carry them.
  return items.map(({ line: _line, score: _score, children, ...rest }) => ({
    ...rest,
    children: withoutLines(children),
  }));
}

/** What must survive render -> parse: everything but line numbers, problems and scores. */
export function comparable(doc: OkrDocument): unknown {
  return {
    title: doc.title,
    period: doc.period,
    items: withoutLines(doc.items),
    retrospectives: doc.retrospectives,
    references: doc.references,
  };
}
