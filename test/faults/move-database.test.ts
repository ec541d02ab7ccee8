/**
 * Moving from SQLite to PostgreSQL with the two documented commands:
 *   okr backup okr-backup.jsonl.gz --database-url sqlite:./data/okr.db
 *   okr restore okr-backup.jsonl.gz --database-url postgres://…
 * Every table arrives row for row, the same API token still works, and the server on
 * PostgreSQL answers the same tree, to the byte, as the server on SQLite did.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { callApi } from "../../bench/support/http.js";
import { prepareOrg } from "../../bench/support/scenario.js";
import { runCli, spawnServer } from "../../bench/support/server.js";
import { streamRows } from "../../src/store/bulk.repository.js";
import { openDatabase } from "../../src/store/database.js";
import { TABLES, type TableName } from "../../src/store/schema.js";
import { createEmptyDatabase } from "../support/databases.js";

const ORG = {
  people: 120,
  teams: 30,
  quarters: 2,
  objectives: 120,
  keyResults: 360,
  checkIns: 3000,
};

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Every row of every table, values normalised (numbers as numbers), in primary-key order. */
async function snapshot(url: string): Promise<Record<TableName, string>> {
  const opened = await openDatabase(url);
  try {
    const out = {} as Record<TableName, string>;
    for (const table of TABLES) {
      const rows: unknown[] = [];
      for await (const page of streamRows(opened.db, table)) {
        for (const row of page) {
          rows.push(
            Object.fromEntries(
              Object.entries(row)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]),
            ),
          );
        }
      }
      out[table] = JSON.stringify(rows);
    }
    return out;
  } finally {
    await opened.close();
  }
}

describe("moving from SQLite to PostgreSQL", () => {
  it("carries every row, the tokens and the answers over with okr backup and okr restore", async () => {
    const dir = mkdtempSync(join(tmpdir(), "okr-move-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const sqliteUrl = `sqlite:${join(dir, "okr.db")}`;
    const org = await prepareOrg(sqliteUrl, ORG);

    // Some life through the API first: check-ins, audit events, token use.
    const before = await spawnServer({ databaseUrl: sqliteUrl });
    for (const [i, id] of org.keyResultIds.slice(0, 10).entries()) {
      const answer = await callApi(
        before.url,
        org.token,
        "POST",
        `/api/key-results/${id}/check-ins`,
        {
          value: 10 + i,
          note: `before the move ${i}`,
        },
      );
      expect(answer.status, answer.text).toBeLessThan(300);
    }
    const treePath = `/api/periods/${org.periodId}/tree`;
    const treeBefore = await callApi(before.url, org.token, "GET", treePath);
    expect(treeBefore.status).toBe(200);
    await before.stop();

    const file = join(dir, "okr-backup.jsonl.gz");
    const backup = await runCli(["backup", file, "--database-url", sqliteUrl]);
    expect(backup.code, backup.stderr).toBe(0);

    const target = await createEmptyDatabase("postgres");
    cleanups.push(() => target.drop());
    const restore = await runCli(["restore", file, "--database-url", target.url]);
    expect(restore.code, restore.stderr).toBe(0);

    const [from, to] = await Promise.all([snapshot(sqliteUrl), snapshot(target.url)]);
    for (const table of TABLES) {
      expect(to[table], `table ${table}`).toBe(from[table]);
    }

    const after = await spawnServer({ databaseUrl: target.url });
    cleanups.push(() => after.stop());
    const treeAfter = await callApi(after.url, org.token, "GET", treePath);
    expect(treeAfter.status).toBe(200);
    expect(treeAfter.text).toBe(treeBefore.text);

    // Restoring into a database that is not empty is refused, not merged.
    const again = await runCli(["restore", file, "--database-url", target.url]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
