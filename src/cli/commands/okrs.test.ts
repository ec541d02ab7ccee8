/** `okr tree`, `okr mine`, `okr check-in add` and `okr user add --person | set-person`. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { createUser } from "../../app/accounts.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { createKeyResult } from "../../app/key-results.js";
import { createObjective } from "../../app/objectives.js";
import { createPerson } from "../../app/people.js";
import { createPeriod } from "../../app/periods.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";
import { amount } from "./okrs.js";

describe.each(DIALECTS)("okr tree, mine and check-in add (%s)", (dialect) => {
  let database: EmptyDatabase;
  let db: string[];
  let ticketsId: string;
  let revenueId: string;

  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    db = ["--database-url", database.url];
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps = depsOf(opened);
      await createPerson(deps, SYSTEM_ACTOR, { name: "Nia Noted" });
      await createUser(deps, SYSTEM_ACTOR, {
        email: "vic@example.com",
        name: "Vic Viewer",
        password: "vic password",
      });
      const period = await createPeriod(deps, SYSTEM_ACTOR, { label: "2026-Q4" });
      const objective = await createObjective(deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Happier customers",
        owner: "Head of Support",
      });
      await createObjective(deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "**Ship** [the v2 cache](https://example.com/epics/12)",
      });
      ticketsId = (
        await createKeyResult(deps, SYSTEM_ACTOR, {
          objectiveId: objective.id,
          title: "Answer 20 tickets a day",
          kind: "metric",
          start: 0,
          target: 20,
          owner: "Nia Noted",
        })
      ).id;
      revenueId = (
        await createKeyResult(deps, SYSTEM_ACTOR, {
          objectiveId: objective.id,
          title: "Renew $1,250,000 of support contracts",
          kind: "metric",
          start: 0,
          target: 1_250_000,
          targetConfidential: true,
        })
      ).id;
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("links an account to its person, checks in as that owner, and the tree and My OKRs show it", async () => {
    const added = await okr([
      "user",
      "add",
      "--email",
      "nia@example.com",
      "--name",
      "Nia",
      "--person",
      "nia noted",
      ...db,
    ]);
    expect(added.stderr).toBe("");
    expect((await okr(["user", "list", ...db])).stdout).toContain(
      "nia@example.com\tviewer\t\t\tNia\tNia Noted\n",
    );

    const before = await okr(["mine", "--as", "nia@example.com", ...db]);
    expect(before.stdout).toContain(
      `Answer 20 tickets a day (Nia Noted) — not scored · from 0 to 20  ${ticketsId}`,
    );
    expect(before.stdout).toContain("Waiting for a check-in (none in the last 7 days): 1");

    const checked = await okr([
      "check-in",
      "add",
      ticketsId,
      "--value",
      "15",
      "--health",
      "on_track",
      "--note",
      "Two new hires",
      "--as",
      "nia@example.com",
      ...db,
    ]);
    expect(checked.stderr).toBe("");
    expect(checked.stdout).toMatch(
      /^Checked in on "Answer 20 tickets a day": it is now at 75%, on track \(check-in \S+\)\n$/,
    );

    const tree = await okr(["tree", "--period", "2026-Q4", ...db]);
    expect(tree.stdout).toContain("2026-Q4 (2026-10-01 – 2026-12-31) — company 75%");
    expect(tree.stdout).toContain("Objective: Happier customers (Head of Support) — 75%");
    expect(tree.stdout).toMatch(
      /KR: Answer 20 tickets a day \(Nia Noted\) — 75% · on track · from 0 to 20, now 15 · checked in \d{4}-\d\d-\d\d {2}\S+\n/,
    );
    const after = await okr(["mine", "--as", "nia@example.com", ...db]);
    expect(after.stdout).toContain(
      "Every key result of yours has a check-in from the last 7 days.",
    );

    const json = await okr([
      "check-in",
      "add",
      ticketsId,
      "--progress",
      "80",
      "--json",
      "--as",
      "nia@example.com",
      ...db,
    ]);
    expect(JSON.parse(json.stdout).keyResult.progress).toBeCloseTo(0.8);
  });

  it("refuses a check-in to someone who neither owns nor edits, and bad input, saying why", async () => {
    const refused = await okr([
      "check-in",
      "add",
      ticketsId,
      "--value",
      "3",
      "--as",
      "vic@example.com",
      ...db,
    ]);
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain("Viewers may only check in on OKRs they own.");
    const bad = await okr([
      "check-in",
      "add",
      ticketsId,
      "--value",
      "many",
      "--as",
      "nia@example.com",
      ...db,
    ]);
    expect(bad.stderr).toContain("--value must be a number (or none), got 'many'");
    const unknown = await okr([
      "check-in",
      "add",
      "01HZZZZZZZZZZZZZZZZZZZZZZZ",
      "--value",
      "3",
      "--as",
      "nia@example.com",
      ...db,
    ]);
    expect(unknown.stderr).toMatch(/not found/);
    const anonymous = await okr(["check-in", "add", ticketsId, "--value", "3", ...db]);
    expect(anonymous.stderr).toContain("required option '--as <email>'");
  });

  it("hides a confidential target from a viewer's tree, and shows it to an admin", async () => {
    const viewer = await okr(["tree", "--as", "vic@example.com", "--period", "2026-Q4", ...db]);
    expect(viewer.stdout).toContain(revenueId);
    expect(viewer.stdout).not.toMatch(/1,250,000|1\.25M|1250000/);
    const admin = await okr(["tree", "--period", "2026-Q4", ...db]);
    expect(admin.stdout).toContain("from 0 to 1.25M");
    const json = JSON.parse(
      (await okr(["tree", "--json", "--as", "vic@example.com", "--period", "2026-Q4", ...db]))
        .stdout,
    );
    expect(JSON.stringify(json)).not.toMatch(/1250000/);
    expect(json.count).toEqual({ objectives: 2, keyResults: 2 });
    // Titles read as text in the outline, as written in JSON.
    expect(admin.stdout).toContain("Objective: Ship the v2 cache — not scored");
    expect(JSON.stringify(json)).toContain("[the v2 cache](https://example.com/epics/12)");
  });

  it("says which period is missing, and unlinks an account from its person", async () => {
    const missing = await okr(["tree", "--period", "1999-Q1", ...db]);
    expect(missing.stderr).toContain("--period: no period labelled '1999-Q1'");
    expect(missing.exitCode).not.toBe(0);
    const unknownPerson = await okr([
      "user",
      "set-person",
      "vic@example.com",
      "Nobody Here",
      ...db,
    ]);
    expect(unknownPerson.stderr).toContain("No person named 'Nobody Here'");
    expect((await okr(["user", "set-person", "nia@example.com", "none", ...db])).stdout).toBe(
      "nia@example.com is linked to no person now\n",
    );
    const mine = await okr(["mine", "--as", "nia@example.com", ...db]);
    expect(mine.stdout).toContain("Nothing is yours in an open period.");
  });

  it("does not claim recent check-ins for next quarter's key results, which wait for nobody yet", async () => {
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps = depsOf(opened);
      await createPerson(deps, SYSTEM_ACTOR, { name: "Fay Future" });
      const period = await createPeriod(deps, SYSTEM_ACTOR, { label: "2099-Q1" });
      const objective = await createObjective(deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Plan ahead",
        owner: "Fay Future",
      });
      await createKeyResult(deps, SYSTEM_ACTOR, {
        objectiveId: objective.id,
        title: "Write 3 plans",
        kind: "metric",
        start: 0,
        target: 3,
        owner: "Fay Future",
      });
    } finally {
      await opened.close();
    }
    await okr([
      "user",
      "add",
      "--email",
      "fay@example.com",
      "--name",
      "Fay",
      "--person",
      "Fay Future",
      ...db,
    ]);
    const mine = await okr(["mine", "--as", "fay@example.com", ...db]);
    expect(mine.stdout).toContain("Write 3 plans (Fay Future) — not scored · from 0 to 3");
    expect(mine.stdout).not.toContain("has a check-in");
    expect(mine.stdout).toContain(
      "Nothing waits for a check-in now: the rest are finished or in a period that has not begun.",
    );
  });
});

describe("amounts in the terminal", () => {
  it("groups thousands, shortens millions and keeps a percentage's sign", () => {
    expect(amount(4700, "count")).toBe("4,700");
    expect(amount(9_400_000, "currency")).toBe("9.4M");
    expect(amount(0.0097, null)).toBe("0.0097");
    expect(amount(41.5, "percent")).toBe("41.5%");
  });
});
