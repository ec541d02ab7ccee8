/**
 * A page imported again after changes in the app: what the page did not change since it was
 * recorded leaves the app's changes (check-ins, an owner, a move, an archive) as they are;
 * what it did change is the page's to say; the export still writes the app's changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id, KeyResult } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { checkIn } from "./check-ins.js";
import { exportPeriod } from "./export.js";
import { importMarkdown, previewImport } from "./import.js";
import { archiveKeyResult, moveKeyResult, updateKeyResult } from "./key-results.js";

const PAGE = [
  "# 2020-Q1 OKRs",
  "",
  "1. CEO: Grow the business.",
  "   1. KR: Raise ARR from $2M to $3M => 40%",
  "   1. KR: Reduce lead time from 10 days to 4 days",
  "   1. KR: Sign 10 new logos => 3 of 10",
  "   1. KR: Publish the pricing page => 20%",
  "1. CTO: Ship faster.",
  "   1. KR: Keep uptime above 99.9% => 100%",
  "",
].join("\n");

describe.each(DIALECTS)("a page imported again after changes in the app (%s)", (dialect) => {
  let fx: AppFixture;
  let periodId: Id;
  const byTitle = async (start: string): Promise<KeyResult> => {
    const { keyResults } = await listPeriodItems(fx.deps.db, periodId);
    const found = keyResults.find((kr) => kr.title.startsWith(start));
    if (!found) throw new Error(`no key result ${start}`);
    return found;
  };

  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    periodId = (await importMarkdown(fx.deps, ADMIN, PAGE, { periodLabel: "2020-Q1" })).periodId;
    await checkIn(fx.deps, ADMIN, (await byTitle("Raise ARR")).id, { progress: 0.55 });
    await checkIn(fx.deps, ADMIN, (await byTitle("Reduce lead")).id, { progress: 0.5 });
    const logos = await byTitle("Sign 10");
    await updateKeyResult(fx.deps, ADMIN, logos.id, { version: logos.version, owner: "VP Sales" });
    const pricing = await byTitle("Publish");
    await archiveKeyResult(fx.deps, ADMIN, pricing.id, { version: pricing.version });
    const uptime = await byTitle("Keep uptime");
    await moveKeyResult(fx.deps, ADMIN, uptime.id, {
      version: uptime.version,
      objectiveId: (await byTitle("Raise ARR")).objectiveId,
    });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("changes nothing when the page is the same, and the export still says the app's changes", async () => {
    const before = await listPeriodItems(fx.deps.db, periodId);
    const preview = await previewImport(fx.deps, ADMIN, PAGE, { periodLabel: "2020-Q1" });
    expect(
      preview.changes.filter((c) => c.action === "update").map((c) => JSON.stringify(c)),
    ).toEqual([]);
    const again = await importMarkdown(fx.deps, ADMIN, PAGE, { periodLabel: "2020-Q1" });
    expect({ created: again.created, updated: again.updated }).toEqual({ created: 0, updated: 0 });
    expect(await listPeriodItems(fx.deps.db, periodId)).toEqual(before);

    expect((await byTitle("Raise ARR")).progress).toBeCloseTo(0.55);
    expect((await byTitle("Reduce lead")).progress).toBeCloseTo(0.5);
    expect((await byTitle("Sign 10")).owner?.name).toBe("VP Sales");
    expect((await byTitle("Publish")).archived).toBe(true);

    const page = (await exportPeriod(fx.deps, ADMIN, periodId, { format: "md" })).content;
    expect(page).toContain("1. KR: Raise ARR from $2M to $3M => 55%");
    expect(page).toContain("1. KR: Reduce lead time from 10 days to 4 days => 50%");
    expect(page).not.toContain("Publish the pricing page");
  });

  it("takes what the page changed since, and only that", async () => {
    const edited = PAGE.replace("=> 3 of 10", "=> 6 of 10").replace(
      "Raise ARR from $2M to $3M => 40%",
      "Raise ARR from $2M to $3M => 70%",
    );
    const result = await importMarkdown(fx.deps, ADMIN, edited, { periodLabel: "2020-Q1" });
    expect(result.updated).toBe(2);
    expect((await byTitle("Raise ARR")).progress).toBeCloseTo(0.7);
    const logos = await byTitle("Sign 10");
    expect(logos.progress).toBeCloseTo(0.6);
    expect(logos.owner?.name).toBe("VP Sales");
    expect((await byTitle("Reduce lead")).progress).toBeCloseTo(0.5);
    // The same edited page once more: nothing is news now.
    const again = await importMarkdown(fx.deps, ADMIN, edited, { periodLabel: "2020-Q1" });
    expect(again.updated).toBe(0);
  });
});
