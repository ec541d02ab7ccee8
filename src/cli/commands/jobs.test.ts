import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";
import { enqueueJob } from "../../app/jobs.js";
import { createIdGenerator } from "../../core/ids.js";
import { openDatabase } from "../../store/database.js";

describe.each(DIALECTS)("okr jobs (%s)", (dialect) => {
  let database: EmptyDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("runs what is due and shows each kind's counts", async () => {
    const url = database.url;
    expect((await okr(["jobs", "--database-url", url])).stdout).toBe("No background jobs yet.\n");
    const opened = await openDatabase(url, { migrate: true });
    try {
      const deps = {
        db: opened.db,
        dialect: opened.dialect,
        now: () => new Date(),
        newId: createIdGenerator(Date.now, (n) => randomBytes(n)),
      };
      await enqueueJob(deps, { kind: "jobs.purge", key: "by-hand" });
    } finally {
      await opened.close();
    }
    const shown = await okr(["jobs", "--database-url", url]);
    expect(shown.stdout).toBe("jobs.purge: 1 waiting, 0 running, 0 done, 0 failed\n");
    const ran = await okr(["jobs", "run", "--database-url", url]);
    expect(ran).toMatchObject({ stdout: "Ran 1 job.\n", stderr: "", exitCode: 0 });
    const after = await okr(["jobs", "--kind", "jobs.purge", "--database-url", url]);
    expect(after.stdout).toMatch(
      /^jobs\.purge: 0 waiting, 0 running, 1 done, 0 failed; last success \d{4}-/,
    );
  });
});
