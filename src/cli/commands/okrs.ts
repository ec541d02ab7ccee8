/**
 * The OKRs themselves in a terminal: `okr tree` (a period's cascade with its scores, as the web
 * app's tree and `GET /api/periods/{id}/tree` give it) and `okr mine --as EMAIL` (My OKRs and
 * what waits for a check-in). Both read as an account (`--as EMAIL`: a confidential target is
 * hidden as that account would see it) or, without one, as an admin. Each line ends with the
 * item's id, which `okr check-in add`, `okr comment` and `okr source` take. Titles are shown as
 * text (a link's words, no Markdown marks); `--json` gives them as written.
 */
import type { Command } from "commander";
import type { MyOkrs } from "../../app/my-okrs.js";
import type { PeriodTree, TreeObjectiveNode } from "../../app/tree.js";
import type { VisibleKeyResult } from "../../app/visibility.js";
import type { Owner } from "../../core/types.js";
import { plainText } from "../../markdown/inline-text.js";
import { actorFor, print } from "./conversation.js";
import { percent, periodOfFlag } from "./review.js";
import { withDatabase } from "./user.js";

const DB_FLAG = "--database-url <url>";
const DB_HELP = "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)";

interface Flags {
  period?: string;
  as?: string;
  json?: boolean;
  archived?: boolean;
  databaseUrl?: string;
}

const ownerText = (owner: Owner | null) => (owner ? ` (${owner.name})` : "");

const grouped = new Intl.NumberFormat("en", { maximumFractionDigits: 4 });
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 2 });

/** A number as a reader writes it (4,700; 9.4M), a percentage with its sign. */
export function amount(value: number, unit: VisibleKeyResult["unit"]): string {
  const text = Math.abs(value) >= 100_000 ? compact.format(value) : grouped.format(value);
  return unit === "percent" ? `${text}%` : text;
}

/** What a key result stands at: its progress, and where the reader may see them its figures. */
export function keyResultLine(kr: VisibleKeyResult): string {
  const parts = [percent(kr.progress)];
  if (kr.status && kr.status !== "in_progress") parts.push(kr.status.replace(/_/g, " "));
  if (kr.health) parts.push(kr.health.replace(/_/g, " "));
  if (kr.hidden) parts.push(kr.placeholder ?? "target hidden");
  else if (kr.kind === "metric" && kr.start !== null && kr.target !== null) {
    const now = kr.current === null ? "" : `, now ${amount(kr.current, kr.unit)}`;
    parts.push(`from ${amount(kr.start, kr.unit)} to ${amount(kr.target, kr.unit)}${now}`);
  } else if (kr.kind === "threshold" && kr.target !== null) {
    const now = kr.current === null ? "" : `, now ${amount(kr.current, kr.unit)}`;
    parts.push(`${kr.direction ?? "above"} ${amount(kr.target, kr.unit)}${now}`);
  }
  if (kr.lastCheckInAt) parts.push(`checked in ${kr.lastCheckInAt.slice(0, 10)}`);
  return `${plainText(kr.title)}${ownerText(kr.owner)} — ${parts.join(" · ")}  ${kr.id}`;
}

/** The tree as an outline: objectives with their scores, key results beneath, two spaces a level. */
export function formatTree(tree: PeriodTree): string {
  const { period, count } = tree;
  const lines = [
    `${period.label} (${period.start} – ${period.end})${period.closedAt ? ", closed" : ""} — company ${percent(tree.score.score)}, ${count.objectives} objectives, ${count.keyResults} key results`,
  ];
  const walk = (node: TreeObjectiveNode, indent: string) => {
    const o = node.objective;
    const capped = node.rollUp.capped ? " (capped)" : "";
    const status =
      o.status && o.status !== "in_progress" ? ` · ${o.status.replace(/_/g, " ")}` : "";
    lines.push(
      `${indent}Objective: ${plainText(o.title)}${ownerText(o.owner)} — ${percent(node.rollUp.score)}${capped}${status}  ${o.id}`,
    );
    for (const krNode of node.keyResults) {
      lines.push(`${indent}  KR: ${keyResultLine(krNode.keyResult)}`);
      for (const child of krNode.children) walk(child, `${indent}    `);
    }
    for (const child of node.children) walk(child, `${indent}  `);
  };
  for (const root of tree.roots) walk(root, "");
  if (tree.roots.length === 0) lines.push("No objectives in this period.");
  return `${lines.join("\n")}\n`;
}

/** My OKRs as text: objectives, key results, and what waits for a check-in. */
export function formatMine(mine: MyOkrs, who: string): string {
  const lines = [`OKRs of ${who} in open periods`];
  if (mine.objectives.length === 0 && mine.keyResults.length === 0) {
    lines.push("Nothing is yours in an open period.");
    return `${lines.join("\n")}\n`;
  }
  if (mine.objectives.length > 0) {
    lines.push("Objectives:");
    for (const o of mine.objectives)
      lines.push(`  ${plainText(o.title)} — ${percent(o.rollUp.score)}  ${o.id}`);
  }
  if (mine.keyResults.length > 0) {
    lines.push("Key results:");
    for (const kr of mine.keyResults) lines.push(`  ${keyResultLine(kr)}`);
  }
  const waiting = mine.waitingForCheckIn;
  // Next quarter's key results and finished ones wait for nobody, checked in or not.
  const allCheckedIn = mine.keyResults.every((kr) => kr.lastCheckInAt !== null);
  lines.push(
    waiting.length > 0
      ? `Waiting for a check-in (none in the last 7 days): ${waiting.length}`
      : mine.keyResults.length === 0
        ? "Nothing waits for a check-in."
        : allCheckedIn
          ? "Every key result of yours has a check-in from the last 7 days."
          : "Nothing waits for a check-in now: the rest are finished or in a period that has not begun.",
  );
  for (const kr of waiting) lines.push(`  ${plainText(kr.title)}  ${kr.id}`);
  return `${lines.join("\n")}\n`;
}

export function registerOkrCommands(program: Command): void {
  program
    .command("tree")
    .description("A period's OKRs as an outline with scores and ids (as --as EMAIL sees them)")
    .option("--period <label>", "the period (default: the current quarter, else the latest)")
    .option(
      "--as <email>",
      "read as this account: what it may not see stays hidden (default: as an admin)",
    )
    .option("--archived", "include archived objectives and key results")
    .option("--json", "print the tree as the API gives it")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: Flags) => {
      const { getPeriodTree } = await import("../../app/tree.js");
      const tree = await withDatabase(flags.databaseUrl, async (deps) => {
        const actor = await actorFor(deps, flags.as, null);
        const period = await periodOfFlag(
          deps,
          flags.period,
          "There is no period yet: import a page or create one",
        );
        return getPeriodTree(deps, actor, period.id, { includeArchived: flags.archived ?? false });
      });
      print(tree, flags.json, () => formatTree(tree));
    });
  program
    .command("mine")
    .description("My OKRs: what --as EMAIL owns in open periods, and what waits for a check-in")
    .requiredOption("--as <email>", "the account whose OKRs to show")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: Flags) => {
      const { getMyOkrs } = await import("../../app/my-okrs.js");
      const mine = await withDatabase(flags.databaseUrl, async (deps) =>
        getMyOkrs(deps, await actorFor(deps, flags.as, "whose OKRs")),
      );
      print(mine, flags.json, () => formatMine(mine, flags.as ?? ""));
    });
}
