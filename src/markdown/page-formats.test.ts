/**
 * Golden tests for the page formats beyond the seeds, each from a page written in that style
 * (`format-fixtures/`): the items, owners, outcomes, statuses and priorities a reader sees.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { DocumentItem, OkrDocument } from "../core/document.js";
import { parseHandbook, parseHandbookPeriods } from "./parse-handbook.js";
import { renderDocument } from "./render-document.js";
import { comparable } from "./test-support.js";

const read = (name: string) =>
  readFileSync(resolve(import.meta.dirname, "format-fixtures", name), "utf8");

/** One line per item: depth, line, kind, owner, title, outcome, status, priority. */
function outline(doc: OkrDocument): string[] {
  const out: string[] = [];
  const walk = (items: DocumentItem[], depth: number) => {
    for (const i of items) {
      const kind = i.kind === "objective" ? "O" : "KR";
      const extra = [i.outcome && `=> ${i.outcome}`, i.status, i.priority].filter(Boolean);
      out.push(
        `${"  ".repeat(depth)}${i.line} ${kind} ${i.owner ?? "-"}: ${i.title}${extra.length ? ` | ${extra.join(" | ")}` : ""}`,
      );
      walk(i.children, depth + 1);
    }
  };
  walk(doc.items, 0);
  return out;
}

describe("page formats", () => {
  it("reads objectives written as headings, sub-objectives nested by heading level", () => {
    const doc = parseHandbook(read("headings.md"));
    expect(doc.period?.label).toBe("2022-Q2");
    expect(outline(doc)).toEqual([
      "5 O -: Make onboarding delightful",
      "  7 KR -: Cut time to first value from 10 to 5 minutes | => 60% | in_progress",
      "  8 KR -: Raise week-one retention to 45% | => 40% | in_progress",
      "  10 O -: Better docs",
      "    12 KR -: Rewrite the quick start for 3 languages | => Done | done",
      "    14 O -: Searchable reference",
      "      16 KR -: Index 100% of API pages | => 80% | in_progress",
      "18 O -: Grow revenue",
      "  20 KR -: Reach $2M ARR | => 55% | in_progress",
    ]);
  });

  it("reads task lists: [x] is done, [ ] is not done", () => {
    const doc = parseHandbook(read("task-lists.md"));
    expect(outline(doc)).toEqual([
      "3 O -: Ship the mobile app",
      "  5 KR -: Publish the iOS app to the store | done",
      "  6 KR -: Reach 1,000 weekly active mobile users | not_started",
      "  7 KR -: Crash-free sessions above 99% | done",
      "  8 KR bob: Ship login | done",
    ]);
    expect(doc.items[0]?.children.map((c) => c.progress)).toEqual([1, 0, 1, 1]);
  });

  it("reads owners written as @handle, [@handle](url) and (owner: Name) after the title", () => {
    const doc = parseHandbook(read("mentions.md"));
    expect(outline(doc)).toEqual([
      "3 O -: Reliable builds",
      "  5 KR mara: Cut flaky tests from 40 to 5",
      "  6 KR jo-lee: Keep the main branch green 95% of days | => 97% | in_progress",
      "  7 KR Priya Nair: Halve the median build time | => 30% | in_progress",
    ]);
    expect(doc.items[0]?.children[1]?.ownerUrl).toBe("https://github.com/jo-lee");
  });

  it("keeps priority tags as a priority, not in the title", () => {
    const doc = parseHandbook(read("priorities.md"));
    expect(outline(doc)).toEqual([
      "3 O -: Customers get answers fast",
      "  5 KR -: First answer within 4 hours for 90% of tickets | => 85% | in_progress | P0",
      "  6 KR -: Publish 20 help articles | => 12 of 20 | in_progress | P1",
      "  7 KR -: Survey 50 customers on support quality | P2",
      "  8 KR -: Cut the backlog from 300 to 100 tickets | P1",
    ]);
    // The house style writes the priority back, so nothing is lost on the way round.
    expect(comparable(parseHandbook(renderDocument(doc)))).toEqual(comparable(doc));
  });

  it("reads one period per section of a page holding several quarters", () => {
    const docs = parseHandbookPeriods(read("multi-quarter.md"));
    expect(docs.map((d) => d.period?.label)).toEqual(["2019-Q1", "2019-Q2", "FY21-Q3"]);
    expect(docs.map(outline)).toEqual([
      [
        "7 O Platform: Make deploys boring.",
        "  8 KR Platform: Deploy 20 times a week | => 75% | in_progress",
        "  9 KR Platform: Cut failed deploys from 10% to 2% | => 50% | in_progress",
      ],
      [
        "13 O Platform: Faster feedback.",
        "  14 KR Platform: Test suite under 10 minutes | => Done | done",
      ],
      [
        "18 O Platform: Lower cost.",
        "  19 KR Platform: Cut cloud spend by 15% | => 20% | in_progress",
      ],
    ]);
    // A page of one period is one document, as before.
    expect(parseHandbookPeriods(read("headings.md"))).toHaveLength(1);
  });

  it("reads bold role labels as owners, like the plain ones", () => {
    expect(outline(parseHandbook(read("bold-roles.md")))).toEqual([
      "3 O CEO: Become the default choice for small teams.",
      "  4 KR CEO: Reach 5,000 paying teams | => 64% | in_progress",
      "  5 KR VP Eng: Ship the self-serve plan by November | => Done | done",
      "  6 KR VP Marketing: Double trial sign-ups from 800 to 1,600",
    ]);
  });

  it("ignores kramdown and Hugo markers: never items, line numbers kept", () => {
    const doc = parseHandbook(read("markers.md"));
    expect(outline(doc)).toEqual([
      "8 O -: Delight admins",
      "  15 KR Admin: Cut setup from 30 to 10 minutes | => 50% | in_progress",
      "  16 KR Admin: Ship audit log export | => Done | done",
    ]);
  });

  it("reads tables whose rows are key results; other tables stay out with an info problem", () => {
    const doc = parseHandbook(read("kr-table.md"));
    expect(outline(doc)).toEqual([
      "5 O -: Grow the pipeline",
      "  5 KR Sales: Book 40 demos | => 60% | in_progress",
      "  6 KR Sales: Close 10 deals | => 3 of 10 | in_progress",
      "7 O -: Answer quickly",
      "  7 KR Support: First answer within 4 hours | => Done | done",
    ]);
    expect(doc.problems).toContainEqual(
      expect.objectContaining({ line: 9, severity: "info", code: "ignored_table" }),
    );
  });

  it("reads a table's Start, Target and Current columns as the figure its key result measures", () => {
    const doc = parseHandbook(read("kr-table-measures.md"));
    expect(doc.period?.label).toBe("FY26-Q1");
    expect(outline(doc)).toEqual([
      "7 O -: Grow the pipeline",
      "  7 KR Priya: Qualified leads per month | => 37.5% | in_progress",
      "  8 KR Priya: Win rate on enterprise deals | => 20% | in_progress",
      "  9 KR Tomás: Average deal size | => $44k | in_progress",
      "10 O -: Keep customers",
      "  10 KR Ana: Gross churn | => 1.6% | done",
      "  11 KR Ana: Time to first reply | => 4 h | in_progress",
      "  12 KR Ana: Renewal playbook | v2 shipped | => Done | done",
      "13 O -: Expand to Japan",
      "17 O -: Hire well",
      "  17 KR Lee: Engineers hired | => 5 | in_progress",
    ]);
    const krs = doc.items.flatMap((o) => o.children);
    const byTitle = (start: string) => krs.find((kr) => kr.title.startsWith(start));
    // The figures are the columns', whatever the Progress cell says; 20% is a value here.
    expect(byTitle("Qualified leads")?.measure).toMatchObject({ start: 120, target: 200 });
    expect(byTitle("Win rate")).toMatchObject({ value: 20 });
    expect(byTitle("Win rate")?.progress).toBeCloseTo(2 / 7, 9);
    expect(byTitle("Average deal size")).toMatchObject({ value: 44_000, progress: 0.25 });
    expect(byTitle("Gross churn")?.measure).toMatchObject({
      kind: "threshold",
      direction: "below",
    });
    expect(byTitle("Time to first reply")).toMatchObject({ value: 4, progress: 0.5 });
    expect(byTitle("Engineers hired")?.progress).toBeCloseTo(5 / 12, 9);
    // A key result whose figures are in its columns promises a number: no warning it lacks one.
    const codes = doc.problems.map((p) => `${p.line} ${p.code}`);
    expect(codes).not.toContain("8 kr_not_measurable");
    expect(codes).not.toContain("8 percent_read_as_progress");
  });

  it("reads Owner, Progress and Current property lines under a heading as its item's", () => {
    const doc = parseHandbook(read("properties.md"));
    expect(doc.period?.label).toBe("2025-Q3");
    expect(outline(doc)).toEqual([
      "5 O Customer Success: Make onboarding effortless",
      "  10 KR Onboarding team: Cut time to first value from 14 days to 5 days | => 40% | in_progress",
      "  15 KR Growth: Raise activation from 35% to 50% | => 41% | in_progress",
      "  20 KR Growth: Qualified trials per week | => 95 | in_progress",
      "  27 KR Docs: Publish the new setup guide | => Done | done",
      "31 O Research: Know why people leave",
      "  37 KR Research: Interview 20 churned customers | => In progress | in_progress",
      "  42 KR Research: Publish what we learn to the whole company",
    ]);
    const krs = doc.items.flatMap((o) => o.children);
    // A Current line is the figure of the measure the title states: 41% of 35% -> 50%.
    expect(krs[1]).toMatchObject({ value: 41 });
    expect(krs[1]?.progress).toBeCloseTo(0.4, 9);
    expect(krs[2]).toMatchObject({ value: 95, progress: 0.375 });
    // A `Due:` line names no period; prose under a heading stays prose.
    expect(doc.problems.map((p) => p.code)).not.toContain("period_unknown");
  });

  it("leaves lists that are plainly prose out of the items, with an info problem naming the line", () => {
    const doc = parseHandbook(read("prose-lists.md"));
    expect(outline(doc)).toEqual([
      "3 O -: Ship faster",
      "  5 KR Eng: Cut lead time from 10 to 5 days | => 40% | in_progress",
    ]);
    expect(doc.problems).toContainEqual(
      expect.objectContaining({ line: 9, severity: "info", code: "prose_list" }),
    );
    expect(doc.problems).toContainEqual(
      expect.objectContaining({ line: 14, severity: "info", code: "ignored_list" }),
    );
  });
  it("reads Objective, Goal, O1, Key Result and KR labels as what the line is, never as its owner", () => {
    const doc = parseHandbook(read("labels.md"));
    // The page's only heading is `##`: it names the period.
    expect(doc.period?.label).toBe("2024-Q3");
    expect(outline(doc)).toEqual([
      "3 O Platform: Make the product faster",
      "  4 KR Platform: Cut p95 page load from 3.2 s to 1.5 s | => **60%** 🟡 | in_progress",
      "  5 KR Platform: Bring the API error rate below 0.1% | => ✅ done | done",
      "  6 KR Platform: Migrate 40 services to the new runtime | => 12/40 | in_progress",
      // A dash before words that are no result is part of the title.
      "  7 KR Platform: Ship v2 of the editor — 3 features left",
      "8 O -: Fewer incidents",
      "  10 KR -: Reduce incidents caused by storage from 6 to 2 per quarter | => 3 incidents (75%) | in_progress",
      "  11 KR -: Decrease median pipeline duration by 20% | => 12% (60%) | in_progress",
      "12 O -: Hire well",
      "  13 KR -: Hire 4 designers | => Done | done",
    ]);
    // The score in parentheses after the measured value is the progress.
    const incidents = doc.items[1]?.children.map((kr) => kr.progress);
    expect(incidents).toEqual([0.75, 0.6]);
    expect(doc.items[0]?.children[2]?.progress).toBe(0.3);
    expect(doc.problems.map((p) => p.code)).not.toContain("period_unknown");
    // Written back in the house style, it reads the same.
    expect(comparable(parseHandbook(renderDocument(doc)))).toEqual(comparable(doc));
  });

  it("reads GOOD, BAD and TRY written right under the list before them as the next part", () => {
    const doc = parseHandbook(read("retro-lazy.md"));
    expect(doc.retrospectives).toEqual([
      {
        team: "Storage",
        good: ["Good collaboration with SRE"],
        bad: ["Too many interrupts", "On-call load"],
        try: ["Fewer parallel projects"],
      },
    ]);
  });
});
