import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { isOkrError } from "../core/errors.js";
import type { Id } from "../core/types.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import { comparable } from "../markdown/test-support.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listRetrospectives } from "../store/retrospectives.repository.js";
import { exportPeriod } from "./export.js";
import { importMarkdown, previewImport } from "./import.js";
import { closePeriod, getPeriod } from "./periods.js";
import { putSettings } from "./settings.js";

const FIXTURES = resolve(import.meta.dirname, "../markdown/fixtures");
const SEEDS = resolve(import.meta.dirname, "../../../shared/seeds");

const PAGE = [
  "---",
  'title: "FY20-Q4 OKRs"',
  "---",
  "",
  '<p class="h3">1. CEO: IACV</p>',
  "",
  "1. **CRO: Build strong FY21 pipeline.** => 80%",
  "    1. CRO KR: FY21-Q1 pipeline at 2X target => 100%",
  "    1. CRO KR: Reach [*$N<sub>0</sub>*][N0] in expansion IARR => 60%",
  "        1. **VP, Field Ops: Instrument systems to [targets](https://example.com/issues/1).**",
  "            1. VP Field Ops KR: Put targets into 3 tools. => will carry over into Q1FY21",
  "1. VPE",
  "    1. Support: Answer within 1 hour => 94%",
  "",
  "### Support",
  "",
  "- GOOD",
  "  - Hired to plan",
  "- BAD",
  "  - Too many tickets",
  "- TRY",
  "  - Fewer meetings",
  "",
  "[N0]: https://example.com/plan#n0",
  "",
].join("\n");

async function snapshot(fx: AppFixture, periodId: Id): Promise<string> {
  const items = await listPeriodItems(fx.deps.db, periodId);
  const retros = await listRetrospectives(fx.deps.db, periodId);
  return JSON.stringify({ items, retros });
}

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (isOkrError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each(DIALECTS)("import and export (%s)", (dialect) => {
  let fx: AppFixture;
  let periodId: Id;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    await putSettings(fx.deps, ADMIN, { calendar: { startMonth: 2, naming: "end" } });
  });
  afterAll(() => fx.close());

  it("imports a page into the period it names, creating it from the fiscal calendar", async () => {
    const result = await importMarkdown(fx.deps, INSIDER_EDITOR, PAGE);
    periodId = result.periodId;
    // 4 objectives (CEO, CRO, VP Field Ops, VPE), 4 key results, 1 team retrospective.
    expect(result).toMatchObject({ created: 9, updated: 0, unchanged: 0, periodCreated: true });
    const { objectives, keyResults } = await listPeriodItems(fx.deps.db, periodId);
    const byTitle = (title: string) =>
      [...objectives, ...keyResults].find((i) => i.title.includes(title));
    const ceo = byTitle("IACV");
    const cro = byTitle("Build strong");
    const kr = byTitle("expansion IARR");
    const vp = byTitle("Instrument systems");
    expect(cro).toMatchObject({
      type: "objective",
      parentObjectiveId: ceo?.id,
      outcome: "80%",
      status: "in_progress",
    });
    expect(kr).toMatchObject({
      type: "key_result",
      objectiveId: cro?.id,
      targetConfidential: true,
      progress: 0.6,
      owner: { kind: "role", name: "CRO" },
    });
    expect(kr?.links).toMatchObject([{ text: "$N0", url: "https://example.com/plan#n0" }]);
    expect(vp).toMatchObject({ parentKeyResultId: kr?.id, owner: { name: "VP, Field Ops" } });
    expect(vp?.links).toMatchObject([{ kind: "issue", url: "https://example.com/issues/1" }]);
    expect(byTitle("Put targets")).toMatchObject({ status: "carried_over" });
    const vpe = objectives.find((o) => o.owner?.name === "VPE");
    expect(vpe).toMatchObject({ title: "", parentObjectiveId: ceo?.id });
    expect(await listRetrospectives(fx.deps.db, periodId)).toMatchObject([
      {
        team: "Support",
        good: ["Hired to plan"],
        bad: ["Too many tickets"],
        try: ["Fewer meetings"],
      },
    ]);
  });

  it("changes nothing when the same page is imported again", async () => {
    const before = await snapshot(fx, periodId);
    const again = await importMarkdown(fx.deps, INSIDER_EDITOR, PAGE);
    expect(again).toMatchObject({
      periodId,
      created: 0,
      updated: 0,
      unchanged: 9,
      periodCreated: false,
    });
    expect(await snapshot(fx, periodId)).toBe(before);
  });

  it("previews an edited page without writing: what is new, what changes", async () => {
    const before = await snapshot(fx, periodId);
    const edited = PAGE.replace("=> 94%", "=> 97%").replace(
      "1. VPE\n",
      "1. VPE\n    1. Quality: Hire 2 managers => 50%\n",
    );
    const preview = await previewImport(fx.deps, INSIDER_EDITOR, edited);
    expect(preview.document.period?.label).toBe("FY20-Q4");
    const changed = preview.changes.filter((c) => c.action !== "unchanged");
    expect(changed).toEqual([
      { action: "create", entity: "key_result", line: 13, label: "Quality: Hire 2 managers" },
      {
        action: "update",
        entity: "key_result",
        line: 14,
        label: "Support: Answer within 1 hour",
        fields: ["outcome", "progress", "position"],
      },
    ]);
    expect(await snapshot(fx, periodId)).toBe(before);
    const applied = await importMarkdown(fx.deps, INSIDER_EDITOR, edited);
    expect(applied).toMatchObject({ created: 1, updated: 1, unchanged: 8 });
  });

  it("import -> export (json) -> import leaves the database unchanged", async () => {
    const before = await snapshot(fx, periodId);
    const exported = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "json" });
    expect(exported.mediaType).toContain("application/json");
    const result = await importMarkdown(fx.deps, INSIDER_EDITOR, exported.content);
    expect(result).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot(fx, periodId)).toBe(before);
  });

  it("exports Markdown that parses back to the exported document", async () => {
    const json = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "json" });
    const md = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, {
      format: "md",
      style: "house",
    });
    expect(md.filename).toBe("FY20-Q4-okrs.md");
    expect(md.content).toContain("- **CRO: Build strong FY21 pipeline.** => 80%");
    expect(md.content).toContain("[N0]: https://example.com/plan#n0");
    expect(comparable(parseHandbook(md.content))).toEqual(comparable(json.document));
  });

  it("exports CSV, one row per item", async () => {
    const csv = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "csv" });
    const rows = csv.content.trimEnd().split("\r\n");
    expect(rows[0]).toBe(
      "period,level,kind,owner,title,outcome,progress,status,confidential,links,score",
    );
    expect(rows).toHaveLength(1 + 9);
    // The objective's score is its key results' (1 and 0.6) and the aligned objective's (not scored).
    expect(rows).toContain(
      "FY20-Q4,2,objective,CRO,Build strong FY21 pipeline.,80%,0.8,in_progress,false,,0.8",
    );
  });

  it("publishes with confidential values behind N0 placeholders, as Sourcegraph did", async () => {
    // A key result whose target is confidential and written as a number in its title.
    await importMarkdown(
      fx.deps,
      EDITOR,
      PAGE.replace(
        "1. VPE\n",
        "1. **CFO: Grow revenue.**\n    1. CFO KR: Reach $1,200,000 in new ARR => $1.1M so far\n1. VPE\n",
      ),
    );
    const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
    const secret = keyResults.find((k) => k.title.includes("$1,200,000"));
    expect(secret).toMatchObject({ type: "key_result", targetConfidential: false });
    await fx.deps.db
      .updateTable("key_results")
      .set({ target_confidential: 1, target_value: 1_200_000, progress: 0.9 })
      .where("id", "=", secret?.id ?? "")
      .execute();
    const published = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, {
      format: "md",
      public: true,
    });
    expect(published.filename).toBe("FY20-Q4-okrs-public.md");
    expect(published.content).toContain("- CFO KR: Reach [*$N<sub>1</sub>*][N1] in new ARR => 90%");
    expect(published.content).not.toContain("1,200,000");
    expect(published.content).not.toContain("1.1M");
    expect(published.content).toContain(`[N1]: /api/key-results/${secret?.id}`);
    expect(published.content).toContain("[N0]: https://example.com/plan#n0");
    // Readers who are not insiders always get the public version.
    const forViewer = await exportPeriod(fx.deps, VIEWER, periodId, { format: "md" });
    expect(forViewer.content).toBe(published.content);
    const insider = await exportPeriod(fx.deps, INSIDER_EDITOR, periodId, { format: "md" });
    expect(insider.content).toContain("$1,200,000");
  });

  it("refuses what cannot be imported, with reasons", async () => {
    expect(
      await refusal(() => importMarkdown(fx.deps, INSIDER_EDITOR, "# README\n\nJust text.\n")),
    ).toMatch(/^invalid_input: Nothing to import: line 1: No OKRs found/);
    expect(
      await refusal(() => importMarkdown(fx.deps, INSIDER_EDITOR, "- CEO: Grow revenue => 50%\n")),
    ).toMatch(/^invalid_input: The page names no period/);
    expect(
      await refusal(() => importMarkdown(fx.deps, INSIDER_EDITOR, '{"format": "okr/1",')),
    ).toMatch(/^invalid_input: Invalid JSON: .* at line 1, column \d+/);
    expect(
      await refusal(() => importMarkdown(fx.deps, INSIDER_EDITOR, '{"format": "okr/2"}')),
    ).toMatch(/^invalid_input: Not a canonical OKR document/);
    expect(await refusal(() => importMarkdown(fx.deps, VIEWER, PAGE))).toMatch(/^forbidden/);
    await closePeriod(fx.deps, EDITOR, periodId);
    expect(await refusal(() => importMarkdown(fx.deps, INSIDER_EDITOR, PAGE))).toMatch(
      /^period_closed/,
    );
  });

  it("imports every fixture page twice: the second time changes nothing", async () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith(".txt"))) {
      const text = readFileSync(resolve(FIXTURES, name), "utf8");
      const first = await importMarkdown(fx.deps, INSIDER_EDITOR, text, {
        periodLabel: `FY30-Q${1 + (name.length % 4)}`,
      });
      const second = await importMarkdown(fx.deps, INSIDER_EDITOR, text, {
        periodLabel: `FY30-Q${1 + (name.length % 4)}`,
      });
      expect(second.created, name).toBe(0);
      expect(second.updated, name).toBe(0);
      expect(first.periodId).toBe(second.periodId);
    }
  });
});

describe.skipIf(!existsSync(SEEDS))("import of the seed pages (sqlite)", () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite");
  });
  afterAll(() => fx.close());

  it("imports each page, then imports it again and export -> import without a change", async () => {
    for (const [index, name] of readdirSync(SEEDS).sort().entries()) {
      const text = readFileSync(resolve(SEEDS, name), "utf8");
      // Two pages are FY20-Q2 (GitLab's and Sourcegraph's): each page gets a period of its own.
      const options = { periodLabel: `FY4${index}-Q1` };
      const first = await importMarkdown(fx.deps, INSIDER_EDITOR, text, options);
      expect(first.created, name).toBeGreaterThan(100);
      const before = await snapshot(fx, first.periodId);
      const second = await importMarkdown(fx.deps, INSIDER_EDITOR, text, options);
      expect(second.created + second.updated, name).toBe(0);
      const exported = await exportPeriod(fx.deps, ADMIN, first.periodId, { format: "json" });
      const third = await importMarkdown(fx.deps, INSIDER_EDITOR, exported.content);
      expect(third.created + third.updated, name).toBe(0);
      expect(await snapshot(fx, first.periodId), name).toBe(before);
    }
  });
});

describe("where JSON breaks", () => {
  it("names the line and column of the first error", async () => {
    const { findJsonError, lineAndColumn } = await import("./import-json.js");
    expect(findJsonError('{"a": [1, 2]}')).toBeNull();
    const text = '{\n  "format": "okr/1",\n  "items": [,]\n}';
    const found = findJsonError(text);
    expect(found?.reason).toBe("unexpected ','");
    expect(lineAndColumn(text, found?.index ?? 0)).toEqual({ line: 3, column: 13 });
    expect(findJsonError('{"a": 1} x')?.reason).toBe("unexpected 'x' after the document");
    expect(findJsonError('{"a": "b')?.reason).toBe("unterminated string");
    expect(findJsonError("{'a': 1}")?.reason).toBe(
      "expected a property name in double quotes, found '''",
    );
  });
});

describe.each(DIALECTS)("import into a workspace still on calendar quarters (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
  });
  afterAll(() => fx.close());

  it("keeps a fiscal page's own label and dates instead of renaming it to a calendar quarter", async () => {
    const page = [
      "# FY20-Q4 OKRs",
      "",
      "This fiscal quarter will run from November 1, 2019 to January 31, 2020.",
      "",
      "- CEO: Grow revenue. Raise ARR from 8 to 10 => 50%",
      "",
    ].join("\n");
    const result = await importMarkdown(fx.deps, INSIDER_EDITOR, page);
    expect(result.periodCreated).toBe(true);
    expect(await getPeriod(fx.deps, VIEWER, result.periodId)).toMatchObject({
      label: "FY20-Q4",
      start: "2019-11-01",
      end: "2020-01-31",
    });
    expect(result.problems.map((p) => p.code)).not.toContain("period_dates_mismatch");
    // The same page again lands in the same period and changes nothing.
    const again = await importMarkdown(fx.deps, INSIDER_EDITOR, page);
    expect(again).toMatchObject({ periodId: result.periodId, periodCreated: false, created: 0 });
  });
});
