/**
 * Pages that live in git: an imported page exports as the same bytes, and a change in the
 * database changes only the lines of the items it touched, in the page's own style.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { diffComm } from "node-diff3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { KeyResult, Objective } from "../core/types.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import { linePrefix } from "../markdown/source-export/locate.js";
import { findPageSource } from "../store/page-sources.repository.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { checkIn } from "./check-ins.js";
import { SYSTEM_ACTOR } from "./deps.js";
import { exportPeriod } from "./export.js";
import { importMarkdown } from "./import.js";
import {
  archiveKeyResult,
  createKeyResult,
  moveKeyResult,
  updateKeyResult,
} from "./key-results.js";
import { createObjective } from "./objectives.js";

const SEEDS = resolve(import.meta.dirname, "../../../shared/seeds");
const seeds = existsSync(SEEDS)
  ? readdirSync(SEEDS)
      .filter((f) => /^\d{3}_/.test(f))
      .sort()
  : [];
if (seeds.length === 0)
  console.warn(`export-source.test: no seeds at ${SEEDS}; seed cases skipped`);

const PAGE = [
  "---",
  'title: "FY21-Q3 OKRs"',
  "description: Our quarter, kept in git.",
  "---",
  "",
  "Intro prose that no export should touch.",
  "",
  "## Objectives",
  "",
  "1. **Sales: Grow the pipeline.** => 50%",
  "    1. Sales KR: Book 40 demos. => 25%",
  "    1. Sales KR: Close [10 deals](https://example.com/issues/7).",
  "1. **Support: Answer quickly.**",
  "    1. Support KR: First answer within 4 hours. => Done",
  "",
  "| a | table |",
  "|---|-------|",
  "",
  "[ref]: https://example.com",
  "",
].join("\n");

/** Lines of `b` that are not in `a` and lines of `a` not in `b`, as a diff would show them. */
function changes(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffComm(a.split("\n"), b.split("\n"))) {
    if ("buffer1" in part) {
      removed.push(...(part.buffer1 as string[]));
      added.push(...(part.buffer2 as string[]));
    }
  }
  return { removed, added };
}

async function exportMd(fx: AppFixture, periodId: string): Promise<string> {
  return (await exportPeriod(fx.deps, SYSTEM_ACTOR, periodId, { format: "md" })).content;
}

async function items(fx: AppFixture, periodId: string): Promise<(Objective | KeyResult)[]> {
  const { objectives, keyResults } = await listPeriodItems(fx.deps.db, periodId);
  return [...objectives, ...keyResults];
}

describe.each(DIALECTS)("source-preserving export (%s)", (dialect) => {
  let fx: AppFixture;
  beforeEach(async () => {
    fx = await openAppFixture(dialect);
  });
  afterEach(async () => {
    await fx.close();
  });

  it("writes the page back byte for byte, and only the changed lines after edits", async () => {
    const { periodId } = await importMarkdown(fx.deps, SYSTEM_ACTOR, PAGE);
    expect(await exportMd(fx, periodId)).toBe(PAGE);
    const house = await exportPeriod(fx.deps, SYSTEM_ACTOR, periodId, {
      format: "md",
      style: "house",
    });
    expect(house.style).toBe("house");
    expect(house.content).not.toBe(PAGE);

    const all = await items(fx, periodId);
    const demos = all.find((i) => i.title === "Book 40 demos.") as KeyResult;
    await checkIn(fx.deps, SYSTEM_ACTOR, demos.id, { progress: 0.42 });
    const afterCheckIn = await exportMd(fx, periodId);
    expect(changes(PAGE, afterCheckIn)).toEqual({
      removed: ["    1. Sales KR: Book 40 demos. => 25%"],
      added: ["    1. Sales KR: Book 40 demos. => 42%"],
    });

    const deals = all.find((i) => i.title.startsWith("Close")) as KeyResult;
    await updateKeyResult(fx.deps, SYSTEM_ACTOR, deals.id, {
      version: deals.version,
      title: "Close [12 deals](https://example.com/issues/7).",
    });
    const afterTitle = await exportMd(fx, periodId);
    expect(changes(afterCheckIn, afterTitle)).toEqual({
      removed: ["    1. Sales KR: Close [10 deals](https://example.com/issues/7)."],
      added: ["    1. Sales KR: Close [12 deals](https://example.com/issues/7)."],
    });

    const sales = all.find((i) => i.title === "Grow the pipeline.") as Objective;
    await createKeyResult(fx.deps, SYSTEM_ACTOR, {
      objectiveId: sales.id,
      title: "Hire two account executives.",
      kind: "percentage",
      owner: "Sales",
      position: 5,
    });
    const afterNew = await exportMd(fx, periodId);
    const inserted = changes(afterTitle, afterNew);
    expect(inserted).toEqual({
      removed: [],
      added: ["    1. Sales KR: Hire two account executives."],
    });
    const lines = afterNew.split("\n");
    expect(lines.indexOf(inserted.added[0] ?? "")).toBe(
      lines.indexOf("    1. Sales KR: Close [12 deals](https://example.com/issues/7).") + 1,
    );

    const answer = all.find((i) => i.title.startsWith("First answer")) as KeyResult;
    await archiveKeyResult(fx.deps, SYSTEM_ACTOR, answer.id, { version: answer.version });
    const afterArchive = await exportMd(fx, periodId);
    expect(changes(afterNew, afterArchive)).toEqual({
      removed: ["    1. Support KR: First answer within 4 hours. => Done"],
      added: [],
    });

    // The page parses to what the database holds.
    const parsed = parseHandbook(afterArchive);
    const salesItem = parsed.items.find((i) => i.title === "Grow the pipeline.");
    expect(salesItem?.children.map((c) => [c.owner, c.title, c.progress])).toEqual([
      ["Sales", "Book 40 demos.", 0.42],
      ["Sales", "Close [12 deals](https://example.com/issues/7).", null],
      ["Sales", "Hire two account executives.", null],
    ]);
    expect(parsed.items.find((i) => i.title === "Answer quickly.")?.children).toEqual([]);
  });

  it("writes a new objective with its key result in the siblings' style", async () => {
    const { periodId } = await importMarkdown(fx.deps, SYSTEM_ACTOR, PAGE);
    const objective = await createObjective(fx.deps, SYSTEM_ACTOR, {
      periodId,
      title: "Ship the new pricing.",
      owner: "Product",
      position: 9,
    });
    await createKeyResult(fx.deps, SYSTEM_ACTOR, {
      objectiveId: objective.id,
      title: "Publish the price page.",
      kind: "percentage",
      owner: "Product",
    });
    const page = await exportMd(fx, periodId);
    expect(changes(PAGE, page)).toEqual({
      removed: [],
      added: [
        "1. **Product: Ship the new pricing.**",
        "    1. Product KR: Publish the price page.",
      ],
    });
  });

  it("moves a key result's line when it moves to another objective in the app", async () => {
    const { periodId } = await importMarkdown(fx.deps, SYSTEM_ACTOR, PAGE);
    const all = await items(fx, periodId);
    const deals = all.find((i) => i.title.startsWith("Close")) as KeyResult;
    const support = all.find((i) => i.title === "Answer quickly.") as Objective;
    await moveKeyResult(fx.deps, SYSTEM_ACTOR, deals.id, {
      version: deals.version,
      objectiveId: support.id,
      position: 5,
    });
    const page = await exportMd(fx, periodId);
    const lines = page.split("\n");
    const moved = "    1. Sales KR: Close [10 deals](https://example.com/issues/7).";
    expect(changes(PAGE, page).removed).toEqual([moved]);
    expect(lines.indexOf(moved)).toBe(
      lines.indexOf("    1. Support KR: First answer within 4 hours. => Done") + 1,
    );
    const parsed = parseHandbook(page).items.find((i) => i.title === "Answer quickly.");
    expect(parsed?.children.map((c) => c.title)).toEqual([
      "First answer within 4 hours.",
      "Close [10 deals](https://example.com/issues/7).",
    ]);
  });

  it("keeps the house style for a period made in the app, and says so when asked for source", async () => {
    const { periodId } = await importMarkdown(fx.deps, SYSTEM_ACTOR, PAGE);
    const json = (await exportPeriod(fx.deps, SYSTEM_ACTOR, periodId, { format: "json" })).content;
    const other = await importMarkdown(fx.deps, SYSTEM_ACTOR, json, { periodLabel: "FY21-Q4" });
    const result = await exportPeriod(fx.deps, SYSTEM_ACTOR, other.periodId, { format: "md" });
    expect(result.style).toBe("house");
    await expect(
      exportPeriod(fx.deps, SYSTEM_ACTOR, other.periodId, { format: "md", style: "source" }),
    ).rejects.toThrow(/not imported from a page/);
  });

  it.each(seeds)("seed %s: byte-identical, one check-in line, one inserted line", async (seed) => {
    const text = readFileSync(resolve(SEEDS, seed), "utf8");
    const { periodId } = await importMarkdown(fx.deps, SYSTEM_ACTOR, text);
    expect(await exportMd(fx, periodId)).toBe(text);
    const all = await items(fx, periodId);
    const krs = all.filter((i): i is KeyResult => i.type === "key_result");
    const kr = krs.sort((a, b) => a.position - b.position)[0] as KeyResult;
    await checkIn(fx.deps, SYSTEM_ACTOR, kr.id, { progress: 0.42 });
    const afterCheckIn = await exportMd(fx, periodId);
    const diff = changes(text, afterCheckIn);
    expect(diff.removed.length).toBe(1);
    expect(diff.added.length).toBe(1);
    expect(diff.added[0]).toContain("42%");
    const reparsed = parseHandbook(afterCheckIn);
    const flat = (list: typeof reparsed.items): typeof reparsed.items =>
      list.flatMap((i) => [i, ...flat(i.children)]);
    expect(flat(reparsed.items).some((i) => i.kind === "key_result" && i.progress === 0.42)).toBe(
      true,
    );

    // A new key result beside siblings that each have a line of their own.
    const source = (await findPageSource(fx.deps.db, periodId))?.items ?? [];
    const perLine = new Map<number, number>();
    for (const s of source) perLine.set(s.line, (perLine.get(s.line) ?? 0) + 1);
    const own = source.filter((s) => s.kind === "key_result" && perLine.get(s.line) === 1);
    const sibling = own.find((s) => own.filter((o) => o.parentId === s.parentId).length > 1);
    if (sibling === undefined || sibling.parentId === null) throw new Error("no siblings");
    await createKeyResult(fx.deps, SYSTEM_ACTOR, {
      objectiveId: sibling.parentId,
      title: "A brand new key result.",
      kind: "percentage",
      position: 999,
    });
    const afterNew = await exportMd(fx, periodId);
    const added = changes(afterCheckIn, afterNew);
    expect(added.removed).toEqual([]);
    expect(added.added.length).toBe(1);
    const line = added.added[0] ?? "";
    expect(line).toContain("A brand new key result.");
    // Written like the siblings: the same indent and list marker.
    const textLines = text.split("\n");
    const prefixes = own
      .filter((o) => o.parentId === sibling.parentId)
      .map((o) => linePrefix(textLines[o.line - 1] ?? ""));
    expect(prefixes).toContain(linePrefix(line));
    const parent = flat(parseHandbook(afterNew).items).find((i) =>
      i.children.some((c) => c.title.includes("A brand new key result.")),
    );
    expect(parent?.kind).toBe("objective");
  });
});
