/**
 * Golden tests on the real calendar-year handbook pages (GitLab 2017-Q3 and 2018-Q2), and on
 * every page at once. The expectations were checked by hand against the pages. The pages live
 * outside the project, in `../shared/seeds`; without them these tests are skipped.
 */
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import { parseHandbook } from "./parse-handbook.js";
import { renderDocument } from "./render-document.js";
import {
  at,
  codesAt,
  comparable,
  expectAllAccounted,
  HAVE_SEEDS,
  page,
  seedPages,
} from "./test-support.js";

const pages = seedPages();
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
});
