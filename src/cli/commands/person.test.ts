import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";

describe.each(DIALECTS)("okr person (%s)", (dialect) => {
  let database: EmptyDatabase;
  let url: string;
  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    url = database.url;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("adds, edits and lists people; says clearly what is wrong", async () => {
    const added = await okr([
      "person",
      "add",
      "--name",
      "Pat Doe",
      "--title",
      "CMO",
      "--database-url",
      url,
    ]);
    expect(added.stderr).toBe("");
    expect(added.stdout).toMatch(/^Added \S+\tPat Doe\tCMO\t\t\n$/);
    const edited = await okr([
      "person",
      "edit",
      "pat doe",
      "--name",
      "Pat Smith",
      "--email",
      "pat@example.com",
      "--title",
      "VP Marketing",
      "--database-url",
      url,
    ]);
    expect(edited.exitCode).toBe(0);
    expect(edited.stdout).toMatch(/^Changed \S+\tPat Smith\tVP Marketing\t\tpat@example\.com\n$/);
    const listed = await okr(["person", "list", "--database-url", url]);
    expect(listed.stdout).toMatch(/\tPat Smith\tVP Marketing\t\tpat@example\.com\n/);

    const badEmail = await okr([
      "person",
      "edit",
      "Pat Smith",
      "--email",
      "nope",
      "--database-url",
      url,
    ]);
    expect(badEmail.exitCode).toBe(2);
    expect(badEmail.stderr).toMatch(/email: must be an email address/);
    const nobody = await okr(["person", "edit", "Nobody", "--name", "X", "--database-url", url]);
    expect(nobody.exitCode).toBe(3);
    expect(nobody.stderr).toMatch(/No person named 'Nobody'/);
    const noTeam = await okr([
      "person",
      "edit",
      "Pat Smith",
      "--team",
      "Gitaly",
      "--database-url",
      url,
    ]);
    expect(noTeam.exitCode).toBe(3);
    expect(noTeam.stderr).toMatch(/No team named 'Gitaly'/);
    const nothing = await okr(["person", "edit", "Pat Smith", "--database-url", url]);
    expect(nothing.exitCode).toBe(2);
    expect(nothing.stderr).toMatch(/Nothing to change/);
  });
});
