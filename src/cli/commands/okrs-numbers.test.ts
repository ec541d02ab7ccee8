/**
 * The same numbers on every face of the command line: `okr tree`, `okr mine`, `okr review` and
 * `okr check-in add` show a key result at 2 of 3 as 67%, and one not yet measured alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import { createEmptyDatabase, type EmptyDatabase } from "../../../test/support/databases.js";
import { createUser } from "../../app/accounts.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { createKeyResult } from "../../app/key-results.js";
import { createObjective } from "../../app/objectives.js";
import { createPerson } from "../../app/people.js";
import { createPeriod } from "../../app/periods.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";

describe("okr's faces show one number for one key result", () => {
  let database: EmptyDatabase;
  let db: string[];
  let label: string;
  let signedId: string;
  let surveyId: string;

  beforeAll(async () => {
    database = await createEmptyDatabase("sqlite");
    db = ["--database-url", database.url];
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps = depsOf(opened);
      const person = await createPerson(deps, SYSTEM_ACTOR, { name: "Tess Thirds" });
      await createUser(deps, SYSTEM_ACTOR, {
        email: "tess@example.com",
        name: "Tess",
        password: "tess password",
        personId: person.id,
      });
      // The quarter today falls in, so `okr mine` shows it and check-ins are taken.
      const today = new Date();
      label = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
      const period = await createPeriod(deps, SYSTEM_ACTOR, { label });
      const objective = await createObjective(deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Win the partners",
        owner: "Tess Thirds",
      });
      signedId = (
        await createKeyResult(deps, SYSTEM_ACTOR, {
          objectiveId: objective.id,
          title: "Sign 3 partners",
          start: 0,
          target: 3,
          owner: "Tess Thirds",
        })
      ).id;
      surveyId = (
        await createKeyResult(deps, SYSTEM_ACTOR, {
          objectiveId: objective.id,
          title: "Survey the partners",
          start: 0,
          target: 10,
          owner: "Tess Thirds",
          weight: 0,
        })
      ).id;
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("shows 2 of 3 as 67% in the check-in, the tree, My OKRs and the review", async () => {
    const as = ["--as", "tess@example.com"];
    const checked = await okr(["check-in", "add", signedId, "--value", "2", ...as, ...db]);
    expect(checked.stderr).toBe("");
    expect(checked.stdout).toContain("it is now at 67%");

    const tree = await okr(["tree", "--period", label, ...db]);
    expect(tree.stdout).toContain(`company 67%`);
    expect(tree.stdout).toContain("Objective: Win the partners (Tess Thirds) — 67%");
    expect(tree.stdout).toContain("KR: Sign 3 partners (Tess Thirds) — 67% · from 0 to 3, now 2");
    const mine = await okr(["mine", ...as, ...db]);
    expect(mine.stdout).toContain("Win the partners — 67%");
    expect(mine.stdout).toContain("Sign 3 partners (Tess Thirds) — 67%");
    const review = await okr(["review", "--period", label, ...db]);
    expect(review.stdout).toContain(`${label} review — company 67%`);
    expect(review.stdout).toContain("1. Win the partners (Tess Thirds) — 67%");
    expect(review.stdout).toContain("   - Sign 3 partners — 67%");
  });

  it("says a key result checked in without a number is not scored, as the tree says", async () => {
    const as = ["--as", "tess@example.com"];
    const checked = await okr([
      "check-in",
      "add",
      surveyId,
      "--health",
      "needs_attention",
      ...as,
      ...db,
    ]);
    expect(checked.stderr).toBe("");
    const tree = await okr(["tree", "--period", label, ...db]);
    expect(tree.stdout).toContain("KR: Survey the partners (Tess Thirds) — not scored");
    expect(checked.stdout).toContain(": it is not scored yet, needs attention");
  });
});
