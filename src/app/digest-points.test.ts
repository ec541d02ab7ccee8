/** The weekly digest's score lines: the change they state is the one between the two shown. */
import { describe, expect, it } from "vitest";
import { digestMailOf } from "./digest.js";
import type { DigestContent } from "./digest-plan.js";

function contentWith(scoreWeekAgo: number, scoreNow: number): DigestContent {
  return {
    key: "digest:p1:2026-03-02T09:00:00.000Z",
    personId: "p1",
    name: "Olive",
    email: "olive@example.com",
    slot: "2026-03-02T09:00:00.000Z",
    objectives: [
      {
        id: "o1",
        title: "Delight customers",
        periodLabel: "2026-Q1",
        link: "http://localhost/objectives/o1",
        scoreNow,
        scoreWeekAgo,
      },
    ],
    moved: [],
    atRisk: [],
    stale: [],
  };
}

describe("the digest's change in points", () => {
  it("is the difference of the percentages it shows", () => {
    // 0.664 shows as 66% and 0.676 as 68%: +2, though the scores differ by 1.2 points.
    expect(digestMailOf(contentWith(0.664, 0.676)).text).toContain(
      "Delight customers (2026-Q1): 68% (+2 points)",
    );
  });

  it("says one point, and no change where the shown percentage stayed", () => {
    expect(digestMailOf(contentWith(0.5, 0.51)).text).toContain("51% (+1 point)\n");
    expect(digestMailOf(contentWith(0.52, 0.51)).text).toContain("51% (-1 point)\n");
    expect(digestMailOf(contentWith(0.501, 0.504)).text).toContain("50% (no change)");
  });
});
