/**
 * A page applied again that is older than the app (decisions/0065): a line that removes a key
 * result's outcome, or says a figure its check-ins moved past, is a conflict named with both
 * figures, and nothing of the page is written unless forced; a new figure is the page's and
 * the sync says it, old and new. The same rule holds for `okr sync` and a page imported again.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { isOkrError } from "../core/errors.js";
import type { Id, KeyResult } from "../core/types.js";
import { listCheckIns } from "../store/check-ins.repository.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { findPeriodByLabel } from "../store/periods.repository.js";
import { checkIn } from "./check-ins.js";
import { importMarkdown, previewImport } from "./import.js";
import { syncPage } from "./sync.js";

/** Task-list lines, one with an outcome after `=>`, one measuring a value. */
const TASKS = [
  "# 2020-Q2 OKRs",
  "",
  "## Objective: Grow the business",
  "",
  "- [ ] Book 40 demos",
  "- [ ] Close 10 deals => 20%",
  "- [ ] Reduce time to first answer from 8 hours to 2 hours => 6 hours",
  "",
].join("\n");

/** Key results as rows of a table with Start, Target and Current columns. */
const TABLE = [
  "# 2020-Q2 OKRs",
  "",
  "## Objective: Ship faster",
  "",
  "| Key result | Owner | Start | Target | Current |",
  "|---|---|---|---|---|",
  "| Grow weekly deploys | Eng | 10 | 30 | |",
  "| Cut open incidents | Eng | 40 | 10 | 30 |",
  "",
].join("\n");

describe.each(DIALECTS)("a page older than the app (%s)", (dialect) => {
  let fx: AppFixture;
  beforeEach(async () => {
    fx = await openAppFixture(dialect, "2020-04-10T12:00:00.000Z");
  });
  afterEach(async () => {
    await fx?.close();
  });

  const periodId = async (): Promise<Id> => {
    const period = await findPeriodByLabel(fx.deps.db, "2020-Q2");
    if (period === undefined) throw new Error("no period");
    return period.id;
  };
  const byTitle = async (start: string): Promise<KeyResult> => {
    const { keyResults } = await listPeriodItems(fx.deps.db, await periodId());
    const found = keyResults.find((kr) => kr.title.startsWith(start));
    if (!found) throw new Error(`no key result ${start}`);
    return found;
  };
  const sync = (text: string, force = false) =>
    syncPage(fx.deps, ADMIN, "okrs/q2.md", text, { force });
  /** A check-in a day later than the last thing done. */
  const checkInOn = async (start: string, input: object) => {
    fx.advanceDays(1);
    await checkIn(fx.deps, ADMIN, (await byTitle(start)).id, input);
  };
  /** The page imported, checked in, and written back: the file as the sync left it. */
  const syncedAfterCheckIns = async (page: string, work: () => Promise<void>) => {
    expect((await sync(page))[0]?.action).toBe("imported");
    await work();
    const [written] = await sync(page);
    expect(written?.action).toBe("written");
    return written?.text as string;
  };

  it("refuses a task-list page that lacks the outcome the last sync wrote, and keeps the app's", async () => {
    const now = await syncedAfterCheckIns(TASKS, () => checkInOn("Book", { progress: 0.6 }));
    expect(now).toContain("- [ ] Book 40 demos => 60%");
    const [result] = await sync(TASKS);
    expect(result?.action).toBe("conflict");
    expect(result?.text).toBeUndefined();
    expect(result?.conflicts).toEqual([
      {
        line: 5,
        item: "Book 40 demos",
        field: "outcome",
        app: "60%",
        page: null,
        checkedInAt: "2020-04-11T12:00:00.000Z",
      },
    ]);
    const book = await byTitle("Book");
    expect(book.progress).toBeCloseTo(0.6);
    expect(await listCheckIns(fx.deps.db, book.id)).toHaveLength(1);
    // The page as written is still the one the period knows: syncing it changes nothing.
    expect((await sync(now))[0]?.action).toBe("unchanged");
  });

  it("refuses an older figure: one an earlier check-in gave, or the one the app wrote over", async () => {
    const first = await syncedAfterCheckIns(TASKS, () => checkInOn("Close", { progress: 0.3 }));
    expect(first).toContain("- [ ] Close 10 deals => 30%");
    await checkInOn("Close", { progress: 0.45 });
    expect((await sync(first))[0]?.action).toBe("written");
    for (const older of [first, TASKS]) {
      const [result] = await sync(older);
      expect(result?.action).toBe("conflict");
      expect(result?.conflicts).toMatchObject([
        { line: 6, item: "Close 10 deals", app: "45%", page: older === first ? "30%" : "20%" },
      ]);
    }
    expect((await byTitle("Close")).progress).toBeCloseTo(0.45);
  });

  it("refuses a value its check-ins moved past, and one the page had before the app wrote over it", async () => {
    const first = await syncedAfterCheckIns(TASKS, () => checkInOn("Reduce time", { value: 4 }));
    expect(first).toContain("from 8 hours to 2 hours => 4 hours");
    await checkInOn("Reduce time", { value: 3 });
    const [second] = await sync(first);
    expect(second?.action).toBe("written");
    const latest = second?.text as string;
    expect(latest).toContain("=> 3 hours");

    // The copy of the first sync: 4 hours, which the check-in of 3 hours moved past.
    const [behind] = await sync(first);
    expect(behind?.action).toBe("conflict");
    expect(behind?.conflicts).toMatchObject([
      { line: 7, field: "outcome", app: "3 (83%)", page: "4 hours" },
    ]);
    // The copy before any sync: 6 hours, the figure the app wrote over.
    const [original] = await sync(TASKS);
    expect(original?.action).toBe("conflict");
    expect(original?.conflicts).toMatchObject([{ line: 7, app: "3 (83%)", page: "6 hours" }]);
    expect((await byTitle("Reduce time")).current).toBe(3);
  });

  it("takes a new figure from the page and says it, old and new", async () => {
    const now = await syncedAfterCheckIns(TASKS, () => checkInOn("Book", { progress: 0.6 }));
    const [result] = await sync(now.replace("=> 60%", "=> 75%"));
    expect(result?.action).toBe("updated");
    expect(result?.changes).toEqual([{ line: 5, item: "Book 40 demos", from: "60%", to: "75%" }]);
    expect((await byTitle("Book")).progress).toBeCloseTo(0.75);
  });

  it("takes the older page when forced, and says what it changed", async () => {
    await syncedAfterCheckIns(TASKS, () => checkInOn("Book", { progress: 0.6 }));
    const [result] = await sync(TASKS, true);
    expect(result?.action).toBe("updated");
    expect(result?.changes).toEqual([{ line: 5, item: "Book 40 demos", from: "60%", to: "0%" }]);
    const book = await byTitle("Book");
    expect(book.progress).toBe(0);
    expect(await listCheckIns(fx.deps.db, book.id)).toHaveLength(1);
  });

  it("refuses a table row whose Current cell is empty again, or holds an older value", async () => {
    const now = await syncedAfterCheckIns(TABLE, async () => {
      await checkInOn("Grow weekly", { value: 14 });
      await checkInOn("Cut open", { value: 20 });
    });
    expect(now).toContain("| Grow weekly deploys | Eng | 10 | 30 | 14");
    const [result] = await sync(TABLE);
    expect(result?.action).toBe("conflict");
    expect(result?.conflicts).toMatchObject([
      { line: 7, item: "Eng: Grow weekly deploys", app: "14 (14%)", page: null },
      { line: 8, item: "Eng: Cut open incidents", app: "20 (67%)", page: "30" },
    ]);
    expect((await byTitle("Grow weekly")).current).toBe(14);
    expect((await byTitle("Cut open")).current).toBe(20);
  });

  it("refuses a page imported again that removes an outcome checked in since, unless forced", async () => {
    await importMarkdown(fx.deps, ADMIN, TASKS);
    await checkInOn("Close", { progress: 0.5 });
    const removed = TASKS.replace("- [ ] Close 10 deals => 20%", "- [ ] Close 10 deals");
    const error = await importMarkdown(fx.deps, ADMIN, removed).catch((e: unknown) => e);
    expect(isOkrError(error) && error.code).toBe("conflict");
    expect((error as Error).message).toContain(
      'Line 6: "Close 10 deals": app 50% (check-in of 2020-04-11), page none',
    );
    expect((await byTitle("Close")).progress).toBeCloseTo(0.5);
    const preview = await previewImport(fx.deps, ADMIN, removed);
    expect(preview.problems.filter((p) => p.code === "check_in_taken_back")).toMatchObject([
      { line: 6, severity: "error" },
    ]);
    // A new figure is the page's, as before (decisions/0061).
    await importMarkdown(fx.deps, ADMIN, TASKS.replace("=> 20%", "=> 70%"));
    expect((await byTitle("Close")).progress).toBeCloseTo(0.7);
    await importMarkdown(fx.deps, ADMIN, removed, { force: true });
    expect((await byTitle("Close")).progress).toBe(0);
  });
});
