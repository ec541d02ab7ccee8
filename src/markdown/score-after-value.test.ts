/**
 * A value, then the writer's own score in parentheses (`=> 98% (40%)`), after a title that
 * measures a value: the score is the progress and the value is the key result's value, in percent
 * too, where a bare `=> 40%` stays the progress (decisions/0058). Written back, a key result with
 * a value of a measure in percent says both.
 */
import { describe, expect, it } from "vitest";
import { readOutcome } from "./outcome.js";
import { parseHandbook } from "./parse-handbook.js";
import { outcomeNow, updateOutcome } from "./source-export/outcome-update.js";

const UPTIME = "Raise uptime from 97% to 99.5%";
const CHURN = "Reduce churn from 5% to 3%";

describe("a value then the writer's score, read against the title's measure", () => {
  it("gives the score as the progress and the value as the measured value, in percent too", () => {
    expect(readOutcome("98% (40%)", UPTIME)).toEqual({
      progress: 0.4,
      status: "in_progress",
      measured: {
        measure: { kind: "metric", unit: "percent", start: 97, target: 99.5, direction: null },
        value: 98,
      },
    });
    expect(readOutcome("4% (50%)", CHURN).measured?.value).toBe(4);
    expect(readOutcome("99.95% (100%)", "Keep uptime above 99.9%")).toMatchObject({
      progress: 1,
      status: "done",
      measured: { measure: { kind: "threshold", direction: "above" }, value: 99.95 },
    });
  });

  it("reads any unit of the title's measure so", () => {
    expect(readOutcome("3 incidents (75%)", "Cut incidents from 10 to 2").measured?.value).toBe(3);
    expect(readOutcome("$31M (78%)", "Generate $40M in pipeline").measured?.value).toBe(31e6);
    expect(
      readOutcome("61 mins (~64%)", "Reduce time to merge from 70 mins to 56 mins").measured?.value,
    ).toBe(61);
  });

  it("takes no value in another unit than the title's, nor without a title", () => {
    expect(readOutcome("12 deals (60%)", UPTIME)).toEqual({ progress: 0.6, status: "in_progress" });
    expect(readOutcome("4% (50%)", "Cut open bugs from 300 to 100")).toEqual({
      progress: 0.5,
      status: "in_progress",
    });
    expect(readOutcome("98% (40%)")).toEqual({ progress: 0.4, status: "in_progress" });
  });

  it("keeps a bare percentage as the progress", () => {
    expect(readOutcome("40%", UPTIME)).toEqual({ progress: 0.4, status: "in_progress" });
    expect(readOutcome("98%", UPTIME)).toEqual({ progress: 0.98, status: "in_progress" });
  });

  it("gives the parsed line its measure and value", () => {
    const doc = parseHandbook(
      [
        "# 2025-Q1 OKRs",
        "",
        "- [ ] SRE: Keep the service up",
        `  - [ ] SRE KR: ${UPTIME} => 98% (40%)`,
        "1. Growth: Keep customers",
        `   1. Growth KR: ${CHURN} => 4% (50%)`,
        "",
      ].join("\n"),
    );
    const [uptime, churn] = doc.items.flatMap((o) => o.children);
    expect(uptime).toMatchObject({ progress: 0.4, value: 98, measure: { start: 97 } });
    expect(churn).toMatchObject({ progress: 0.5, value: 4, measure: { start: 5, target: 3 } });
  });
});

describe("a key result with a value of a measure in percent, written back", () => {
  it("says the value as the title writes it, then the score in parentheses", () => {
    expect(updateOutcome(null, 0.4, "in_progress", UPTIME, 98)).toBe("98% (40%)");
    expect(updateOutcome(null, 0.5, "in_progress", CHURN, 4)).toBe("4% (50%)");
    expect(outcomeNow(null, 0.4, "in_progress", UPTIME, 98)).toBe("98% (40%)");
    expect(outcomeNow(null, 1, "done", "Keep uptime above 99.9%", 99.95)).toBe("99.95% (100%)");
  });

  it("keeps the line that says it, and moves both figures when they moved", () => {
    expect(outcomeNow("98% (40%)", 0.4, "in_progress", UPTIME, 98)).toBe("98% (40%)");
    expect(outcomeNow("98% (40%)", 0.8, "in_progress", UPTIME, 99)).toBe("99% (80%)");
    expect(outcomeNow("~98% (40%)", 0.6, "in_progress", UPTIME, 98.5)).toBe("~98.5% (60%)");
    expect(outcomeNow("3 incidents (75%)", 1, "done", "Cut incidents from 10 to 2", 2)).toBe(
      "2 incidents (100%)",
    );
    expect(outcomeNow("40%", 0.8, "in_progress", UPTIME, 99)).toBe("99% (80%)");
  });

  it("writes the progress alone without a value, as before", () => {
    expect(outcomeNow(null, 0.4, "in_progress", UPTIME)).toBe("40%");
    expect(outcomeNow("40%", 0.8, "in_progress", UPTIME)).toBe("80%");
    expect(outcomeNow("98% (40%)", 0.8, "in_progress", UPTIME)).toBe("80%");
  });
});
