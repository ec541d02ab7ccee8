/** `okr period list|close|reopen` and `okr carry-over`: the end of a quarter from the command line. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";

const PAGE = `# Acme 2027-Q1

1. **CEO: Make invoicing effortless for small shops.**
   1. CEO KR: Grow paying shops from 300 to 450.
   1. CEO KR: Cut onboarding time from 40 to 15 minutes.
`;

describe.each(DIALECTS)("okr period, okr carry-over (%s)", (dialect) => {
  let database: EmptyDatabase;
  let db: string[];
  let dir: string;
  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    db = ["--database-url", database.url];
    dir = mkdtempSync(join(tmpdir(), "okr-period-"));
    writeFileSync(join(dir, "2027-q1.md"), PAGE);
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("carries a key result over with its objective, closes the quarter with grading and reopens it", async () => {
    expect((await okr(["period", "list", ...db])).stdout).toMatch(/^No periods yet/);
    const imported = await okr(["import", join(dir, "2027-q1.md"), ...db]);
    expect(imported.exitCode).toBe(0);
    const tree = (await okr(["tree", "--period", "2027-Q1", ...db])).stdout;
    const objectiveId = /Objective: Make invoicing.* {2}(\S+)\n/.exec(tree)?.[1] ?? "";
    const krId = /KR: Grow paying shops.* {2}(\S+)\n/.exec(tree)?.[1] ?? "";
    const onboardingId = /KR: Cut onboarding time.* {2}(\S+)\n/.exec(tree)?.[1] ?? "";
    expect(objectiveId).not.toBe("");
    await okr([
      "user",
      "add",
      "--email",
      "ed@example.com",
      "--name",
      "Ed",
      "--role",
      "editor",
      ...db,
    ]);
    const checkedIn = await okr([
      "check-in",
      "add",
      krId,
      "--value",
      "400",
      "--as",
      "ed@example.com",
      ...db,
    ]);
    expect(checkedIn.exitCode).toBe(0);

    const carried = await okr(["carry-over", onboardingId, ...db]);
    expect(carried.stderr).toBe("");
    expect(carried.stdout).toMatch(
      /^Carried key result "Cut onboarding time from 40 to 15 minutes\." into 2027-Q2: \S+\n$/,
    );
    const next = (await okr(["tree", "--period", "2027-Q2", ...db])).stdout;
    expect(next).toContain("Objective: Make invoicing effortless for small shops. (CEO)");
    expect(next).toContain("  KR: Cut onboarding time from 40 to 15 minutes. (CEO)");
    const again = await okr(["carry-over", onboardingId, ...db]);
    expect(again.stderr).toContain("was already carried over. (conflict)");
    expect(again.exitCode).toBe(1);
    const unknown = await okr(["carry-over", "01NOSUCHITEM0000000000000", ...db]);
    expect(unknown.stderr).toBe(
      "okr: No objective or key result with id 01NOSUCHITEM0000000000000 (okr tree shows ids) (not_found)\n",
    );
    expect(unknown.exitCode).toBe(3);

    const closed = await okr(["period", "close", "2027-Q1", ...db]);
    expect(closed.stderr).toBe("");
    expect(closed.stdout).toBe("Closed 2027-Q1: graded 1 key result, 0 done, 1 missed\n");
    const listed = await okr(["period", "list", ...db]);
    expect(listed.stdout).toMatch(/^2027-Q1\t2027-01-01\t2027-03-31\tclosed \d{4}-\d\d-\d\d\n/);
    expect(listed.stdout).toContain("2027-Q2\t2027-04-01\t2027-06-30\topen\n");
    const refused = await okr([
      "check-in",
      "add",
      krId,
      "--value",
      "420",
      "--as",
      "ed@example.com",
      ...db,
    ]);
    expect(refused.stderr).toContain("Period 2027-Q1 was closed");
    expect(refused.exitCode).not.toBe(0);
    const twice = await okr(["period", "close", "2027-Q1", ...db]);
    expect(twice.stderr).toBe("okr: Period 2027-Q1 is already closed. (period_closed)\n");

    expect((await okr(["period", "reopen", "2027-Q1", ...db])).stdout).toBe("Reopened 2027-Q1\n");
    expect((await okr(["period", "reopen", "2027-Q1", ...db])).stdout).toBe(
      "2027-Q1 is open already; nothing changed\n",
    );
    const missing = await okr(["period", "close", "1999-Q1", ...db]);
    expect(missing.stderr).toBe(
      "okr: No period labelled '1999-Q1' (okr period list) (not_found)\n",
    );
    expect(missing.exitCode).toBe(3);
  });
});
