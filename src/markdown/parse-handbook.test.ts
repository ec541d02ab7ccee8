/** The handbook pages' OKR grammars, on fixtures of our own (`fixtures/*.md`). */
import { describe, expect, it } from "vitest";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { fixture, flatten } from "./test-support.js";

function at(doc: OkrDocument, line: number, kind?: DocumentItem["kind"]): DocumentItem {
  const item = flatten(doc.items).find(
    (i) => i.line === line && (kind === undefined || i.kind === kind),
  );
  if (item === undefined) throw new Error(`no item on line ${line}`);
  return item;
}

function shape(item: DocumentItem): unknown {
  return [item.kind, item.owner, item.title, item.outcome, item.progress, item.status];
}

describe("one-line OKRs (`Owner: Objective. KR, KR => a, b`)", () => {
  const doc = fixture("one-line-okrs.txt");

  it("hands out one outcome per KR, in order", () => {
    const objective = at(doc, 7, "objective");
    expect(shape(objective)).toEqual([
      "objective",
      "VP Product",
      "Become data-informed.",
      null,
      null,
      null,
    ]);
    expect(objective.children.map(shape)).toEqual([
      ["key_result", "VP Product", "Build all product KPI dashboards", "27%", 0.27, "in_progress"],
      [
        "key_result",
        "VP Product",
        "40% of direction items are provably successful",
        "0%",
        0,
        "not_started",
      ],
      [
        "key_result",
        "VP Product",
        "each PM holds three customer calls per quarter.",
        "227%",
        2.27,
        "done",
      ],
    ]);
  });

  it("splits KRs at sentences when the outcomes say so", () => {
    expect(at(doc, 8, "objective").children.map((c) => [c.title, c.progress])).toEqual([
      ["Close in 10 days.", 0.5],
      ["Audit with no material weakness.", 1],
    ]);
  });

  it("reports an outcome count that does not match the KRs, and keeps the outcome", () => {
    const problem = doc.problems.find((p) => p.code === "outcome_count_mismatch");
    expect(problem).toMatchObject({ line: 9, severity: "error" });
    expect(at(doc, 9, "objective").outcome).toBe("10%, 20%, 30%");
  });

  it("reads `Owner: Objective KR: a, b, c` as a comma list", () => {
    const objective = at(doc, 10, "objective");
    expect(objective.title).toBe("Create DevOps transformation messaging");
    expect(objective.children.map((c) => c.title)).toEqual([
      "pitch 5 customers",
      "publish the customer journey map",
      "train 20 reps",
    ]);
  });

  it("reads `->`, ` = ` and trailing results", () => {
    expect(shape(at(doc, 11, "key_result"))).toEqual([
      "key_result",
      "Support",
      "Reduce time to first reply by 20%.",
      "Not hit. SLAs were breached.",
      null,
      "missed",
    ]);
    expect(at(doc, 12)).toMatchObject({
      outcome: "70% done, remaining work scoped.",
      progress: 0.7,
    });
    expect(at(doc, 13)).toMatchObject({ outcome: "DONE", status: "done", progress: 1 });
    expect(at(doc, 14)).toMatchObject({
      outcome: "50% ACHIEVED",
      progress: 0.5,
      status: "in_progress",
    });
    expect(at(doc, 15)).toMatchObject({
      title: "Decrease age of non-web direct deals by 10%",
      outcome: "ACHIEVED",
    });
    expect(at(doc, 16)).toMatchObject({ outcome: "NOT STARTED", status: "not_started" });
    expect(at(doc, 17)).toMatchObject({ title: "100% of reps at 3x pipeline", status: "missed" });
  });

  it("reads the period from the page's sentence", () => {
    expect(doc.period).toEqual({ label: "FY21-Q1", start: "2020-02-01", end: "2020-04-30" });
  });
});

describe("bold objectives with `Owner KR:` lines", () => {
  const doc = fixture("bold-objectives.txt");

  it("nests objectives under KRs, owners with commas", () => {
    const kr = at(doc, 11);
    expect(kr.kind).toBe("key_result");
    expect(shape(kr.children[0] as DocumentItem)).toEqual([
      "objective",
      "VP, Field Ops",
      "Instrument systems to intended targets.",
      null,
      null,
      null,
    ]);
    expect(at(doc, 13)).toMatchObject({ owner: "VP Field Ops", status: "carried_over" });
  });

  it("reads an outcome after the bold objective", () => {
    expect(at(doc, 14)).toMatchObject({
      kind: "objective",
      outcome: "Tracking to 100% complete.",
      status: "in_progress",
    });
    expect(at(doc, 22)).toMatchObject({ progress: 0.67 });
    expect(at(doc, 22).children.map((c) => c.progress)).toEqual([1, 1, 0]);
  });

  it("lifts `1. 1. KR:` into its objective", () => {
    expect(at(doc, 17).children.map((c) => [c.line, c.kind, c.owner])).toEqual([
      [18, "key_result", "Corp Mkt"],
      [19, "key_result", "Corp Mkt"],
    ]);
  });

  it("finds the owner inside a bold link and a bold owner alone", () => {
    expect(at(doc, 20)).toMatchObject({
      owner: "Growth stage",
      title: "[Perform weekly iterations](https://example.com/issues/5692)",
      links: [{ text: "Perform weekly iterations", url: "https://example.com/issues/5692" }],
    });
    expect(at(doc, 26)).toMatchObject({ kind: "key_result", owner: "Fellow", progress: 1 });
  });

  it("reads 1500% and warns that the target was set too low", () => {
    expect(at(doc, 28)).toMatchObject({ progress: 15, status: "done" });
    expect(doc.problems.find((p) => p.line === 28)?.code).toBe("progress_above_100");
  });
});

describe("Sourcegraph style: `KR:` lines joined by backslash breaks", () => {
  const doc = fixture("sourcegraph-style.txt");

  it("gives each KR line its own item and line", () => {
    const ceo = doc.items[0] as DocumentItem;
    expect(ceo).toMatchObject({
      kind: "objective",
      owner: "CEO",
      title: "Scale up pipeline and ARR.",
    });
    expect(ceo.children.map((c) => [c.line, c.kind, c.owner])).toEqual([
      [6, "key_result", "CEO"],
      [7, "key_result", "CEO"],
      [8, "objective", "Customer Engineering"],
      [11, "objective", "Product"],
    ]);
    expect(at(doc, 7)).toMatchObject({
      outcome: "In progress, wrote up [personas](https://example.com/personas)",
      status: "in_progress",
      links: [{ text: "personas", url: "https://example.com/personas" }],
    });
    expect(at(doc, 13)).toMatchObject({ progress: 0.5 });
  });

  it("marks hidden numbers confidential and resolves their reference", () => {
    const kr = at(doc, 9);
    expect(kr.confidential).toBe(true);
    expect(kr.links).toEqual([{ text: "$N0", url: "https://example.com/plan#n0" }]);
    expect(doc.references).toEqual({ N0: "https://example.com/plan#n0" });
  });

  it("reads a trailing backslash at the end of an item", () => {
    expect(at(doc, 15)).toMatchObject({
      kind: "key_result",
      title: "75% of team members make a handbook edit weekly.",
    });
    expect(at(doc, 16).children.map((c) => c.line)).toEqual([17]);
  });

  it("reads the title from the heading and the dates from the quote", () => {
    expect(doc.title).toBe("FY21-Q2 OKRs");
    expect(doc.period).toEqual({ label: "FY21-Q2", start: "2021-05-01", end: "2021-07-31" });
  });
});

describe("objectives as headings", () => {
  const doc = fixture("heading-objectives.txt");

  it("reads `## Objective 1:` and `<p class=h3>` objectives", () => {
    expect(doc.items.map((i) => [i.line, i.owner, i.title])).toEqual([
      [9, null, "Grow revenue according to plan"],
      [16, "CTO", "Popular next generation product"],
    ]);
    expect(at(doc, 18, "key_result")).toMatchObject({ progress: 0.2, status: "carried_over" });
  });

  it("ignores the summary paragraph and reads a calendar quarter", () => {
    expect(doc.period).toEqual({ label: "2019-Q3", start: "2019-07-01", end: "2019-09-30" });
    expect(flatten(doc.items)).toHaveLength(10);
  });
});

describe("owner-only grouping lines", () => {
  const doc = fixture("grouping-owners.txt");

  it("groups lines under `- VPE` and `- Director of Support`", () => {
    const vpe = at(doc, 7);
    expect([vpe.owner, vpe.title]).toEqual(["VPE", ""]);
    expect(vpe.children.map((c) => c.owner)).toEqual(["Director of Support", "Infrastructure"]);
    expect(at(doc, 12)).toMatchObject({
      title: "Move to the new cloud in April",
      outcome: "0% done - now targeting end of July.",
      progress: 0,
    });
    expect(at(doc, 13)).toMatchObject({ outcome: "45% done", progress: 0.45 });
  });

  it("keeps `1. CPO` as an owner with no OKRs, with a warning", () => {
    expect(at(doc, 17)).toMatchObject({ owner: "CPO", title: "", children: [] });
    expect(doc.problems.find((p) => p.code === "owner_without_okrs")?.line).toBe(17);
    expect(at(doc, 19, "objective").owner).toBe("CMO");
  });

  it("gives an under-indented list to the owner line above it", () => {
    expect(at(doc, 22).children.map((c) => [c.owner, c.progress])).toEqual([
      ["Delivery", 1],
      ["Delivery", 0.5],
    ]);
  });

  it("reads a linked owner and a negative result", () => {
    expect(at(doc, 25)).toMatchObject({
      owner: "Director of Product, Dev",
      progress: -0.012,
      status: "missed",
    });
    expect(at(doc, 26)).toMatchObject({
      owner: "Pat Example",
      ownerUrl: "https://example.com/team/#pat",
      outcome: "25% (2 still ongoing)",
    });
  });
});

describe("lazy continuation lines, backslash breaks, reference links", () => {
  const doc = fixture("lazy-continuation.txt");

  it("joins lazily continued lines", () => {
    expect(at(doc, 7, "key_result").title).toBe(
      "Persistence of cache (Redis) and background job storage split and HA is set up for persistent storage.",
    );
    expect(at(doc, 10)).toMatchObject({
      outcome: "90%. Prototype working but not shipped.",
      progress: 0.9,
    });
  });

  it("reads list markers continued into a paragraph as lines under it", () => {
    expect(at(doc, 12).children.map((c) => [c.line, c.owner])).toEqual([
      [13, "CPO"],
      [14, "CPO"],
      [15, "Compensation"],
    ]);
  });

  it("resolves reference-style links and reads the period from front matter", () => {
    expect(at(doc, 6, "key_result").links).toEqual([
      { text: "99.9%", url: "https://status.example.com/history" },
    ]);
    expect(doc.period?.label).toBe("FY21-Q4");
  });
});
