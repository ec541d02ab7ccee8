/**
 * `okr export --all` writes a lossless archive that `okr import` restores into an empty
 * database of the other kind: moving from SQLite to PostgreSQL with the import/export commands.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";
import { createEmptyDatabase, type EmptyDatabase } from "../../../test/support/databases.js";

const PAGE = resolve(import.meta.dirname, "../../markdown/fixtures/bold-objectives.txt");

const okr = runOkrInProcess;

describe("okr export --all / okr import of the archive", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-export-all-"));
  const databases: EmptyDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("moves every period from SQLite to PostgreSQL, and refuses to restore over data", async () => {
    const sqlite = await createEmptyDatabase("sqlite");
    const postgres = await createEmptyDatabase("postgres");
    databases.push(sqlite, postgres);
    expect((await okr(["import", "--database-url", sqlite.url, PAGE])).exitCode).toBe(0);

    const archive = join(dir, "everything.jsonl.gz");
    const exported = await okr(["export", "--all", "-o", archive, "--database-url", sqlite.url]);
    expect(exported.exitCode).toBe(0);
    expect(exported.stderr).toContain(`to ${archive}`);

    const restored = await okr(["import", "--database-url", postgres.url, archive]);
    expect(restored).toMatchObject({ exitCode: 0 });
    expect(restored.stderr).toContain("every table's count matches the backup");

    const period = ["--period", "FY21-Q2", "--format", "json"];
    const fromSqlite = await okr(["export", ...period, "--database-url", sqlite.url]);
    const fromPostgres = await okr(["export", ...period, "--database-url", postgres.url]);
    expect(fromSqlite.exitCode).toBe(0);
    expect(JSON.parse(fromPostgres.stdout)).toEqual(JSON.parse(fromSqlite.stdout));
    expect(JSON.parse(fromSqlite.stdout).items.length).toBeGreaterThan(0);

    const again = await okr(["import", "--database-url", postgres.url, archive]);
    expect(again.exitCode).not.toBe(0);
    expect(again.stderr).toContain("Restore needs an empty database");
  });

  it("says what to give when neither a period nor --all is named", async () => {
    const result = await okr(["export", "--database-url", `sqlite:${join(dir, "x.db")}`]);
    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toContain("--period LABEL, or --all -o FILE");
    const noFile = await okr(["export", "--all"]);
    expect(noFile.stderr).toContain("-o FILE");
  });
});
