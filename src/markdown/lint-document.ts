/**
 * OKR quality rules over a canonical document. Errors make the page wrong (a placeholder left
 * in, outcomes that cannot be matched to their KRs); warnings are about quality (a KR without a
 * number, an objective with six KRs, a team at 100% everywhere).
 */
import type { DocumentItem, OkrDocument, Problem } from "../core/document.js";
import { plainText } from "./inline-text.js";
import { claimsMeasure, isMilestone } from "./measure-words.js";
import { readOutcome, splitOutcomeList } from "./outcome.js";
import { measureOfTitle } from "./title-measure.js";

const PLACEHOLDERS: Array<[RegExp, string]> = [
  [/\bX\w{0,4}%?\s+to\s+Y\w{0,4}\b/, "X to Y"],
  [/\bXXX\b/i, "XXX"],
  [/\?\?\s*%/, "??%"],
  [/\?\?/, "??"],
  [/(?<!\p{L})[xX]{2}\s?%/u, "xx%"],
  [/[$€£]\s?X(?:\.X+)?(?:k|m|mm|bn|b)?(?!\p{L})/iu, "$X"],
  [/\bTODO\b/, "TODO"],
  [/\bTBD\b/i, "TBD"],
  [/\bX\s?%|\b(?:by|to|from|of|Sourced|Hired|at)\s+X\b/, "X"],
];

/** Every placeholder has one of these in it: most titles are skipped with a few plain searches. */
function maybePlaceholder(text: string): boolean {
  return (
    text.includes("X") ||
    text.includes("??") ||
    text.includes("TODO") ||
    text.includes("xx") ||
    ((text.includes("b") || text.includes("B")) && TBD.test(text))
  );
}

const TBD = /tbd/i;

const NUMBER_WORDS =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|double|triple|twice|half|zero)\b/i;

/** Roll-ups and reported progress may differ by rounding; beyond this they disagree. */
const ROLL_UP_TOLERANCE = 0.1;

const MAX_KEY_RESULTS = 5;

function describe(item: DocumentItem): string {
  const title = plainText(item.title);
  const short = title.length > 60 ? `${title.slice(0, 57)}…` : title;
  return item.owner ? `${item.owner}: ${short}` : short;
}

function isGrouping(item: DocumentItem): boolean {
  return item.kind === "objective" && item.title.trim() === "";
}

const PERCENT_OUTCOME = /^[~≈]?\s*(\d+(?:\.\d+)?)\s*%/;

/**
 * Why `=> N%` on a key result measured in percent may be its value, not its progress: it lies
 * on the held side of the line the title holds (`below 10% => 8%`), or between the title's two
 * ends (`from 2% to 4% => 3%`). The page's convention reads it as progress; null when no doubt.
 */
function percentDoubt(title: string, outcome: string, progress: number | null): string | null {
  const m = PERCENT_OUTCOME.exec(outcome);
  // A measure in percent writes a `%` in its title.
  if (m?.[1] === undefined || progress === null || progress >= 1 || !title.includes("%"))
    return null;
  const measure = measureOfTitle(title);
  if (measure?.unit !== "percent") return null;
  const value = Number(m[1]);
  const said = `"=> ${m[1]}%" is read as ${m[1]}% progress`;
  if (measure.kind === "threshold") {
    const held = measure.direction === "below" ? value <= measure.target : value >= measure.target;
    if (!held) return null;
    return `${said}, yet it holds the line of "${title}": write "=> 100%" (or "Done") if the line held.`;
  }
  const low = Math.min(measure.start ?? 0, measure.target);
  const high = Math.max(measure.start ?? 0, measure.target);
  if (value <= low || value >= high) return null;
  return `${said}, yet it lies between the ends of "${title}": if it is where the figure stands, write its progress instead.`;
}

/** Lints a document's items; returns the problems, sorted by line. */
export function lintDocument(doc: Pick<OkrDocument, "items">): Problem[] {
  const problems: Problem[] = [];
  const add = (item: DocumentItem, severity: Problem["severity"], code: string, message: string) =>
    problems.push({ line: item.line, severity, code, message });

  // Each title and outcome is made plain once: the rules and the duplicate check share it.
  const visit = (item: DocumentItem, title: string): void => {
    const outcome = item.outcome === null ? "" : plainText(item.outcome);
    if (!isGrouping(item)) {
      for (const text of [title, outcome]) {
        if (!maybePlaceholder(text)) continue;
        for (const [pattern, name] of PLACEHOLDERS) {
          if (pattern.test(text)) {
            add(
              item,
              "error",
              "placeholder",
              `Placeholder "${name}" left in: "${describe(item)}". Put in the real number.`,
            );
            break;
          }
        }
      }
      if (item.owner === null) {
        add(item, "warning", "missing_owner", `No owner for "${describe(item)}".`);
      }
    }
    if (
      item.kind === "key_result" &&
      !item.confidential &&
      item.measure === undefined &&
      !/\d/.test(title) &&
      !NUMBER_WORDS.test(title) &&
      claimsMeasure(title) &&
      !isMilestone(title)
    ) {
      // A milestone ("Ship X") is done or not done; only a promised change in a figure
      // ("Increase EE trials") needs a number.
      add(
        item,
        "warning",
        "kr_not_measurable",
        `Key result without a number: "${describe(item)}" promises a change but does not say how much ("from 8 to 10", "90%").`,
      );
    }
    // A value read apart from the outcome's words (a Current cell) is no progress in doubt.
    if (item.kind === "key_result" && item.outcome !== null && item.value === undefined) {
      const doubt = percentDoubt(title, outcome, item.progress);
      if (doubt !== null) add(item, "warning", "percent_read_as_progress", doubt);
    }
    // A Progress cell or line beside the figures that give another progress: the figures count.
    if (item.value !== undefined && item.progress !== null && item.outcome !== null) {
      const said = readOutcome(item.outcome).progress;
      if (said !== null && Math.abs(said - item.progress) > ROLL_UP_TOLERANCE) {
        add(
          item,
          "warning",
          "progress_disagrees_with_value",
          `"${describe(item)}" says ${Math.round(said * 100)}% but its figures (start, target, current) give ${Math.round(item.progress * 100)}%, and the figures are what count.`,
        );
      }
    }
    if (item.progress !== null && item.progress > 1) {
      add(
        item,
        "warning",
        "progress_above_100",
        `Progress ${Math.round(item.progress * 100)}% on "${describe(item)}": was the target set too low?`,
      );
    }
    if (item.kind === "objective" && !isGrouping(item)) {
      const krs = item.children.filter((c) => c.kind === "key_result");
      if (item.children.length === 0) {
        add(
          item,
          "warning",
          "objective_without_key_results",
          `Objective without key results: "${describe(item)}".`,
        );
      } else if (krs.length > MAX_KEY_RESULTS) {
        add(
          item,
          "warning",
          "too_many_key_results",
          `${krs.length} key results on "${describe(item)}"; keep it to ${MAX_KEY_RESULTS} or fewer.`,
        );
      }
      const list = item.outcome === null ? null : splitOutcomeList(item.outcome);
      if (list !== null && list.length !== krs.length) {
        add(
          item,
          "error",
          "outcome_count_mismatch",
          `${list.length} outcomes after => but ${krs.length} key result${krs.length === 1 ? "" : "s"} on "${describe(item)}"; give one outcome per key result, in order.`,
        );
      }
      const measured = krs.filter((kr) => kr.progress !== null);
      if (item.progress !== null && krs.length > 0 && measured.length === krs.length) {
        const rollUp =
          measured.reduce((sum, kr) => sum + Math.min(kr.progress ?? 0, 1), 0) / measured.length;
        if (Math.abs(rollUp - Math.min(item.progress, 1)) > ROLL_UP_TOLERANCE) {
          add(
            item,
            "warning",
            "rollup_mismatch",
            `"${describe(item)}" reports ${Math.round(item.progress * 100)}% but its key results average ${Math.round(rollUp * 100)}%.`,
          );
        }
      }
    }
    const titles = item.children.map((child) => plainText(child.title));
    // Siblings by the length of their title: only titles of one length can be the same, and
    // most lengths hold one title, so few titles are made lower case and looked up by it.
    const byLength = new Map<number, number | Map<string, DocumentItem>>();
    const keyOf = (child: DocumentItem, title: string) =>
      `${child.kind}|${child.owner ?? ""}|${title.toLowerCase()}`;
    for (const [index, child] of item.children.entries()) {
      if (isGrouping(child) || item.children.length < 2) continue;
      const title = titles[index] as string;
      const bucket = byLength.get(title.length);
      if (bucket === undefined) {
        byLength.set(title.length, index);
        continue;
      }
      let keyed = bucket;
      if (typeof keyed === "number") {
        const only = item.children[keyed] as DocumentItem;
        keyed = new Map([[keyOf(only, titles[keyed] as string), only]]);
        byLength.set(title.length, keyed);
      }
      const key = keyOf(child, title);
      const first = keyed.get(key);
      if (first !== undefined) {
        add(
          child,
          "warning",
          child.kind === "key_result" ? "duplicate_key_result" : "duplicate_objective",
          `"${describe(child)}" is written twice (first on line ${first.line}).`,
        );
      } else {
        keyed.set(key, child);
      }
    }
    for (const [index, child] of item.children.entries()) visit(child, titles[index] as string);
  };
  const root: DocumentItem = {
    kind: "objective",
    owner: null,
    title: "",
    outcome: null,
    progress: null,
    status: null,
    links: [],
    line: 0,
    children: doc.items,
  };
  visit(root, "");
  return problems.sort(
    (a, b) => a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
