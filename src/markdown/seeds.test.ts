/**
 * Golden tests on the real handbook pages (GitLab 2017-Q3, 2018-Q2, FY20-Q2, FY20-Q4 and
 * Sourcegraph FY20-Q2). The expectations were checked by hand against the pages. The pages
 * live outside the project, in `../shared/seeds`; without them these tests are skipped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { parseHandbook } from "./parse-handbook.js";
import { renderDocument } from "./render-document.js";
import { comparable, flatten } from "./test-support.js";

const SEEDS = resolve(import.meta.dirname, "../../../shared/seeds");
const HAVE_SEEDS = existsSync(SEEDS);

interface SeedPage {
  name: string;
  text: string;
  doc: OkrDocument;
}

function loadSeeds(): SeedPage[] {
  if (!HAVE_SEEDS) return [];
  return readdirSync(SEEDS)
    .sort()
    .map((name) => {
      const text = readFileSync(resolve(SEEDS, name), "utf8");
      return { name, text, doc: parseHandbook(text) };
    });
}

const pages = loadSeeds();

/** A seed page by its title and a phrase only it contains. */
function page(title: string, phrase = ""): SeedPage {
  const found = pages.find((p) => p.doc.title === title && p.text.includes(phrase));
  if (found === undefined) throw new Error(`seed page "${title}" not found`);
  return found;
}

function at(doc: OkrDocument, line: number, kind?: DocumentItem["kind"]): DocumentItem {
  const found = flatten(doc.items).filter(
    (i) => i.line === line && (kind === undefined || i.kind === kind),
  );
  const item = found[0];
  if (item === undefined) throw new Error(`no item on line ${line}`);
  return item;
}

function count(doc: OkrDocument, kind: DocumentItem["kind"]): number {
  return flatten(doc.items).filter((i) => i.kind === kind).length;
}

function codesAt(doc: OkrDocument, code: string): number[] {
  return doc.problems.filter((p) => p.code === code).map((p) => p.line);
}

/** Lines that are list items (or `KR:` lines after a backslash break) in `[from, to]`. */
function listLines(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  text.split("\n").forEach((line, index) => {
    const n = index + 1;
    if (n < from || n > to) return;
    if (/^\s*(?:[-*+]|\d+[.)])\s+\S/.test(line) || /^\s*KR:/.test(line)) out.push(n);
  });
  return out;
}

function expectAllAccounted(text: string, doc: OkrDocument, from: number, to: number): void {
  const itemLines = new Set(flatten(doc.items).map((i) => i.line));
  const missing = listLines(text, from, to).filter((n) => !itemLines.has(n));
  expect(missing).toEqual([]);
}

const describeSeeds = HAVE_SEEDS ? describe : describe.skip;
if (!HAVE_SEEDS) {
  console.info("Seed pages not found in ../shared/seeds: the seed golden tests are skipped.");
}

describeSeeds("seed pages (../shared/seeds)", () => {
  it("finds all five pages", () => {
    expect(pages.map((p) => p.doc.title).sort()).toEqual([
      "Calendar Year 2017 Q3 OKRs",
      "Calendar Year 2018 Q2 OKRs",
      "FY20-Q2 OKRs",
      "FY20-Q2 OKRs",
      "FY20-Q4 OKRs",
    ]);
  });

  it("parses every page without errors other than the placeholders and outcome counts", () => {
    for (const { doc } of pages) {
      const errors = doc.problems.filter((p) => p.severity === "error");
      expect(
        errors.every((p) => p.code === "placeholder" || p.code === "outcome_count_mismatch"),
      ).toBe(true);
      expect(doc.items.length).toBeGreaterThan(0);
    }
  });

  it("round-trips every page through render and parse", () => {
    for (const { doc } of pages) {
      const again = parseHandbook(renderDocument(doc));
      expect(comparable(again)).toEqual(comparable(doc));
    }
  });

  describe("GitLab 2017-Q3: objectives as headings, one-line OKRs, trailing DONE/ACHIEVED", () => {
    const get = () => page("Calendar Year 2017 Q3 OKRs");

    it("reads the calendar quarter from the title", () => {
      expect(get().doc.period).toEqual({
        label: "2017-Q3",
        start: "2017-07-01",
        end: "2017-09-30",
      });
    });

    it("has three heading objectives with the CEO's objectives under them", () => {
      const { doc } = get();
      expect(doc.items.map((i) => [i.owner, i.title, i.line])).toEqual([
        [null, "Grow incremental ACV according to plan", 11],
        [null, "Popular next generation product", 70],
        [null, "Great team", 173],
      ]);
      expect(doc.items.map((i) => i.children.filter((c) => c.owner === "CEO").length)).toEqual([
        3, 3, 3,
      ]);
    });

    it("splits `Owner: Objective. Key result.` lines", () => {
      const ceo = at(get().doc, 13, "objective");
      expect(ceo.title).toBe("Build sales qualified leads (SQL) pipeline for new business.");
      expect(ceo.children[0]).toMatchObject({
        kind: "key_result",
        owner: "CEO",
        title: "300% of incremental annual contract value (IACV) plan",
      });
    });

    it("reads trailing results and outcomes", () => {
      const { doc } = get();
      expect(at(doc, 19)).toMatchObject({
        owner: "Controller",
        outcome: "DONE",
        status: "done",
        progress: 1,
      });
      expect(at(doc, 22)).toMatchObject({ outcome: "50% ACHIEVED", progress: 0.5 });
      expect(at(doc, 25)).toMatchObject({ outcome: "MISSED", status: "missed" });
      expect(at(doc, 33)).toMatchObject({
        title: "Decrease age of non-web direct deals by 10%",
        outcome: "ACHIEVED",
        status: "done",
      });
      expect(at(doc, 42)).toMatchObject({ progress: 0.1, status: "carried_over" });
      expect(at(doc, 46, "objective")).toMatchObject({
        outcome: "Done. Storage limits deprioritized.",
        status: "done",
      });
      expect(at(doc, 50)).toMatchObject({ outcome: "NOT STARTED", status: "not_started" });
      expect(at(doc, 57, "key_result")).toMatchObject({
        outcome: "Not Hit. SLAs were breached which became the new focus.",
        status: "missed",
      });
      expect(at(doc, 178, "key_result")).toMatchObject({
        title: "40% of metrics live",
        outcome: "50% ACHIEVED - 20% OF METRICS",
        progress: 0.5,
      });
    });

    it("joins lazy continuation lines into one title", () => {
      const kr = at(get().doc, 74, "key_result");
      expect(kr.title).toBe(
        "Persistence of cache (Redis) and background job storage (Sidekiq) split and HA is set up for persistent storage.",
      );
      expect(kr.outcome).toBe("Done.");
    });

    it("accounts for every list line", () => {
      const { text, doc } = get();
      expectAllAccounted(text, doc, 1, 189);
    });

    it("flags the TODO placeholders", () => {
      expect(codesAt(get().doc, "placeholder")).toEqual([44, 52, 68]);
    });
  });

  describe("GitLab 2018-Q2: <p class=h3> objectives, owner-only lines, retrospectives", () => {
    const get = () => page("Calendar Year 2018 Q2 OKRs");

    it("reads the period and the three CEO objectives", () => {
      const { doc } = get();
      expect(doc.period).toEqual({ label: "2018-Q2", start: "2018-04-01", end: "2018-06-30" });
      expect(doc.items.map((i) => [i.owner, i.line])).toEqual([
        ["CEO", 7],
        ["CEO", 61],
        ["CEO", 110],
      ]);
      expect(doc.items[0]?.children[0]).toMatchObject({
        kind: "key_result",
        title: "120% of plan, pipeline 3x minus in quarter, 100% at 70% of quota.",
      });
    });

    it("groups lines under owner-only lines (`- VPE`, `- Director of Support`)", () => {
      const vpe = at(get().doc, 54);
      expect(vpe).toMatchObject({ kind: "objective", owner: "VPE", title: "" });
      const support = vpe.children[0] as DocumentItem;
      expect(support).toMatchObject({ owner: "Director of Support", title: "" });
      expect(support.children.map((c) => [c.kind, c.owner, c.progress])).toEqual([
        ["key_result", "Support Engineering", 0.81],
        ["key_result", "Support Engineering", 0.9],
        ["key_result", "Support Services", 0.94],
        ["key_result", "Support Services", 0.9],
      ]);
    });

    it("reads `- 0% done -`, `: 45% done`, ` = 70% done`, `(50% complete …)`", () => {
      const { doc } = get();
      expect(at(doc, 103)).toMatchObject({
        title: "Move to GCP in April",
        outcome: "0% done - now targeting end of July.",
        progress: 0,
      });
      expect(at(doc, 104)).toMatchObject({ outcome: "45% done", progress: 0.45 });
      expect(at(doc, 79)).toMatchObject({ progress: 0.7 });
      expect(at(doc, 100)).toMatchObject({
        outcome: "50% complete, first iteration merged",
        progress: 0.5,
      });
      expect(at(doc, 85 - 1)).toMatchObject({
        outcome: "90%. Prototype working but not shipped.",
        progress: 0.9,
      });
    });

    it("reads 21 team retrospectives, continuation lines joined", () => {
      const { doc } = get();
      expect(doc.retrospectives).toHaveLength(21);
      expect(doc.retrospectives[0]).toMatchObject({ team: "VPE" });
      expect(doc.retrospectives.map((r) => [r.good.length, r.bad.length, r.try.length])[0]).toEqual(
        [4, 2, 4],
      );
      const gitaly = doc.retrospectives.find((r) => r.team === "Gitaly");
      expect(gitaly?.bad).toContain(
        "Extended use of feature flags made it easy to create complications (easier to turn off a feature flag than fix a bug)",
      );
      expect(doc.retrospectives.at(-1)?.team).toBe("Pipe-to-Spend");
    });

    it("accounts for every list line of the OKR part", () => {
      const { text, doc } = get();
      expectAllAccounted(text, doc, 1, 140);
    });

    it("flags the `Sourced X (X%)` placeholder", () => {
      expect(codesAt(get().doc, "placeholder")).toEqual([137]);
    });
  });

  describe("GitLab FY20-Q2: per-KR outcomes, comma owners, negative progress", () => {
    const gitlab = () => page("FY20-Q2 OKRs", "about.gitlab.com");

    it("reads FY20-Q2 as May–July 2019 from the page's own sentence", () => {
      expect(gitlab().doc.period).toEqual({
        label: "FY20-Q2",
        start: "2019-05-01",
        end: "2019-07-31",
      });
    });

    it("hands out `=> 27%, 0%, 227%` one per KR, in order", () => {
      const objective = at(gitlab().doc, 54, "objective");
      expect(objective.owner).toBe("VP Product");
      expect(objective.children.slice(0, 3).map((c) => [c.kind, c.outcome, c.progress])).toEqual([
        ["key_result", "27%", 0.27],
        ["key_result", "0%", 0],
        ["key_result", "227%", 2.27],
      ]);
    });

    it("keeps owners with commas and linked names", () => {
      const { doc } = gitlab();
      expect(at(doc, 55, "key_result")).toMatchObject({
        owner: "Director of Product, Dev",
        outcome: "-1.2%",
        progress: -0.012,
      });
      expect(at(doc, 75)).toMatchObject({
        owner: "Philippe Lafoucrière",
        ownerUrl: "https://about.gitlab.com/company/team/#plafoucriere",
        progress: 0.25,
      });
    });

    it("puts `Delivery:`'s under-indented list under it", () => {
      const delivery = at(gitlab().doc, 81);
      expect(delivery).toMatchObject({ owner: "Delivery", title: "" });
      expect(delivery.children.map((c) => c.progress)).toEqual([1, 0.5, 0.8, 0.4, 0.05]);
    });

    it("reads `CPO:` lines continued lazily as items under it", () => {
      const cpo = at(gitlab().doc, 167);
      expect(cpo.children.slice(0, 5).map((c) => [c.line, c.owner, c.kind])).toEqual([
        [168, "CPO", "key_result"],
        [169, "CPO", "key_result"],
        [170, "CPO", "key_result"],
        [171, "CPO", "key_result"],
        [172, "CPO", "key_result"],
      ]);
    });

    it("reads the three team retrospectives under `## Engineering (VPE)`", () => {
      expect(
        gitlab().doc.retrospectives.map((r) => [r.team, r.good.length, r.bad.length, r.try.length]),
      ).toEqual([
        ["Infrastructure", 3, 4, 3],
        ["Delivery", 4, 4, 3],
        ["Development", 4, 4, 4],
      ]);
    });

    it("warns about `1. CPO` standing alone", () => {
      expect(codesAt(gitlab().doc, "owner_without_okrs")).toEqual([13, 51]);
    });

    it("accounts for every list line of the OKR part", () => {
      const { text, doc } = gitlab();
      expectAllAccounted(text, doc, 1, 237);
    });

    it("flags XXX, Xr to Yr, X to Y and tbd", () => {
      expect(codesAt(gitlab().doc, "placeholder")).toEqual([24, 42, 46, 87, 149]);
    });
  });

  describe("GitLab FY20-Q4: bold objectives, `Owner KR:` lines, objectives under KRs", () => {
    const get = () => page("FY20-Q4 OKRs");

    it("reads the period", () => {
      expect(get().doc.period).toEqual({
        label: "FY20-Q4",
        start: "2019-11-01",
        end: "2020-01-31",
      });
    });

    it("has the three CEO objectives", () => {
      expect(get().doc.items.map((i) => [i.owner, i.title, i.line])).toEqual([
        ["CEO", "IACV", 9],
        ["CEO", "Popular next generation product", 193],
        ["CEO", "Great team", 262],
      ]);
    });

    it("hangs objectives under key results", () => {
      const kr = at(get().doc, 13);
      expect(kr).toMatchObject({ kind: "key_result", owner: "CRO" });
      expect(kr.children[0]).toMatchObject({
        kind: "objective",
        owner: "VP, Field Ops",
        title: "Instrument systems and programs to intended targets.",
      });
    });

    it("reads carry-over, ratios, and over-achievement", () => {
      const { doc } = get();
      expect(at(doc, 17)).toMatchObject({ status: "carried_over" });
      expect(at(doc, 27)).toMatchObject({ progress: 0.875, status: "in_progress" });
      expect(at(doc, 98)).toMatchObject({
        outcome: "Partner program pushed to FY21.",
        status: "carried_over",
      });
      expect(at(doc, 108)).toMatchObject({ status: "carried_over" });
      expect(at(doc, 200)).toMatchObject({ outcome: "1500%.", progress: 15 });
      expect(codesAt(doc, "progress_above_100")).toContain(200);
    });

    it("reads `1. 1. Corp Mkt KR:` as a KR of its objective", () => {
      const objective = at(get().doc, 165);
      expect(objective.children.map((c) => [c.line, c.kind])).toEqual([
        [166, "key_result"],
        [167, "key_result"],
      ]);
    });

    it("rolls the Director of Quality's KRs up to the reported 67%", () => {
      const { doc } = get();
      const objective = at(doc, 309);
      expect(objective.progress).toBe(0.67);
      expect(objective.children.map((c) => c.progress)).toEqual([1, 1, 0]);
      expect(codesAt(doc, "rollup_mismatch")).not.toContain(309);
    });

    it("ignores the presentation links after the OKRs, with a problem", () => {
      expect(codesAt(get().doc, "ignored_list")).toEqual([381]);
    });

    it("accounts for every list line of the OKR part", () => {
      const { text, doc } = get();
      expectAllAccounted(text, doc, 1, 377);
    });

    it("flags X to Y and ??%", () => {
      expect(codesAt(get().doc, "placeholder")).toEqual([133, 140, 271, 294, 298, 304]);
    });

    it("counts objectives and key results", () => {
      const { doc } = get();
      // 101 bold objectives, 3 headings, 2 owner-only lines, 13 one-line OKRs.
      expect(count(doc, "objective")).toBe(119);
      // 245 list lines that are key results, and the 13 one-line OKRs' key results.
      expect(count(doc, "key_result")).toBe(258);
    });
  });

  describe("Sourcegraph FY20-Q2: `KR:` lines after backslash breaks, hidden numbers", () => {
    const get = () => page("FY20-Q2 OKRs", "sourcegraph.com");

    it("reads FY20-Q2 as May–July 2020, as the page's own dates say", () => {
      expect(get().doc.period).toEqual({
        label: "FY20-Q2",
        start: "2020-05-01",
        end: "2020-07-31",
      });
    });

    it("reads three CEO objectives with their KR lines", () => {
      const { doc } = get();
      expect(doc.items.map((i) => [i.owner, i.line])).toEqual([
        ["CEO", 5],
        ["CEO", 46],
        ["CEO", 67],
      ]);
      const first = doc.items[0] as DocumentItem;
      expect(first.children.filter((c) => c.kind === "key_result").map((c) => c.line)).toEqual([
        6, 7, 8, 9,
      ]);
      expect(first.children.filter((c) => c.kind === "objective").map((c) => c.owner)).toEqual([
        "Marketing",
        "Marketing",
        "Customer Engineering",
        "Sales",
        "Product",
        "Sales",
      ]);
      expect(at(doc, 7)).toMatchObject({ status: "in_progress" });
      expect(at(doc, 59)).toMatchObject({ outcome: "Hired 1 so far", progress: 0.5 });
    });

    it("marks the hidden numbers confidential and keeps the references", () => {
      const { doc } = get();
      const confidential = flatten(doc.items)
        .filter((i) => i.confidential)
        .map((i) => i.line);
      expect(confidential).toEqual([23, 27, 31, 36, 44, 52, 53, 54, 55, 56, 66]);
      expect(Object.keys(doc.references)).toHaveLength(14);
      expect(doc.references.N0).toMatch(/^https:\/\/docs\.google\.com\//);
      expect(at(doc, 23).title).toContain("[*$N<sub>0</sub>*][N0]");
    });

    it("accounts for every list and KR line", () => {
      const { text, doc } = get();
      expectAllAccounted(text, doc, 1, 108);
    });

    it("counts objectives and key results", () => {
      const { doc } = get();
      expect(count(doc, "objective")).toBe(29);
      expect(count(doc, "key_result")).toBe(75);
    });
  });
});
