/** The handbook pages' periods and retrospectives, on fixtures of our own (`fixtures/*.md`). */
import { describe, expect, it } from "vitest";
import type { DocumentItem } from "../core/document.js";
import { parseHandbook } from "./parse-handbook.js";
import { fixture } from "./test-support.js";

describe("retrospectives", () => {
  const doc = fixture("retrospective.txt");

  it("reads GOOD/BAD/TRY per team at any heading depth", () => {
    expect(doc.retrospectives).toEqual([
      {
        team: "Infrastructure",
        good: ["We made it to 72%, so we *guesstimated* well on **overall** ambition"],
        bad: ["We focused too much on OKRs while neglecting availability, so production suffered."],
        try: ["Move to data-driven KRs"],
      },
      {
        team: "Delivery",
        good: ["Auto-deploy went well"],
        bad: ["Security releases are still hard"],
        try: ["Use more demos"],
      },
    ]);
  });
});

describe("periods", () => {
  const page = (head: string) => parseHandbook(`${head}\n\n- CEO: Grow => 50%\n`);

  it("reads FY labels in GitLab's calendar by default", () => {
    expect(page("# FY20-Q4 OKRs").period).toEqual({
      label: "FY20-Q4",
      start: "2019-11-01",
      end: "2020-01-31",
    });
  });

  it("uses the calendar it is given", () => {
    const doc = parseHandbook("# FY2020-Q2 OKRs\n\n- CEO: Grow => 50%\n", {
      calendar: { startMonth: 2, naming: "start" },
    });
    expect(doc.period).toEqual({ label: "FY20-Q2", start: "2020-05-01", end: "2020-07-31" });
  });

  it("keeps the page's dates when they disagree with the calendar, with a warning", () => {
    const doc = parseHandbook(
      "# FY20-Q2 OKRs\n\nThis quarter runs from 2020-05-01 to 2020-07-31.\n\n- CEO: Grow => 50%\n",
      { calendar: { startMonth: 2, naming: "end" } },
    );
    expect(doc.period).toEqual({ label: "FY20-Q2", start: "2020-05-01", end: "2020-07-31" });
    expect(doc.problems.map((p) => p.code)).toContain("period_dates_mismatch");
  });

  it("reads `Q3 2017`, `FY21 Q1` and front matter", () => {
    expect(page("# Q3 2017 goals").period?.label).toBe("2017-Q3");
    expect(page("# OKRs for FY21 Q1").period?.label).toBe("FY21-Q1");
    expect(parseHandbook("---\nperiod: FY21-Q3\n---\n- CEO: Grow\n").period?.label).toBe("FY21-Q3");
  });

  it("warns when there is no period", () => {
    const doc = page("# Our goals");
    expect(doc.period).toBeNull();
    expect(doc.problems.map((p) => p.code)).toContain("period_unknown");
  });
});

describe("objective headings with an owner, and retrospectives under headings", () => {
  const doc = fixture("heading-variants.txt");

  it("reads `### CEO: Grow revenue` as an objective with the lists below it", () => {
    expect(doc.items.map((i) => [i.line, i.owner, i.title])).toEqual([[3, "CEO", "Grow revenue"]]);
    expect((doc.items[0] as DocumentItem).children.map((c) => [c.line, c.kind, c.owner])).toEqual([
      [5, "key_result", "CRO"],
      [6, "key_result", "CMO"],
      [8, "objective", "CTO"],
    ]);
    expect(doc.period?.label).toBe("2021-Q3");
  });

  it("reads `#### Good` headings and `**Bad:**` paragraphs as retrospective parts", () => {
    expect(doc.retrospectives).toEqual([
      {
        team: "Sales",
        good: ["Deals closed faster"],
        bad: ["Pipeline thin"],
        try: ["Weekly reviews"],
      },
    ]);
  });
});

describe("a retrospective whose parts are all empty", () => {
  it("is the team's retrospective still, so an emptied one survives a write-back", () => {
    const page = [
      "# FY24-Q1 OKRs",
      "",
      "1. **Sales: Grow the pipeline.** => 50%",
      "",
      "## Retrospective",
      "",
      "### Support",
      "",
      "#### Good",
      "",
      "#### Try",
      "",
      "### Delivery",
      "",
      "**Bad:**",
      "",
      "1. Security releases are still hard",
      "",
    ].join("\n");
    expect(parseHandbook(page).retrospectives).toEqual([
      { team: "Support", good: [], bad: [], try: [] },
      { team: "Delivery", good: [], bad: ["Security releases are still hard"], try: [] },
    ]);
  });
});
