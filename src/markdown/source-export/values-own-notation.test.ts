/**
 * A check-in by value written back where the page keeps the figure, in the page's own notation:
 * minutes written `45m` in a table's Current cell or on a `Current:` line, a plan line that
 * states a measure and had no outcome yet, an outcome written in hours for a measure in minutes.
 */
import { describe, expect, it } from "vitest";
import type { LineFields } from "../../core/page-source.js";
import { outcomeNow } from "./outcome-update.js";
import { spliceSource } from "./splice.js";

const fields = (title: string, more: Partial<LineFields> = {}): LineFields => ({
  owner: null,
  title,
  outcome: null,
  progress: null,
  status: null,
  ...more,
});

/** The page after one key result on `line` (under an objective on line `objectiveLine`) moved. */
function written(
  page: string,
  objectiveLine: number,
  line: number,
  before: LineFields,
  after: Partial<LineFields>,
): string[] {
  const objective = fields("Ship faster", { owner: "Delivery" });
  return spliceSource(page, [
    {
      key: "o",
      kind: "objective",
      line: objectiveLine,
      parentKey: null,
      before: objective,
      after: objective,
    },
    {
      key: "k",
      kind: "key_result",
      line,
      parentKey: "o",
      before,
      after: { ...before, ...after },
    },
  ]).text.split("\n");
}

describe("minutes written as m where a table or property line keeps the figure", () => {
  it("writes a Current cell of minutes as minutes, not millions", () => {
    const page = [
      "| Objective | Key result | Owner | Start | Target | Current | Progress |",
      "|---|---|---|---|---|---|---|",
      "| Ship faster | Build time | Delivery | 2h | 30m | 45m | |",
      "",
    ].join("\n");
    const build = fields("Build time", {
      owner: "Delivery",
      outcome: "45m",
      progress: 75 / 90,
      status: "in_progress",
      value: 45,
    });
    const lines = written(page, 3, 3, build, { progress: 80 / 90, value: 40 });
    expect(lines[2]).toBe("| Ship faster | Build time | Delivery | 2h | 30m | 40m | 88.89% |");
  });

  it("writes a Current line of minutes as minutes under a title that states its measure", () => {
    const page = [
      "## Objective: Ship faster",
      "",
      "### KR: Cut build time from 2h to 30m",
      "",
      "Owner: Delivery",
      "Current: 45m",
      "",
    ].join("\n");
    const build = fields("Cut build time from 2h to 30m", {
      owner: "Delivery",
      outcome: "45m",
      progress: 75 / 90,
      status: "in_progress",
      value: 45,
    });
    const lines = written(page, 1, 3, build, { progress: 80 / 90, value: 40 });
    expect(lines[5]).toBe("Current: 40m");
  });
});

describe("a value written on a line of the page's own", () => {
  it("gives a plan line that states a measure its value, in the title's unit", () => {
    const page = [
      "1. Delivery: Ship faster",
      "   1. Delivery KR: Reduce lead time from 10 days to 4 days",
      "   2. Delivery KR: Cut time to restore from 4h to 1h",
      "   3. Delivery KR: Hire 4 platform engineers",
      "",
    ].join("\n");
    const lead = fields("Reduce lead time from 10 days to 4 days", { owner: "Delivery" });
    expect(written(page, 1, 2, lead, { progress: 1 / 3, status: "in_progress", value: 8 })[1]).toBe(
      "   1. Delivery KR: Reduce lead time from 10 days to 4 days => 8 days",
    );
    const restore = fields("Cut time to restore from 4h to 1h", { owner: "Delivery" });
    expect(
      written(page, 1, 3, restore, { progress: 1 / 3, status: "in_progress", value: 3 })[2],
    ).toBe("   2. Delivery KR: Cut time to restore from 4h to 1h => 3h");
    const hire = fields("Hire 4 platform engineers", { owner: "Delivery" });
    expect(written(page, 1, 4, hire, { progress: 0.25, status: "in_progress", value: 1 })[3]).toBe(
      "   3. Delivery KR: Hire 4 platform engineers => 1",
    );
  });

  it("keeps a progress on a plan line checked in by progress; a value in percent says it after", () => {
    const page = [
      "- Delivery: Ship faster",
      "  - Delivery KR: Keep change failure rate under 15%",
      "  - Delivery KR: Reduce lead time from 10 days to 4 days",
      "",
    ].join("\n");
    const held = fields("Keep change failure rate under 15%", { owner: "Delivery" });
    // `=> 12%` would read back as 12% progress: the progress follows in parentheses.
    expect(written(page, 1, 2, held, { progress: 1, status: "done", value: 12 })[1]).toBe(
      "  - Delivery KR: Keep change failure rate under 15% => 12% (100%)",
    );
    // Checked in by progress alone, it says the progress, as before.
    expect(written(page, 1, 2, held, { progress: 1, status: "done" })[1]).toBe(
      "  - Delivery KR: Keep change failure rate under 15% => 100%",
    );
    const lead = fields("Reduce lead time from 10 days to 4 days", { owner: "Delivery" });
    expect(written(page, 1, 3, lead, { progress: 0.5, status: "in_progress" })[2]).toBe(
      "  - Delivery KR: Reduce lead time from 10 days to 4 days => 50%",
    );
  });

  it("writes a value of a measure in minutes in the hours the outcome was written in", () => {
    const page = [
      "- Infra: Build faster",
      "  - Infra KR: Cut build time from 2h to 30m => 1.5h",
      "",
    ].join("\n");
    const build = fields("Cut build time from 2h to 30m", {
      owner: "Infra",
      outcome: "1.5h",
      progress: 1 / 3,
      status: "in_progress",
      value: 90,
    });
    expect(written(page, 1, 2, build, { progress: 2 / 3, value: 60 })[1]).toBe(
      "  - Infra KR: Cut build time from 2h to 30m => 1h",
    );
  });
});

describe("a value written with the decimals the page gave it", () => {
  it("keeps the decimals of a figure padded with zeros, money or plain", () => {
    const page = [
      "- Infra: Spend less",
      "  - Infra KR: Reduce monthly cloud bill from $1.20M to $0.90M => $1.10M",
      "  - Infra KR: Raise page rating from 3.20 to 4.00 => 3.40",
      "",
    ].join("\n");
    const bill = fields("Reduce monthly cloud bill from $1.20M to $0.90M", {
      owner: "Infra",
      outcome: "$1.10M",
      progress: 1 / 3,
      status: "in_progress",
      value: 1_100_000,
    });
    expect(written(page, 1, 2, bill, { progress: 2 / 3, value: 1_000_000 })[1]).toBe(
      "  - Infra KR: Reduce monthly cloud bill from $1.20M to $0.90M => $1.00M",
    );
    const rating = fields("Raise page rating from 3.20 to 4.00", {
      owner: "Infra",
      outcome: "3.40",
      progress: 0.25,
      status: "in_progress",
      value: 3.4,
    });
    expect(written(page, 1, 3, rating, { progress: 1, status: "done", value: 4 })[2]).toBe(
      "  - Infra KR: Raise page rating from 3.20 to 4.00 => 4.00",
    );
  });
});

describe("the outcome a line says now, after a check-in by value", () => {
  it("does not keep a written value that is no longer the key result's, even at the same progress", () => {
    // Start 3.5s and Target 2s gave the figures; the title alone reads `3s` as 2/3 held too.
    expect(outcomeNow("3s", 2 / 3, "in_progress", "Cold start under 2s", 2.5)).not.toBe("3s");
    expect(outcomeNow("3s", 2 / 3, "in_progress", "Cold start under 2s", 3)).toBe("3s");
  });
});

describe("a line held before and after a check-in by value", () => {
  it("says the new value, though the progress stayed at 100%", () => {
    const page = [
      "- Infra: Stay fast",
      "  - Infra KR: Keep p99 API latency under 250 ms => 230 ms",
      "",
    ].join("\n");
    const latency = fields("Keep p99 API latency under 250 ms", {
      owner: "Infra",
      outcome: "230 ms",
      progress: 1,
      status: "done",
      value: 230,
    });
    expect(written(page, 1, 2, latency, { value: 240 })[1]).toBe(
      "  - Infra KR: Keep p99 API latency under 250 ms => 240 ms",
    );
  });
});

describe("a table row held before and after a check-in by value", () => {
  it("writes the new figure into its Current cell", () => {
    const page = [
      "| Objective | Key result | Owner | Target | Current |",
      "|---|---|---|---|---|",
      "| Ship faster | Gross churn | Delivery | < 2% | 1.6% |",
      "",
    ].join("\n");
    const churn = fields("Gross churn", {
      owner: "Delivery",
      outcome: "1.6%",
      progress: 1,
      status: "done",
      value: 1.6,
    });
    expect(written(page, 3, 3, churn, { value: 1.5 })[2]).toBe(
      "| Ship faster | Gross churn | Delivery | < 2% | 1.5% |",
    );
  });
});
