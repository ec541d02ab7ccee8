/**
 * Export a period as handbook Markdown, the canonical JSON document, or CSV — as the actor may
 * see it. `public: true` (always, for readers who are not insiders) publishes it the way
 * Sourcegraph did: confidential objectives are left out, confidential targets become
 * `[*N<sub>0</sub>*][N0]` placeholders with a reference list, progress stays.
 */
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { OkrError } from "../core/errors.js";
import { buildTree, forEachObjectiveNode } from "../core/tree.js";
import type { Id, KeyResult, Objective, RollUp } from "../core/types.js";
import { findLinks, plainText } from "../markdown/inline-text.js";
import { isConfidential } from "../markdown/item-building.js";
import { formatOutcome, readOutcome } from "../markdown/outcome.js";
import { renderDocument } from "../markdown/render-document.js";
import { outcomeNow } from "../markdown/source-export/outcome-update.js";
import { getPeriod } from "../store/periods.repository.js";
import { listRetrospectives } from "../store/retrospectives.repository.js";
import { rollUpCompany } from "./dashboard-data.js";
import type { Actor, AppDeps } from "./deps.js";
import { csvOfDocument } from "./export-csv.js";
import { documentMeasureOf } from "./export-measure.js";
import { hideNumbers } from "./export-public.js";
import { exportSourcePage } from "./export-source.js";
import { isInsider } from "./permissions.js";
import { loadSettings } from "./settings.js";
import { loadVisiblePeriodItems } from "./tree.js";
import { findConfidentialIds } from "./visibility.js";

export const EXPORT_FORMATS = ["md", "json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STYLES = ["source", "house"] as const;
export type ExportStyle = (typeof EXPORT_STYLES)[number];

export interface ExportOptions {
  format: ExportFormat;
  /**
   * Markdown only. `source`: the page the period was imported from, edited only where the data
   * changed (the default when there is one); `house`: the house style (the default otherwise).
   */
  style?: ExportStyle;
  /** Publish: hide confidential objectives and target values behind placeholders. */
  public?: boolean;
}

export interface ExportResult {
  /** The file's text. */
  content: string;
  mediaType: string;
  /** A file name to save it under: `FY20-Q4-okrs.md`. */
  filename: string;
  document: OkrDocument;
  /** The style the Markdown was written in (house for json and csv). */
  style: ExportStyle;
}

const MEDIA_TYPES: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

type Node = { item: Objective | KeyResult; order: number };

function byPosition(a: Node, b: Node): number {
  return (
    a.item.position - b.item.position ||
    a.order - b.order ||
    (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0)
  );
}

/** Reference labels (`N0`) a title uses, with the URL its links give them. */
function referencesOf(item: Objective | KeyResult, into: Record<string, string>): void {
  for (const link of findLinks(item.title, {})) {
    if (link.ref === null) continue;
    const text = plainText(link.text);
    const url = item.links.find((l) => l.text === text)?.url;
    if (url !== undefined && into[link.ref] === undefined) into[link.ref] = url;
  }
}

/** The highest `N<k>` label in use, so new placeholders do not collide with written ones. */
function nextPlaceholderIndex(items: readonly (Objective | KeyResult)[]): number {
  let next = 0;
  for (const item of items) {
    for (const m of item.title.matchAll(/\]\[N(\d+)\]/g)) next = Math.max(next, Number(m[1]) + 1);
  }
  return next;
}

/**
 * The canonical document of a period as `actor` may see it; `publish` hides what only insiders
 * may see.
 */
export async function buildPeriodDocument(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  publish: boolean,
): Promise<OkrDocument> {
  const period = await getPeriod(deps.db, periodId);
  // The text is kept: publishing hides the numbers itself, with numbered references.
  const visible = await loadVisiblePeriodItems(deps.db, actor, periodId, { keepText: true });
  const all = [...visible.objectives, ...visible.keyResults];
  const hidden = publish ? findConfidentialIds(all) : new Set<Id>();
  const objectives = visible.objectives.filter((o) => !hidden.has(o.id));
  const keyResults = visible.keyResults.filter((k) => !hidden.has(k.id));
  const kept = new Set<Id>([...objectives, ...keyResults].map((i) => i.id));
  const references: Record<string, string> = {};
  let placeholder = nextPlaceholderIndex(all);
  // Scores as the tree and the dashboard compute them, over what this document shows.
  const settings = await loadSettings(deps.db);
  const roots = buildTree(objectives, keyResults, settings);
  const rollUps = new Map<Id, RollUp>();
  forEachObjectiveNode(roots, (node) => rollUps.set(node.objective.id, node.rollUp));
  const company = rollUpCompany(roots, settings);

  const childrenOf = new Map<Id | null, Node[]>();
  const add = (parentId: Id | null, node: Node) => {
    const list = childrenOf.get(parentId) ?? [];
    list.push(node);
    childrenOf.set(parentId, list);
  };
  for (const o of objectives) {
    const parentId = o.parentKeyResultId ?? o.parentObjectiveId ?? null;
    add(parentId !== null && kept.has(parentId) ? parentId : null, { item: o, order: 1 });
  }
  for (const k of keyResults) {
    if (kept.has(k.objectiveId)) add(k.objectiveId, { item: k, order: 0 });
  }

  const toItem = (node: Node): DocumentItem => {
    const source = node.item;
    referencesOf(source, references);
    const children = (childrenOf.get(source.id) ?? []).sort(byPosition).map(toItem);
    const base = {
      owner: source.owner?.name ?? null,
      title: source.title,
      outcome: source.outcome,
      status: source.status,
      links: source.links.map((l) => ({ text: l.text, url: l.url })),
      line: 0,
      children,
    };
    if (source.type === "objective") {
      return {
        kind: "objective",
        ...base,
        progress: readOutcome(source.outcome, source.title).progress,
        score: rollUps.get(source.id)?.score ?? null,
      };
    }
    const item: DocumentItem = {
      kind: "key_result",
      ...base,
      outcome: outcomeNow(
        source.outcome,
        source.progress,
        source.status,
        source.title,
        source.current,
      ),
      progress: source.progress,
    };
    const measured = documentMeasureOf(source);
    if (measured !== null) {
      item.measure = measured.measure;
      item.value = measured.value;
    }
    if (source.targetConfidential) {
      item.confidential = true;
      if (publish) {
        if (!isConfidential(source.title)) {
          const label = `N${placeholder}`;
          const hiddenTitle = hideNumbers(
            source.title,
            [source.start, source.target, source.current],
            label,
          );
          if (hiddenTitle !== source.title) {
            placeholder++;
            item.title = hiddenTitle;
            references[label] = `/api/key-results/${source.id}`;
          }
        }
        // A written outcome may spell the number out; the public sees the progress only.
        item.outcome = formatOutcome(item.progress, item.status);
      }
    }
    return item;
  };

  const items = (childrenOf.get(null) ?? []).sort(byPosition).map(toItem);
  const retrospectives = (await listRetrospectives(deps.db, periodId)).map((r) => ({
    team: r.team,
    good: r.good,
    bad: r.bad,
    try: r.try,
  }));
  return {
    format: "okr/1",
    title: `${period.label} OKRs`,
    period: { label: period.label, start: period.start, end: period.end },
    items,
    retrospectives,
    references,
    problems: [],
    score: { score: company.score, explanation: company.explanation },
  };
}

/**
 * Exports a period in `format`. Readers who are not insiders always get the public version.
 * @throws OkrError `invalid_input` for an unknown format, `not_found` for an unknown period
 */
export async function exportPeriod(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  options: ExportOptions,
): Promise<ExportResult> {
  const format = options.format;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new OkrError(
      "invalid_input",
      `Unknown export format "${String(format)}": expected ${EXPORT_FORMATS.join(", ")}.`,
      { field: "format" },
    );
  }
  const style = options.style;
  if (style !== undefined && !(EXPORT_STYLES as readonly string[]).includes(style)) {
    throw new OkrError(
      "invalid_input",
      `Unknown export style "${String(style)}": expected ${EXPORT_STYLES.join(", ")}.`,
      { field: "style" },
    );
  }
  const publish = options.public === true || !isInsider(actor);
  const document = await buildPeriodDocument(deps, actor, periodId, publish);
  const page =
    format === "md" && style !== "house"
      ? await sourcePage(deps, actor, periodId, publish)
      : undefined;
  if (style === "source" && page === undefined) {
    throw new OkrError(
      "invalid_input",
      publish
        ? "A public export hides confidential values, so it is written in the house style: drop style source."
        : "This period was not imported from a page, so it has no style of its own: use style house.",
      { field: "style" },
    );
  }
  const content =
    page !== undefined
      ? page
      : format === "json"
        ? `${JSON.stringify(document, null, 2)}\n`
        : format === "md"
          ? renderDocument(document)
          : csvOfDocument(document);
  const label = document.period?.label ?? "period";
  return {
    content,
    mediaType: MEDIA_TYPES[format],
    filename: `${label.replace(/[^\w.-]+/g, "-")}-okrs${publish ? "-public" : ""}.${format}`,
    document,
    style: page !== undefined ? "source" : "house",
  };
}

/** The imported page, spliced with the current data; never for a public export. */
async function sourcePage(
  deps: AppDeps,
  actor: Actor,
  periodId: Id,
  publish: boolean,
): Promise<string | undefined> {
  if (publish) return undefined;
  return (await exportSourcePage(deps.db, actor, periodId))?.result.text;
}
