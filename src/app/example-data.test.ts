import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { DocumentItem } from "../core/document.js";
import { isOkrError } from "../core/errors.js";
import { DEFAULT_CALENDAR, periodFromLabel } from "../core/fiscal-calendar.js";
import { createIdGenerator } from "../core/ids.js";
import { progressOf } from "../core/progress.js";
import type { FiscalCalendar, KeyResult } from "../core/types.js";
import { CARRY_OVER, CHECK_IN_PLANS } from "../example-data/check-ins.js";
import { examplePages, exampleQuarters } from "../example-data/pages.js";
import { parseHandbook } from "../markdown/parse-handbook.js";
import { listCheckIns } from "../store/check-ins.repository.js";
import type { OpenedDatabase } from "../store/database.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listPeriods } from "../store/periods.repository.js";
import { listRetrospectives } from "../store/retrospectives.repository.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { isDatabaseEmpty, loadExampleData } from "./example-data.js";
import { putSettings } from "./settings.js";

const NOW = new Date("2026-11-26T12:00:00.000Z");
const GITLAB: FiscalCalendar = { startMonth: 2, naming: "end" };

function flatten(items: readonly DocumentItem[]): DocumentItem[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}

function normalized(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

describe("the example pages", () => {
  const pages = examplePages(DEFAULT_CALENDAR, "2026-11-26");
  const documents = new Map(pages.map((p) => [p.quarter, parseHandbook(p.markdown)]));

  it("are the current quarter and the two before it, with every placeholder filled", () => {
    expect(pages.map((p) => p.range.label)).toEqual(["2026-Q2", "2026-Q3", "2026-Q4"]);
    for (const page of pages) expect(page.markdown).not.toMatch(/\{\{\w+\}\}/);
    const gitlab = exampleQuarters(GITLAB, "2019-06-15");
    expect([gitlab.two_ago.label, gitlab.last.label, gitlab.current.label]).toEqual([
      "FY19-Q4",
      "FY20-Q1",
      "FY20-Q2",
    ]);
  });

  it("parse without errors into a realistic company: 8–18 objectives, 25–45 key results each", () => {
    for (const [quarter, doc] of documents) {
      expect(
        doc.problems.filter((p) => p.severity === "error"),
        quarter,
      ).toEqual([]);
      const all = flatten(doc.items);
      const objectives = all.filter((i) => i.kind === "objective").length;
      const keyResults = all.filter((i) => i.kind === "key_result").length;
      expect(objectives, quarter).toBeGreaterThanOrEqual(8);
      expect(objectives, quarter).toBeLessThanOrEqual(18);
      expect(keyResults, quarter).toBeGreaterThanOrEqual(25);
      expect(keyResults, quarter).toBeLessThanOrEqual(45);
      expect(doc.period?.label).toBe(pages.find((p) => p.quarter === quarter)?.range.label);
    }
  });

  it("cascade over four levels of owners, with objectives aligned under key results", () => {
    const doc = documents.get("current");
    const chains: string[] = [];
    const walk = (items: readonly DocumentItem[], path: string[]) => {
      for (const item of items) {
        const next = item.kind === "objective" && item.owner ? [...path, item.owner] : path;
        if (next.length === 4) chains.push(next.join(" > "));
        walk(item.children, next);
      }
    };
    walk(doc?.items ?? [], []);
    expect(chains).toContain("CEO > VP Engineering > Director of Platform > Build Cache");
    expect(chains).toContain("CEO > VP Sales > Director of Sales Development > SDR West");
    const underKr = flatten(doc?.items ?? []).filter(
      (i) => i.kind === "key_result" && i.children.some((c) => c.kind === "objective"),
    );
    expect(underKr.length).toBeGreaterThanOrEqual(3);
  });

  it("have outcomes and retrospectives on the closed quarters only", () => {
    for (const quarter of ["two_ago", "last"] as const) {
      const doc = documents.get(quarter);
      const krs = flatten(doc?.items ?? []).filter((i) => i.kind === "key_result");
      expect(
        krs.every((kr) => kr.outcome !== null),
        quarter,
      ).toBe(true);
      expect(doc?.retrospectives.length, quarter).toBeGreaterThanOrEqual(3);
      for (const retro of doc?.retrospectives ?? []) {
        expect(retro.good.length * retro.bad.length * retro.try.length).toBeGreaterThan(0);
      }
    }
    const current = flatten(documents.get("current")?.items ?? []);
    expect(current.filter((i) => i.outcome !== null)).toEqual([]);
  });

  it("hide a confidential target behind a reference, Sourcegraph-style", () => {
    for (const quarter of ["last", "current"] as const) {
      const doc = documents.get(quarter);
      const hidden = flatten(doc?.items ?? []).filter((i) => i.confidential);
      expect(hidden.map((i) => i.title).join(), quarter).toContain("[*$N<sub>0</sub>*][N0]");
      expect(doc?.references.N0).toMatch(/^https:\/\/finance\.fernhill\.example\//);
    }
  });

  it("say which key result carries over, on the last quarter's page", () => {
    const doc = documents.get("last");
    const carried = flatten(doc?.items ?? []).filter((i) => i.status === "carried_over");
    expect(carried.map((i) => i.title)).toEqual([expect.stringContaining(CARRY_OVER.from.match)]);
  });

  it("name every planned key result, and end each closed history at its written outcome", () => {
    for (const plan of CHECK_IN_PLANS) {
      const doc = documents.get(plan.quarter);
      const matches = flatten(doc?.items ?? []).filter(
        (i) => i.kind === "key_result" && normalized(i.title).includes(normalized(plan.match)),
      );
      expect(matches.length, `${plan.quarter}: ${plan.match}`).toBe(1);
      expect(plan.values.length, plan.match).toBe(13);
      const item = matches[0] as DocumentItem;
      if (plan.quarter === "current" || item.progress === null) continue;
      const last = [...plan.values].reverse().find((v) => v !== null) ?? null;
      const kr = {
        kind: plan.kind,
        start: plan.start,
        target: plan.target,
        direction: plan.direction ?? null,
        current: last,
        progress: null,
        status: null,
      } as const;
      const final = progressOf(kr);
      expect(final, plan.match).not.toBeNull();
      expect(
        Math.abs((final as number) - Math.min(item.progress, plan.kind === "threshold" ? 1 : 99)),
        plan.match,
      ).toBeLessThan(0.03);
    }
  });
});

function depsOf(opened: OpenedDatabase): AppDeps {
  return {
    db: opened.db,
    dialect: opened.dialect,
    now: () => NOW,
    newId: createIdGenerator(Date.now, (n) => randomBytes(n)),
  };
}

describe.each(DIALECTS)("loading the example company (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let deps: AppDeps;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    deps = depsOf(opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("fills an empty workspace with three quarters, two of them closed", async () => {
    expect(await isDatabaseEmpty(deps)).toBe(true);
    const summary = await loadExampleData(deps, { now: NOW });
    expect(await isDatabaseEmpty(deps)).toBe(false);
    expect(summary.unmatched).toEqual([]);
    expect(summary.periods.map((p) => [p.label, p.closed])).toEqual([
      ["2026-Q2", true],
      ["2026-Q3", true],
      ["2026-Q4", false],
    ]);
    expect(summary.teams).toBe(16);
    expect(summary.people).toBe(16);
    for (const p of summary.periods) {
      expect(p.objectives).toBeGreaterThanOrEqual(8);
      expect(p.keyResults).toBeGreaterThanOrEqual(25);
      expect(p.checkIns).toBeGreaterThan(0);
    }
    const periods = await listPeriods(opened.db);
    expect(periods.map((p) => p.closedAt === null)).toEqual([false, false, true]);
    expect(summary.carriedOver).toContain("2026-Q3 -> 2026-Q4");
  });

  it("gives the current quarter weekly check-ins up to today, and none after", async () => {
    const periods = await listPeriods(opened.db);
    const current = periods.find((p) => p.label === "2026-Q4");
    const { keyResults } = await listPeriodItems(opened.db, current?.id ?? "");
    const pipeline = keyResults.find((kr) =>
      kr.title.includes("from 70 to 56 minutes"),
    ) as KeyResult;
    expect(pipeline).toMatchObject({ kind: "metric", start: 70, target: 56, unit: "duration" });
    const history = await listCheckIns(opened.db, pipeline.id);
    // 2026-10-01 + 7w - 3 days <= 2026-11-26: weeks 1–8.
    expect(history).toHaveLength(8);
    expect(history.every((c) => c.createdAt <= NOW.toISOString())).toBe(true);
    expect(history[0]?.authorName).toBe("Dev Raman");
    expect(pipeline.current).toBe(60);
    expect(pipeline.progress).toBeCloseTo(10 / 14);
    expect(pipeline.health).toBe("on_track");
    const risky = keyResults.filter(
      (kr) => kr.health === "at_risk" || kr.health === "needs_attention",
    );
    expect(risky.length).toBeGreaterThan(0);
    const confidential = keyResults.find((kr) => kr.targetConfidential);
    expect(confidential?.title).toContain("[*$N<sub>0</sub>*][N0]");
  });

  it("links the carried-over key result both ways and grades the closed quarters", async () => {
    const periods = await listPeriods(opened.db);
    const [twoAgo, last, current] = periods;
    const lastItems = await listPeriodItems(opened.db, last?.id ?? "");
    const currentItems = await listPeriodItems(opened.db, current?.id ?? "");
    const origin = lastItems.keyResults.find((kr) => kr.title.includes("arm64")) as KeyResult;
    const copy = currentItems.keyResults.find((kr) => kr.title.includes("arm64")) as KeyResult;
    expect(origin).toMatchObject({ status: "carried_over", carriedToId: copy.id });
    expect(copy).toMatchObject({ carriedFromId: origin.id });
    const open = lastItems.keyResults.filter(
      (kr) => kr.status === null || kr.status === "in_progress",
    );
    expect(open).toEqual([]);
    expect((await listRetrospectives(opened.db, twoAgo?.id ?? "")).length).toBeGreaterThanOrEqual(
      3,
    );
    expect((await listRetrospectives(opened.db, last?.id ?? "")).length).toBeGreaterThanOrEqual(3);
  });

  it("records owners as teams where the team exists and keeps role titles as written", async () => {
    const current = (await listPeriods(opened.db)).find((p) => p.label === "2026-Q4");
    const { objectives } = await listPeriodItems(opened.db, current?.id ?? "");
    const runners = objectives.find((o) => o.owner?.name === "Runners");
    expect(runners?.owner).toMatchObject({ kind: "team" });
    const vp = objectives.find((o) => o.owner?.name === "VP Engineering");
    expect(vp?.owner).toMatchObject({ kind: "role" });
  });

  it("refuses to load twice", async () => {
    try {
      await loadExampleData(deps, { now: NOW });
      expect.unreachable();
    } catch (error) {
      expect(isOkrError(error) && error.code).toBe("conflict");
    }
  });
});

describe("loading the example company in a fiscal calendar (sqlite)", () => {
  it("maps the pages onto the workspace's fiscal quarters", async () => {
    const opened = await openTestDatabase("sqlite");
    try {
      const deps = depsOf(opened);
      await putSettings(deps, SYSTEM_ACTOR, {
        calendar: GITLAB,
        grading: [
          { min: 0, label: "red", color: "red" },
          { min: 0.4, label: "yellow", color: "yellow" },
          { min: 0.7, label: "green", color: "green" },
        ],
        rollUp: { cap: 1, includeChildObjectives: false },
        sweetSpot: 0.7,
      });
      expect(await isDatabaseEmpty(deps)).toBe(true);
      const summary = await loadExampleData(deps, { now: new Date("2019-06-15T12:00:00.000Z") });
      expect(summary.periods.map((p) => `${p.label} ${p.start}..${p.end}`)).toEqual([
        "FY19-Q4 2018-11-01..2019-01-31",
        "FY20-Q1 2019-02-01..2019-04-30",
        "FY20-Q2 2019-05-01..2019-07-31",
      ]);
      expect(periodFromLabel(GITLAB, "FY20-Q2").start).toBe("2019-05-01");
      expect(summary.unmatched).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("loading the example company on the first morning of a quarter (sqlite)", () => {
  it("writes nothing dated after now: the current quarter has no check-ins yet", async () => {
    const opened = await openTestDatabase("sqlite");
    try {
      const early = new Date("2026-10-01T00:30:00.000Z");
      const deps = { ...depsOf(opened), now: () => early };
      const summary = await loadExampleData(deps, { now: early });
      expect(summary.periods.map((p) => [p.label, p.checkIns > 0])).toEqual([
        ["2026-Q2", true],
        ["2026-Q3", true],
        ["2026-Q4", false],
      ]);
      const latest = async (
        table: "objectives" | "key_results" | "audit_events" | "audit_journal",
        column: string,
      ) =>
        (await opened.db
          .selectFrom(table)
          .select((eb) => eb.fn.max(column as never).as("at"))
          .executeTakeFirst()) as { at: string | null };
      expect((await latest("objectives", "created_at")).at ?? "").not.toBe("");
      // Written to the journal; nothing has moved it into the log here.
      expect((await latest("audit_journal", "at")).at ?? "").not.toBe("");
      for (const [table, column] of [
        ["objectives", "updated_at"],
        ["key_results", "updated_at"],
        ["audit_events", "at"],
        ["audit_journal", "at"],
      ] as const) {
        const value = (await latest(table, column)).at ?? "";
        expect(value <= early.toISOString(), `${table}.${column} ${value}`).toBe(true);
      }
    } finally {
      await opened.close();
    }
  });
});
