/**
 * A page holding several quarters, each with a team retrospective of the same name: a
 * retrospective edited in the app is written into its own period's section only.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { findPeriodSections } from "../markdown/period-sections.js";
import { SYSTEM_ACTOR } from "./deps.js";
import { exportPeriod } from "./export.js";
import { importMarkdown } from "./import.js";
import { putRetrospectives } from "./retrospectives.js";

const PAGE = [
  "# Platform team OKRs",
  "",
  "## 2019 Q1",
  "",
  "- **Platform: Make deploys boring.**",
  "  - Platform KR: Deploy 20 times a week => 75%",
  "",
  "### Platform",
  "",
  "- GOOD",
  "  - Deploys got boring",
  "- BAD",
  "  - Rollbacks were slow",
  "",
  "## Q2 2019",
  "",
  "- **Platform: Faster feedback.**",
  "  - Platform KR: Test suite under 10 minutes => Done",
  "",
  "### Platform",
  "",
  "- GOOD",
  "  - Tests got faster",
  "- BAD",
  "  - Flaky tests",
  "",
].join("\n");

describe.each(DIALECTS)("retrospectives on a page of several quarters (%s)", (dialect) => {
  let fx: AppFixture;
  beforeEach(async () => {
    fx = await openAppFixture(dialect);
  });
  afterEach(async () => {
    await fx.close();
  });

  it("writes an edited retrospective into its own period's section only", async () => {
    const ids: string[] = [];
    for (const section of findPeriodSections(PAGE)) {
      ids.push((await importMarkdown(fx.deps, SYSTEM_ACTOR, PAGE, { section })).periodId);
    }
    const [q1, q2] = ids as [string, string];
    await putRetrospectives(fx.deps, SYSTEM_ACTOR, q2, {
      retrospectives: [
        { team: "Platform", good: ["Tests got faster"], bad: ["Flaky tests", "CI queue"], try: [] },
      ],
    });
    const expected = PAGE.replace("  - Flaky tests\n", "  - Flaky tests\n  - CI queue\n");
    const exported = await exportPeriod(fx.deps, SYSTEM_ACTOR, q2, { format: "md" });
    expect(exported.content).toBe(expected);
    // The other quarter's export is the page as it was: its retrospective did not change.
    expect((await exportPeriod(fx.deps, SYSTEM_ACTOR, q1, { format: "md" })).content).toBe(PAGE);
  });
});
