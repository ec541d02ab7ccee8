/**
 * `okr sync` on a page holding several quarters (one period per section), in a git repository
 * the test makes with real `git`: each section is imported as its period, the app's changes are
 * written into their own sections, an edit in git to one section updates only its period, and
 * a conflict in any section leaves the whole page and the database as they were.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
import { createKeyResult } from "../../app/key-results.js";
import { createIdGenerator } from "../../core/ids.js";
import type { KeyResult, Objective } from "../../core/types.js";
import { openDatabase } from "../../store/database.js";
import { listPeriodItems } from "../../store/period-items.repository.js";
import { findPeriodByLabel } from "../../store/periods.repository.js";

const PAGE = [
  "# Platform team OKRs",
  "",
  "One page for the whole year; each quarter has its own section.",
  "",
  "## 2019 Q1",
  "",
  "- **Platform: Make deploys boring.**",
  "  - Platform KR: Deploy 20 times a week => 75%",
  "  - Platform KR: Cut failed deploys from 10% to 2% => 50%",
  "",
  "## Q2 2019",
  "",
  "- **Platform: Faster feedback.**",
  "  - Platform KR: Test suite under 10 minutes => Done",
  "",
  "### FY21 Q3",
  "",
  "- **Platform: Lower cost.**",
  "  - Platform KR: Cut cloud spend by 15% => 20%",
  "",
].join("\n");

function git(repo: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.email=ci@example.com", "-c", "user.name=CI", "-C", repo, ...args],
    { encoding: "utf8" },
  );
}

/** The `-`/`+` lines of the working tree's diff, without the file headers. */
function diffLines(repo: string): string[] {
  return git(repo, "diff", "-U0", "--no-color")
    .split("\n")
    .filter((l) => /^[-+]/.test(l) && !/^(?:---|\+\+\+) /.test(l));
}

describe.each(DIALECTS)("okr sync on a page of several quarters (%s)", (dialect) => {
  let database: EmptyDatabase;
  let repo: string;
  let file: string;
  const sync = () => runOkrInProcess(["sync", repo, "--database-url", database.url]);

  /** Work on one period's items as the app would. */
  async function inApp<T>(
    label: string,
    work: (deps: AppDeps, krs: KeyResult[], objectives: Objective[]) => Promise<T>,
  ): Promise<T> {
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps: AppDeps = {
        db: opened.db,
        dialect: opened.dialect,
        now: () => new Date("2019-03-01T12:00:00Z"),
        newId: createIdGenerator(Date.now, (n) => new Uint8Array(n).map(() => Math.random() * 256)),
      };
      const period = await findPeriodByLabel(opened.db, label);
      if (period === undefined) throw new Error(`no period ${label}`);
      const { keyResults, objectives } = await listPeriodItems(opened.db, period.id);
      return await work(deps, keyResults, objectives);
    } finally {
      await opened.close();
    }
  }
  const progressOf = (label: string, start: string) =>
    inApp(label, async (_deps, krs) => krs.find((k) => k.title.startsWith(start))?.progress);
  const checkInOn = (label: string, start: string, progress: number) =>
    inApp(label, async (deps, krs) => {
      const kr = krs.find((k) => k.title.startsWith(start)) as KeyResult;
      await checkIn(deps, SYSTEM_ACTOR, kr.id, { progress });
    });

  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    repo = mkdtempSync(join(tmpdir(), "okr-sync-quarters-"));
    file = join(repo, "platform.md");
    writeFileSync(file, PAGE);
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "Platform OKRs for the year");
  });
  afterAll(async () => {
    await database.drop();
    rmSync(repo, { recursive: true, force: true });
  });

  it("imports one period per section and leaves the page as it is; again changes nothing", async () => {
    const first = await sync();
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain("platform.md: 2019-Q1 imported\n");
    expect(first.stdout).toContain("platform.md: 2019-Q2 imported\n");
    expect(first.stdout).toContain("platform.md: FY21-Q3 imported\n");
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(await progressOf("2019-Q1", "Deploy 20")).toBe(0.75);
    expect(await progressOf("FY21-Q3", "Cut cloud")).toBe(0.2);
    const again = await sync();
    for (const label of ["2019-Q1", "2019-Q2", "FY21-Q3"]) {
      expect(again.stdout).toContain(`platform.md: ${label} unchanged\n`);
    }
    expect(git(repo, "status", "--porcelain")).toBe("");
  });

  it("writes check-ins of two periods into their own sections, each as one line", async () => {
    await checkInOn("2019-Q2", "Test suite", 0.6);
    await checkInOn("FY21-Q3", "Cut cloud", 0.45);
    const result = await sync();
    expect(result.stdout).toContain("platform.md: 2019-Q1 unchanged\n");
    expect(result.stdout).toContain("platform.md: 2019-Q2 written\n");
    expect(result.stdout).toContain("platform.md: FY21-Q3 written\n");
    expect(diffLines(repo)).toEqual([
      "-  - Platform KR: Test suite under 10 minutes => Done",
      "+  - Platform KR: Test suite under 10 minutes => 60%",
      "-  - Platform KR: Cut cloud spend by 15% => 20%",
      "+  - Platform KR: Cut cloud spend by 15% => 45%",
    ]);
    git(repo, "commit", "-qam", "Check-ins from the app");
    const again = await sync();
    expect(again.stdout).not.toMatch(/written|updated|merged/);
  });

  it("inserts a key result added in the app in its own section, in its siblings' style", async () => {
    await inApp("2019-Q2", async (deps, _krs, objectives) => {
      await createKeyResult(deps, SYSTEM_ACTOR, {
        objectiveId: objectives[0]?.id,
        title: "Flaky tests under 1%",
        kind: "percentage",
        owner: "Platform",
      });
    });
    expect((await sync()).stdout).toContain("platform.md: 2019-Q2 written\n");
    expect(diffLines(repo)).toEqual(["+  - Platform KR: Flaky tests under 1%"]);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.indexOf("  - Platform KR: Flaky tests under 1%")).toBe(
      lines.indexOf("  - Platform KR: Test suite under 10 minutes => 60%") + 1,
    );
    git(repo, "commit", "-qam", "A new key result");
    // Every section's lines moved or not, the next sync finds nothing to do.
    expect((await sync()).stdout).not.toMatch(/written|updated|merged|imported/);
  });

  it("imports an edit in git to one section into its period only, merged with the app's", async () => {
    writeFileSync(file, readFileSync(file, "utf8").replace("=> 75%", "=> 80%"));
    await checkInOn("FY21-Q3", "Cut cloud", 0.5);
    const result = await sync();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("platform.md: 2019-Q1 updated\n");
    expect(result.stdout).toContain("platform.md: 2019-Q2 unchanged\n");
    expect(result.stdout).toContain("platform.md: FY21-Q3 written\n");
    expect(await progressOf("2019-Q1", "Deploy 20")).toBe(0.8);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("  - Platform KR: Deploy 20 times a week => 80%\n");
    expect(text).toContain("  - Platform KR: Cut cloud spend by 15% => 50%\n");
    git(repo, "commit", "-qam", "Q1 at 80%, Q3 at 50%");
    expect((await sync()).stdout).not.toMatch(/written|updated|merged|imported/);
  });

  it("reports a conflict in one section and writes nothing of the page", async () => {
    await checkInOn("2019-Q1", "Deploy 20", 0.9);
    const edited = readFileSync(file, "utf8")
      .replace("=> 80%", "=> 85%")
      .replace("Test suite under 10 minutes => 60%", "Test suite under 10 minutes => 70%");
    writeFileSync(file, edited);
    const result = await sync();
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      'platform.md:8: conflict on the outcome of "Platform: Deploy 20 times a week": app "90%", page "85%"',
    );
    expect(readFileSync(file, "utf8")).toBe(edited);
    expect(await progressOf("2019-Q1", "Deploy 20")).toBe(0.9);
    // The other section's edit waits for the conflict to be settled.
    expect(await progressOf("2019-Q2", "Test suite")).toBe(0.6);
  });
});
