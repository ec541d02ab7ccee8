/**
 * `okr sync` writes back what the app changed beyond single lines: an objective moved with its
 * whole block of lines, and a retrospective edited in the app in the page's own style. The
 * written page then re-imports as the same items (nothing created twice, nothing archived).
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
import { type AppDeps, SYSTEM_ACTOR } from "../../app/deps.js";
import { moveObjective } from "../../app/objectives.js";
import { getRetrospectives, putRetrospectives } from "../../app/retrospectives.js";
import { createIdGenerator } from "../../core/ids.js";
import type { Id } from "../../core/types.js";
import { openDatabase } from "../../store/database.js";
import { listPeriodItems } from "../../store/period-items.repository.js";
import { findPeriodByLabel } from "../../store/periods.repository.js";

const PAGE = [
  "# FY22-Q4 OKRs",
  "",
  "- Sales: Grow the pipeline => 50%",
  "  - Sales: Book 40 demos => 25%",
  "  - Marketing: Run campaigns",
  "    - Marketing: Launch 3 campaigns",
  "    - Marketing: Publish 10 posts => 40%",
  "- Support: Answer quickly",
  "  - Support: First answer within 4 hours => Done",
  "",
  "## Retrospective",
  "",
  "### Sales",
  "",
  "- GOOD",
  "  1. Demos landed",
  "- BAD",
  "  1. Churn rose",
  "- TRY",
  "  1. Weekly pipeline review",
  "",
].join("\n");

function git(repo: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.email=ci@example.com", "-c", "user.name=CI", "-C", repo, ...args],
    { encoding: "utf8" },
  );
}

describe.each(DIALECTS)("okr sync writes moved blocks and retrospectives (%s)", (dialect) => {
  let database: EmptyDatabase;
  let repo: string;
  let file: string;
  const sync = () => runOkrInProcess(["sync", repo, "--database-url", database.url]);

  async function inApp<T>(work: (deps: AppDeps, periodId: Id) => Promise<T>): Promise<T> {
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps: AppDeps = {
        db: opened.db,
        dialect: opened.dialect,
        now: () => new Date("2022-12-01T12:00:00Z"),
        newId: createIdGenerator(Date.now, (n) => new Uint8Array(n).map(() => Math.random() * 256)),
      };
      const period = await findPeriodByLabel(opened.db, "FY22-Q4");
      if (period === undefined) throw new Error("no period");
      return await work(deps, period.id);
    } finally {
      await opened.close();
    }
  }
  const counts = () =>
    inApp(async (deps, periodId) => {
      const { objectives, keyResults } = await listPeriodItems(deps.db, periodId);
      return [objectives.filter((o) => !o.archived).length, keyResults.length];
    });

  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    repo = mkdtempSync(join(tmpdir(), "okr-sync-blocks-"));
    mkdirSync(join(repo, "okrs"));
    file = join(repo, "okrs", "fy22-q4.md");
    writeFileSync(file, PAGE);
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "OKRs for FY22-Q4");
    expect((await sync()).stdout).toContain("FY22-Q4 imported");
  });
  afterAll(async () => {
    await database.drop();
    rmSync(repo, { recursive: true, force: true });
  });

  it("moves an objective's block of lines, and the page stays the same items", async () => {
    const before = await counts();
    await inApp(async (deps, periodId) => {
      const { objectives } = await listPeriodItems(deps.db, periodId);
      const marketing = objectives.find((o) => o.title === "Run campaigns");
      await moveObjective(deps, SYSTEM_ACTOR, marketing?.id as Id, {
        version: marketing?.version,
        parentObjectiveId: null,
        parentKeyResultId: null,
        position: 99,
      });
    });
    expect((await sync()).stdout).toContain("FY22-Q4 written");
    expect(readFileSync(file, "utf8").split("\n").slice(2, 9)).toEqual([
      "- Sales: Grow the pipeline => 50%",
      "  - Sales: Book 40 demos => 25%",
      "- Support: Answer quickly",
      "  - Support: First answer within 4 hours => Done",
      "- Marketing: Run campaigns",
      "  - Marketing: Launch 3 campaigns",
      "  - Marketing: Publish 10 posts => 40%",
    ]);
    git(repo, "commit", "-qam", "Marketing stands on its own");
    expect((await sync()).stdout).toContain("FY22-Q4 unchanged");
    expect(await counts()).toEqual(before);

    // A change made in git to a moved key result updates that same key result.
    writeFileSync(file, readFileSync(file, "utf8").replace("=> 40%", "=> 70%"));
    expect((await sync()).stdout).toContain("FY22-Q4 updated");
    expect(await counts()).toEqual(before);
    const posts = await inApp(async (deps, periodId) => {
      const { keyResults } = await listPeriodItems(deps.db, periodId);
      return keyResults.find((k) => k.title === "Publish 10 posts");
    });
    expect(posts?.progress).toBe(0.7);
    git(repo, "commit", "-qam", "Posts at 70%");
  });

  it("writes a retrospective edited in the app as its own lines, in the page's style", async () => {
    await inApp(async (deps, periodId) => {
      const [sales] = await getRetrospectives(deps, SYSTEM_ACTOR, periodId);
      await putRetrospectives(deps, SYSTEM_ACTOR, periodId, {
        retrospectives: [
          { team: "Sales", good: sales?.good, bad: ["Churn fell"], try: sales?.try },
        ],
      });
    });
    expect((await sync()).stdout).toContain("FY22-Q4 written");
    const diff = git(repo, "diff", "-U0", "--no-color");
    expect(diff.split("\n").filter((l) => /^[-+] /.test(l))).toEqual([
      "-  1. Churn rose",
      "+  1. Churn fell",
    ]);
    git(repo, "commit", "-qam", "Retrospective from the app");
    expect((await sync()).stdout).toContain("FY22-Q4 unchanged");
  });
});
