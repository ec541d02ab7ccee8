/** `okr comment`, `okr notifications`, `okr check-in` and `okr settings --stale-days`. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { createUser } from "../../app/accounts.js";
import { actorOf } from "../../app/auth.js";
import { checkIn } from "../../app/check-ins.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { createKeyResult } from "../../app/key-results.js";
import { createObjective } from "../../app/objectives.js";
import { createPerson } from "../../app/people.js";
import { createPeriod } from "../../app/periods.js";
import { depsOf } from "../../server/test-harness.js";
import { openDatabase } from "../../store/database.js";

describe.each(DIALECTS)("okr comment, notifications, check-in (%s)", (dialect) => {
  let database: EmptyDatabase;
  let db: string[];
  let keyResultId: string;
  let checkInId: string;

  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    db = ["--database-url", database.url];
    const opened = await openDatabase(database.url, { migrate: true });
    try {
      const deps = depsOf(opened);
      const person = await createPerson(deps, SYSTEM_ACTOR, { name: "Nia Noted" });
      await createUser(deps, SYSTEM_ACTOR, {
        email: "nia@example.com",
        name: "Nia Noted",
        password: "nia password",
        personId: person.id,
      });
      const sam = await createUser(deps, SYSTEM_ACTOR, {
        email: "sam@example.com",
        name: "Sam Editor",
        role: "editor",
        password: "sam password",
      });
      const period = await createPeriod(deps, SYSTEM_ACTOR, { label: "2026-Q2" });
      const objective = await createObjective(deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Happier customers",
      });
      const kr = await createKeyResult(deps, SYSTEM_ACTOR, {
        objectiveId: objective.id,
        title: "Answer 20 tickets a day",
        kind: "metric",
        start: 0,
        target: 20,
      });
      keyResultId = kr.id;
      checkInId = (await checkIn(deps, actorOf(sam, "user"), kr.id, { value: 10 })).checkIn.id;
    } finally {
      await opened.close();
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("comments with a mention that reaches the person's notifications; edits, lists, deletes", async () => {
    const added = await okr([
      "comment",
      "add",
      keyResultId,
      "Thanks",
      "@Nia",
      "Noted!",
      "--as",
      "sam@example.com",
      ...db,
    ]);
    expect(added.stderr).toBe("");
    expect(added.stdout).toMatch(/^Added comment (\S+) \(mentions Nia Noted\)\n$/);
    const id = /comment (\S+)/.exec(added.stdout)?.[1] ?? "";
    const told = await okr(["notifications", "--as", "nia@example.com", "--read", ...db]);
    expect(told.stdout).toContain("1 unread, now marked read");
    expect(told.stdout).toContain("mention\tSam Editor mentioned you on “Answer 20 tickets a day”");
    const again = await okr(["notifications", "--as", "nia@example.com", "--unread", ...db]);
    expect(again.stdout).toBe("0 unread\n");

    const refused = await okr([
      "comment",
      "edit",
      id,
      "mine now",
      "--as",
      "nia@example.com",
      ...db,
    ]);
    expect(refused.stderr).toContain("Only its author may edit a comment.");
    expect(refused.exitCode).not.toBe(0);
    await okr(["comment", "edit", id, "Thanks **a lot**", "--as", "sam@example.com", ...db]);
    const listed = await okr(["comment", "list", keyResultId, ...db]);
    expect(listed.stdout).toContain("Sam Editor (edited)\n  Thanks **a lot**");
    const deleted = await okr(["comment", "delete", id, ...db]);
    expect(deleted.stdout).toBe(`Deleted comment ${id}\n`);
    expect((await okr(["comment", "list", keyResultId, ...db])).stdout).toBe("No comments.\n");
    const missing = await okr(["comment", "add", keyResultId, "hi", ...db]);
    expect(missing.stderr).toContain("required option '--as <email>'");
  });

  it("corrects a check-in as its author and deletes it, saying where the key result stands", async () => {
    const notAuthor = await okr([
      "check-in",
      "correct",
      checkInId,
      "--value",
      "15",
      "--as",
      "nia@example.com",
      ...db,
    ]);
    expect(notAuthor.exitCode).not.toBe(0);
    const bad = await okr([
      "check-in",
      "correct",
      checkInId,
      "--value",
      "lots",
      "--as",
      "sam@example.com",
      ...db,
    ]);
    expect(bad.stderr).toContain("--value must be a number (or none), got 'lots'");
    const nothing = await okr(["check-in", "correct", checkInId, "--as", "sam@example.com", ...db]);
    expect(nothing.stderr).toBe(
      "okr: Say what to correct: --value, --progress, --health, --confidence or --note (invalid_input)\n",
    );
    expect(nothing.exitCode).toBe(2);
    const badHealth = await okr([
      "check-in",
      "correct",
      checkInId,
      "--health",
      "great",
      "--as",
      "sam@example.com",
      ...db,
    ]);
    expect(badHealth.stderr).toBe(
      "okr: --health must be on_track, needs_attention or at_risk (or none), got 'great' (invalid_input)\n",
    );
    const corrected = await okr([
      "check-in",
      "correct",
      checkInId,
      "--value",
      "15",
      "--as",
      "sam@example.com",
      ...db,
    ]);
    expect(corrected.stdout).toBe(
      `Corrected check-in ${checkInId}; the key result is now at 75%\n`,
    );
    const deleted = await okr(["check-in", "delete", checkInId, ...db]);
    expect(deleted.stdout).toBe(
      `Deleted check-in ${checkInId}; the key result is not scored yet\n`,
    );
  });

  it("sets the stale threshold", async () => {
    expect((await okr(["settings", ...db])).stdout).toContain(
      "Stale after 14 days without a check-in",
    );
    expect((await okr(["settings", "--stale-days", "21", ...db])).stdout).toContain(
      "Stale after 21 days without a check-in",
    );
    expect((await okr(["settings", "--stale-days", "0", ...db])).stderr).toContain(
      "--stale-days must be a whole number of days from 1 to 365, got '0'",
    );
  });
});
