import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import {
  createEmptyDatabase,
  DIALECTS,
  type EmptyDatabase,
} from "../../../test/support/databases.js";

describe.each(DIALECTS)("okr kpi and okr webhook (%s)", (dialect) => {
  let database: EmptyDatabase;
  let url: string;
  beforeAll(async () => {
    database = await createEmptyDatabase(dialect);
    url = database.url;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("defines a KPI, records readings by name, lists and shows its history", async () => {
    const added = await okr([
      "kpi",
      "add",
      "MTTR",
      "--unit",
      "min",
      "--max",
      "20",
      "--owner",
      "SRE Lead",
      "--database-url",
      url,
    ]);
    expect(added.stderr).toBe("");
    expect(added.stdout).toMatch(/^Added \S+\tMTTR\tno reading\t≤ 20 min\t\tSRE Lead\n$/);
    const first = await okr([
      "kpi",
      "record",
      "MTTR",
      "34",
      "--at",
      "2026-03-01T09:00:00Z",
      "--database-url",
      url,
    ]);
    expect(first.stdout).toMatch(/^Recorded \S+\tMTTR\t34 min\t≤ 20 min\tabove band\tSRE Lead\n$/);
    await okr(["kpi", "record", "MTTR", "19", "--note", "new runbook", "--database-url", url]);
    const listed = await okr(["kpi", "list", "--database-url", url]);
    expect(listed.stdout).toMatch(/\tMTTR\t19 min\t≤ 20 min\tin band\tSRE Lead\n$/);
    const shown = await okr(["kpi", "show", "MTTR", "--database-url", url]);
    expect(shown.stdout).toContain("Readings:\n  2026-03-01T09:00:00.000Z\t34\tmanual\n");
    expect(shown.stdout).toMatch(/\t19\tmanual\tnew runbook\n$/);
  });

  it("says what is wrong with a reading or a KPI name, and exits non-zero", async () => {
    const notNumber = await okr(["kpi", "record", "MTTR", "fast", "--database-url", url]);
    expect(notNumber.exitCode).not.toBe(0);
    expect(notNumber.stderr).toContain("value must be a number, not 'fast'");
    const unknown = await okr(["kpi", "record", "Uptime", "99", "--database-url", url]);
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toContain("KPI Uptime not found");
    const twice = await okr(["kpi", "add", "MTTR", "--database-url", url]);
    expect(twice.exitCode).not.toBe(0);
    expect(twice.stderr).toContain('A KPI named "MTTR" exists already');
  });

  it("adds a webhook with its secret once, lists it, shows its empty log and removes it", async () => {
    const added = await okr([
      "webhook",
      "add",
      "https://hooks.example.com/okr",
      "--events",
      "check_in,period.closed",
      "--description",
      "chat",
      "--database-url",
      url,
    ]);
    expect(added.stderr).toBe("");
    const [line = "", secretLine = ""] = added.stdout.split("\n");
    expect(line).toMatch(
      /^Added \S+\thttps:\/\/hooks\.example\.com\/okr\tcheck_in,period\.closed\ton\tchat$/,
    );
    expect(secretLine).toMatch(/^Signing secret \(shown once\): whsec_\S+$/);
    const id = line.split("\t")[0]?.replace("Added ", "") ?? "";
    const listed = await okr(["webhook", "list", "--database-url", url]);
    expect(listed.stdout).toBe(`${line.replace("Added ", "")}\n`);
    expect(listed.stdout).not.toContain("whsec_");
    const log = await okr(["webhook", "deliveries", id, "--database-url", url]);
    expect(log.stdout).toBe("No deliveries yet.\n");
    const bad = await okr([
      "webhook",
      "add",
      "hooks.example.com",
      "--events",
      "lunch",
      "--database-url",
      url,
    ]);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain("url: must be an http:// or https:// URL");
    expect(bad.stderr).toContain("events.0: must be one of check_in");
    const missing = await okr(["webhook", "redeliver", "nope", "--database-url", url]);
    expect(missing.stderr).toContain("Delivery nope not found");
    const removed = await okr(["webhook", "remove", id, "--database-url", url]);
    expect(removed.stdout).toBe(`Removed webhook ${id}\n`);
    expect((await okr(["webhook", "list", "--database-url", url])).stdout).toBe(
      "No webhooks (okr webhook add URL).\n",
    );
  });
});
