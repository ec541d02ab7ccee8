/**
 * `okr sync` on a git repository the test makes with real `git`: a page imported, the
 * database's check-in written back as one changed line, a change made in git imported, both
 * merged, and a conflict reported with both values while nothing is overwritten.
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
  "Kept in git; the app writes its check-ins back.",
  "",
  "1. **Sales: Grow the pipeline.**",
  "    1. Sales KR: Book 40 demos. => 25%",
  "    1. Sales KR: Close 10 deals.",
  "1. **Support: Answer quickly.**",
  "    1. Support KR: First answer within 4 hours. => Done",
  "",
].join("\n");

function git(repo: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.email=ci@example.com", "-c", "user.name=CI", "-C", repo, ...args],
    { encoding: "utf8" },
  );
}

describe.each(DIALECTS)("okr sync on a git repository (%s)", (dialect) => {
  let database: EmptyDatabase;
  let repo: string;
  let file: string;
  const sync = () => runOkrInProcess(["sync", repo, "--database-url", database.url]);

  /** Work on the database as the app would (a check-in over the API is this use case). */
  async function inApp(work: (deps: AppDeps, krs: KeyResult[]) => Promise<void>): Promise<void> {
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
      await work(deps, keyResults);
    } finally {
      await opened.close();
    }
  }
  const kr = (krs: KeyResult[], start: string) =>
    krs.find((k) => k.title.startsWith(start)) as KeyResult;

  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    repo = mkdtempSync(join(tmpdir(), "okr-sync-"));
    mkdirSync(join(repo, "okrs"));
    file = join(repo, "okrs", "fy21-q3.md");
    writeFileSync(file, PAGE);
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "OKRs for FY21-Q3");
  });
  afterAll(async () => {
    await database.drop();
    rmSync(repo, { recursive: true, force: true });
  });

  it("says what it would do with --dry-run and writes nothing", async () => {
    const dry = await runOkrInProcess(["sync", repo, "--dry-run", "--database-url", database.url]);
    expect(dry.stdout).toContain("okrs/fy21-q3.md: FY21-Q3 imported");
    expect(dry.stdout).toContain("(dry run: nothing written)");
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      expect(await findPeriodByLabel(opened.db, "FY21-Q3")).toBeUndefined();
    } finally {
      await opened.close();
    }
  });

  it("imports the page and leaves the file as it is; a second run changes nothing", async () => {
    const first = await sync();
    expect(first.stdout).toContain("okrs/fy21-q3.md: FY21-Q3 imported");
    expect(first.exitCode).toBe(0);
    expect(git(repo, "status", "--porcelain")).toBe("");
    const again = await sync();
    expect(again.stdout).toContain("okrs/fy21-q3.md: FY21-Q3 unchanged");
    expect(git(repo, "status", "--porcelain")).toBe("");
  });

  it("writes a check-in made in the app as a one-line change", async () => {
    await inApp((deps, krs) =>
      checkIn(deps, SYSTEM_ACTOR, kr(krs, "Book").id, { progress: 0.42 }).then(() => undefined),
    );
    expect((await sync()).stdout).toContain("FY21-Q3 written");
    const diff = git(repo, "diff", "-U0", "--no-color");
    expect(diff.split("\n").filter((l) => /^[-+] /.test(l) || /^[-+]\s{4}/.test(l))).toEqual([
      "-    1. Sales KR: Book 40 demos. => 25%",
      "+    1. Sales KR: Book 40 demos. => 42%",
    ]);
    git(repo, "commit", "-qam", "Check-ins from the app");
  });

  it("imports a change made in git", async () => {
    writeFileSync(file, readFileSync(file, "utf8").replace("=> Done", "=> 80%"));
    git(repo, "commit", "-qam", "Support is at 80%");
    expect((await sync()).stdout).toContain("FY21-Q3 updated");
    await inApp(async (_deps, krs) => {
      expect(kr(krs, "First answer").progress).toBe(0.8);
    });
    expect(git(repo, "status", "--porcelain")).toBe("");
  });

  it("merges a change in git with another in the app", async () => {
    await inApp((deps, krs) =>
      checkIn(deps, SYSTEM_ACTOR, kr(krs, "Book").id, { progress: 0.5 }).then(() => undefined),
    );
    writeFileSync(file, readFileSync(file, "utf8").replace("=> 80%", "=> 90%"));
    const result = await sync();
    expect(result.stdout).toContain("FY21-Q3 merged");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("    1. Sales KR: Book 40 demos. => 50%\n");
    expect(text).toContain("    1. Support KR: First answer within 4 hours. => 90%\n");
    await inApp(async (_deps, krs) => {
      expect(kr(krs, "First answer").progress).toBe(0.9);
      expect(kr(krs, "Book").progress).toBe(0.5);
    });
    git(repo, "commit", "-qam", "Merged");
  });

  it("reports a field changed on both sides with both values, file and line; writes nothing", async () => {
    await inApp((deps, krs) =>
      checkIn(deps, SYSTEM_ACTOR, kr(krs, "Book").id, { progress: 0.6 }).then(() => undefined),
    );
    const edited = readFileSync(file, "utf8").replace("=> 50%", "=> 70%");
    writeFileSync(file, edited);
    const result = await sync();
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'okrs/fy21-q3.md:6: conflict on the outcome of "Sales: Book 40 demos.": app "60%", page "70%"',
    );
    expect(readFileSync(file, "utf8")).toBe(edited);
    await inApp(async (_deps, krs) => {
      expect(kr(krs, "Book").progress).toBe(0.6);
    });
  });
});
