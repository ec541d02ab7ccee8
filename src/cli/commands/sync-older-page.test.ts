/**
 * `okr sync` of an older checkout (decisions/0065): a page that lacks the outcome the last sync
 * wrote is a conflict, named with file, line, key result and both figures; the file and the
 * database stay as they were and the command exits 1. `--force` takes the page's, and the sync
 * says each key result it moved, old and new.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { checkIn } from "../../app/check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "../../app/deps.js";
import { createIdGenerator } from "../../core/ids.js";
import type { KeyResult } from "../../core/types.js";
import { openDatabase } from "../../store/database.js";
import { listPeriodItems } from "../../store/period-items.repository.js";
import { findPeriodByLabel } from "../../store/periods.repository.js";

const PAGE = [
  "# FY21-Q3 OKRs",
  "",
  "1. **Sales: Grow the pipeline.**",
  "    1. Sales KR: Book 40 demos.",
  "    1. Sales KR: Close 10 deals. => 20%",
  "",
].join("\n");

function git(repo: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.email=ci@example.com", "-c", "user.name=CI", "-C", repo, ...args],
    { encoding: "utf8" },
  );
}

describe.each(DIALECTS)("okr sync of an older checkout (%s)", (dialect) => {
  let database: EmptyDatabase;
  let repo: string;
  let file: string;
  const sync = (...flags: string[]) =>
    runOkrInProcess(["sync", repo, ...flags, "--database-url", database.url]);

  async function inApp<T>(work: (deps: AppDeps, krs: KeyResult[]) => Promise<T>): Promise<T> {
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps: AppDeps = {
        db: opened.db,
        dialect: opened.dialect,
        now: () => new Date("2020-09-01T12:00:00Z"),
        newId: createIdGenerator(Date.now, (n) => new Uint8Array(n).map(() => Math.random() * 256)),
      };
      const period = await findPeriodByLabel(opened.db, "FY21-Q3");
      if (period === undefined) throw new Error("no period");
      const { keyResults } = await listPeriodItems(opened.db, period.id);
      return await work(deps, keyResults);
    } finally {
      await opened.close();
    }
  }
  const progressOf = (start: string) =>
    inApp(async (_deps, krs) => krs.find((k) => k.title.startsWith(start))?.progress);

  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    repo = mkdtempSync(join(tmpdir(), "okr-sync-older-"));
    mkdirSync(join(repo, "okrs"));
    file = join(repo, "okrs", "fy21-q3.md");
    writeFileSync(file, PAGE);
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "OKRs for FY21-Q3");
    expect((await sync()).stdout).toContain("FY21-Q3 imported");
    await inApp(async (deps, krs) => {
      const book = krs.find((k) => k.title.startsWith("Book")) as KeyResult;
      await checkIn(deps, SYSTEM_ACTOR, book.id, { progress: 0.6 });
    });
    expect((await sync()).stdout).toContain("FY21-Q3 written");
    git(repo, "commit", "-qam", "Check-ins from the app");
  });
  afterAll(async () => {
    await database.drop();
    rmSync(repo, { recursive: true, force: true });
  });

  it("names the conflict, writes nothing and exits 1 when the page lacks the outcome the last sync wrote", async () => {
    git(repo, "checkout", "-q", "HEAD~1", "--", "okrs/fy21-q3.md");
    const result = await sync();
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("okrs/fy21-q3.md: FY21-Q3 conflict");
    expect(result.stdout).toContain(
      `okrs/fy21-q3.md:4: conflict on the outcome of "Sales: Book 40 demos.": app "60%", page (none); the page does not know its check-in of 2020-09-01 (--force takes the page's)`,
    );
    expect(result.stdout).toContain("1 page, 1 conflict, 0 errors");
    expect(readFileSync(file, "utf8")).toBe(PAGE);
    expect(await progressOf("Book")).toBeCloseTo(0.6);
    // A dry run says the same and writes nothing either.
    const dry = await sync("--dry-run");
    expect(dry.stdout).toContain('conflict on the outcome of "Sales: Book 40 demos."');
    expect(await progressOf("Book")).toBeCloseTo(0.6);
  });

  it("says each key result a page edit moves, old and new", async () => {
    git(repo, "checkout", "-q", "HEAD", "--", "okrs/fy21-q3.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("=> 20%", "=> 35%"));
    const result = await sync();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("okrs/fy21-q3.md: FY21-Q3 updated");
    expect(result.stdout).toContain('okrs/fy21-q3.md:5: "Sales: Close 10 deals.": 20% -> 35%');
    expect(await progressOf("Close")).toBeCloseTo(0.35);
    git(repo, "commit", "-qam", "Close at 35%");
  });

  it("takes the older page with --force and says what it changed", async () => {
    git(repo, "checkout", "-q", "HEAD~2", "--", "okrs/fy21-q3.md");
    const result = await sync("--force");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("okrs/fy21-q3.md: FY21-Q3 updated");
    expect(result.stdout).toContain('okrs/fy21-q3.md:4: "Sales: Book 40 demos.": 60% -> none');
    expect(result.stdout).toContain('okrs/fy21-q3.md:5: "Sales: Close 10 deals.": 35% -> 20%');
    expect(await progressOf("Book")).toBeNull();
  });
});
