/**
 * Golden tests on the real fiscal-year handbook pages (GitLab FY20-Q2, FY20-Q4 and Sourcegraph
 * FY20-Q2). The expectations were checked by hand against the pages. The pages live outside the
 * project, in `../shared/seeds`; without them these tests are skipped.
 */
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import {
  at,
  codesAt,
  count,
  expectAllAccounted,
  flatten,
  HAVE_SEEDS,
  page,
} from "./test-support.js";

const describeSeeds = HAVE_SEEDS ? describe : describe.skip;
if (!HAVE_SEEDS) {
  console.info("Seed pages not found in ../shared/seeds: the seed golden tests are skipped.");
}

describeSeeds("seed pages (../shared/seeds)", () => {
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
