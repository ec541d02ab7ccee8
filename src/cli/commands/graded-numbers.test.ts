/**
 * A key result marked done or missed with no number reads on every face of the command line at
 * the score its objective counts for it: done 100%, missed 0%, its status still named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import { createEmptyDatabase, type EmptyDatabase } from "../../../test/support/databases.js";
import { createUser } from "../../app/accounts.js";
import { checkIn } from "../../app/check-ins.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { createKeyResult, updateKeyResult } from "../../app/key-results.js";
import { createObjective } from "../../app/objectives.js";
import { createPerson } from "../../app/people.js";
import { createPeriod } from "../../app/periods.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";

describe("okr shows a key result marked done or missed as its objective counts it", () => {
  let database: EmptyDatabase;
  let db: string[];
  let label: string;

  beforeAll(async () => {
    database = await createEmptyDatabase("sqlite");
    db = ["--database-url", database.url];
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps = depsOf(opened);
      const person = await createPerson(deps, SYSTEM_ACTOR, { name: "Mara Marked" });
      await createUser(deps, SYSTEM_ACTOR, {
        email: "mara@example.com",
        name: "Mara",
        password: "mara password",
        personId: person.id,
      });
      // The quarter today falls in, so `okr mine` shows it.
      const today = new Date();
      label = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
      const period = await createPeriod(deps, SYSTEM_ACTOR, { label });
      const objective = await createObjective(deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Open the partner channel",
        owner: "Mara Marked",
      });
      const measured = await createKeyResult(deps, SYSTEM_ACTOR, {
        objectiveId: objective.id,
        title: "Sign 4 partners",
        start: 0,
        target: 4,
        owner: "Mara Marked",
      });
      await checkIn(deps, SYSTEM_ACTOR, measured.id, { value: 2 });
      for (const [title, status] of [
        ["Hire 4 partner managers", "done"],
        ["Open the Berlin office", "missed"],
      ] as const) {
        const kr = await createKeyResult(deps, SYSTEM_ACTOR, {
          objectiveId: objective.id,
          title,
          start: 0,
          target: 4,
          owner: "Mara Marked",
        });
        await updateKeyResult(deps, SYSTEM_ACTOR, kr.id, { version: kr.version, status });
      }
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("okr tree shows done at 100% and missed at 0% beside an objective that counts them so", async () => {
    const tree = await okr(["tree", "--period", label, ...db]);
    expect(tree.stderr).toBe("");
    // (0.5 + 1 + 0) / 3
    expect(tree.stdout).toContain("Objective: Open the partner channel (Mara Marked) — 50%");
    expect(tree.stdout).toContain("KR: Hire 4 partner managers (Mara Marked) — 100% · done");
    expect(tree.stdout).toContain("KR: Open the Berlin office (Mara Marked) — 0% · missed");
    expect(tree.stdout).not.toContain("not scored");
  });

  it("okr mine shows them so too", async () => {
    const mine = await okr(["mine", "--as", "mara@example.com", ...db]);
    expect(mine.stdout).toContain("Open the partner channel — 50%");
    expect(mine.stdout).toContain("Hire 4 partner managers (Mara Marked) — 100% · done");
    expect(mine.stdout).toContain("Open the Berlin office (Mara Marked) — 0% · missed");
  });

  it("okr review shows them so, and its mean is the mean of the scores it shows", async () => {
    const review = await okr(["review", "--period", label, ...db]);
    expect(review.stdout).toContain("1. Open the partner channel (Mara Marked) — 50%");
    expect(review.stdout).toContain("   - Sign 4 partners — 50%");
    expect(review.stdout).toContain("   - Hire 4 partner managers — 100%");
    expect(review.stdout).toContain("   - Open the Berlin office — 0%");
    expect(review.stdout).toContain("Distribution: 3 key results scored, mean 50%");
  });
});
