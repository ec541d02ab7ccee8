import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, type EmptyDatabase } from "../../../test/support/databases.js";
import {
  makeCheckIn,
  makeNewKeyResult,
  makeNewObjective,
  makePeriod,
  T0,
  T1,
} from "../../../test/support/store-fixtures.js";
import { insertApiToken } from "../../store/api-tokens.repository.js";
import { insertAuditEvent } from "../../store/audit.repository.js";
import { streamRows } from "../../store/bulk.repository.js";
import { insertCheckIn } from "../../store/check-ins.repository.js";
import { openDatabase } from "../../store/database.js";
import { insertKeyResult } from "../../store/key-results.repository.js";
import { MIGRATIONS } from "../../store/migrations/index.js";
import { insertObjective } from "../../store/objectives.repository.js";
import { insertPerson } from "../../store/people.repository.js";
import { insertPeriod } from "../../store/periods.repository.js";
import { replaceRetrospectives } from "../../store/retrospectives.repository.js";
import { TABLES } from "../../store/schema.js";
import { insertSession } from "../../store/sessions.repository.js";
import { putSettings } from "../../store/settings.repository.js";
import { insertTeam } from "../../store/teams.repository.js";
import { insertUser } from "../../store/users.repository.js";
import { runBackup } from "./backup.js";
import { runMigrate } from "./migrate.js";
import { runRestore } from "./restore.js";

const run = promisify(execFile);

function sink(): PassThrough & { text: () => string } {
  const stream = new PassThrough() as PassThrough & { text: () => string };
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.text = () => Buffer.concat(chunks).toString("utf8");
  return stream;
}

/** Every row of every table, as plain data, for comparing two databases. */
async function dumpOf(url: string): Promise<Record<string, unknown[]>> {
  const opened = await openDatabase(url);
  try {
    const dump: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      dump[table] = [];
      for await (const page of streamRows(opened.db, table)) dump[table].push(...page);
    }
    return dump;
  } finally {
    await opened.close();
  }
}

async function fill(url: string): Promise<void> {
  const opened = await openDatabase(url, { migrate: true });
  const db = opened.db;
  try {
    await putSettings(db, { calendar: { startMonth: 2, naming: "end" } }, T0);
    await insertTeam(db, { id: "T1", name: "Engineering", parentId: null }, T0);
    await insertTeam(db, { id: "T2", name: "Infrastructure", parentId: "T1" }, T0);
    await insertPerson(db, { id: "PE1", name: "Ana", email: null, title: "CTO", teamId: "T1" }, T0);
    await insertUser(db, {
      id: "U1",
      email: "ana@example.com",
      name: "Ana",
      role: "admin",
      insider: true,
      personId: "PE1",
      createdAt: T0,
      passwordHash: "$argon2id$v=19$x",
    });
    await insertSession(db, {
      id: "S1",
      userId: "U1",
      csrfToken: "c",
      expiresAt: T1,
      createdAt: T0,
    });
    await insertApiToken(db, {
      id: "AT1",
      userId: "U1",
      name: "CI",
      tokenHash: "h",
      prefix: "okr_ab",
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: T1,
      createdAt: T0,
    });
    await insertPeriod(db, makePeriod({ id: "P1", label: "FY20-Q4", closedAt: T1 }), T0);
    await insertObjective(
      db,
      makeNewObjective({
        id: "O1",
        periodId: "P1",
        title: 'Ünïcode *title* with "quotes"\nand a newline',
        confidential: true,
        weight: 0.3333333333333333,
        links: [{ id: "L1", kind: "issue", text: "#1", url: "https://example.com/1" }],
        sourceKey: "o1",
        sourceLine: 3,
      }),
    );
    await insertObjective(
      db,
      makeNewObjective({ id: "O2", periodId: "P1", parentKeyResultId: "K1", archived: true }),
    );
    await insertKeyResult(
      db,
      makeNewKeyResult({
        id: "K1",
        periodId: "P1",
        objectiveId: "O1",
        start: 70,
        target: 56,
        current: 60.1,
        targetConfidential: true,
      }),
    );
    await insertCheckIn(
      db,
      makeCheckIn({
        id: "C1",
        keyResultId: "K1",
        value: 60.1,
        progress: 0.7071428571428572,
        note: "ok",
      }),
    );
    await replaceRetrospectives(
      db,
      "P1",
      [{ id: "R1", periodId: "P1", team: "Infra", good: ["a"], bad: [], try: ["b"] }],
      T1,
    );
    await insertAuditEvent(db, {
      id: "A1",
      actorId: "U1",
      actorName: "Ana",
      at: T1,
      action: "create",
      entity: "objective",
      entityId: "O1",
      before: null,
      after: { title: "x", n: 1.5 },
    });
    await db
      .insertInto("webhooks")
      .values({
        id: "W1",
        url: "https://hooks.example.com",
        events: '["check_in"]',
        secret: "s",
        active: 1,
        created_at: T0,
      })
      .execute();
  } finally {
    await opened.close();
  }
}

describe("okr migrate, backup and restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-backup-"));
  const databases: EmptyDatabase[] = [];
  async function empty(dialect: "sqlite" | "postgres"): Promise<EmptyDatabase> {
    const database = await createEmptyDatabase(dialect);
    databases.push(database);
    return database;
  }
  let original: EmptyDatabase;
  beforeAll(async () => {
    original = await empty("sqlite");
    await fill(original.url);
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("migrate reports each migration, then that it is up to date", async () => {
    const target = await empty("postgres");
    const out = sink();
    const names = Object.keys(MIGRATIONS);
    expect(await runMigrate({ databaseUrl: target.url, out })).toEqual(names);
    expect(out.text()).toContain(`[1/${names.length}] 0001-initial`);
    const again = sink();
    expect(await runMigrate({ databaseUrl: target.url, out: again })).toEqual([]);
    expect(again.text()).toContain("Up to date");
  });

  it("SQLite → PostgreSQL → SQLite leaves every row identical", async () => {
    const first = join(dir, "first.jsonl");
    const progress = sink();
    const counts = await runBackup(first, { databaseUrl: original.url, out: progress });
    expect(counts.objectives).toBe(2);
    expect(progress.text()).toMatch(/objectives\s+2\/2/);

    const postgres = await empty("postgres");
    const restored = await runRestore(first, { databaseUrl: postgres.url, out: sink() });
    expect(restored).toEqual(counts);

    const second = join(dir, "second.jsonl.gz");
    await runBackup(second, { databaseUrl: postgres.url, out: sink() });
    const sqlite = await empty("sqlite");
    await runRestore(second, { databaseUrl: sqlite.url, out: sink() });

    const before = await dumpOf(original.url);
    expect(await dumpOf(postgres.url)).toEqual(before);
    expect(await dumpOf(sqlite.url)).toEqual(before);
    const rowsOf = (text: string) => text.split("\n").slice(1);
    expect(rowsOf(gunzipSync(readFileSync(second)).toString("utf8"))).toEqual(
      rowsOf(readFileSync(first, "utf8")),
    );
  });

  it("restore refuses a database that has data, and changes nothing", async () => {
    const file = join(dir, "refuse.jsonl");
    await runBackup(file, { databaseUrl: original.url, out: sink() });
    await expect(
      runRestore(file, { databaseUrl: original.url, out: sink() }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("empty database"),
    });
  });

  it("a cut-off or damaged backup restores nothing and says why", async () => {
    const file = join(dir, "whole.jsonl");
    await runBackup(file, { databaseUrl: original.url, out: sink() });
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");

    const cut = join(dir, "cut.jsonl");
    writeFileSync(cut, `${lines.slice(0, -3).join("\n")}\n`);
    const target = await empty("postgres");
    await expect(runRestore(cut, { databaseUrl: target.url, out: sink() })).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("ends early"),
    });
    expect((await dumpOf(target.url)).objectives).toEqual([]);

    const damaged = join(dir, "damaged.jsonl");
    writeFileSync(damaged, [lines[0], "{not json", ...lines.slice(1)].join("\n"));
    await expect(
      runRestore(damaged, { databaseUrl: target.url, out: sink() }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("line 2"),
    });

    const notBackup = join(dir, "other.jsonl");
    writeFileSync(notBackup, '{"format":"something-else"}\n');
    await expect(
      runRestore(notBackup, { databaseUrl: target.url, out: sink() }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("not an okr backup"),
    });
  });

  it("a row holding the NUL character restores nothing and names its line", async () => {
    const file = join(dir, "nul-source.jsonl");
    await runBackup(file, { databaseUrl: original.url, out: sink() });
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const at = lines.findIndex((line) => line.includes('"table":"check_ins"'));
    const record = JSON.parse(lines[at] as string);
    record.row.note = "kept by SQLite\u0000 long ago";
    lines[at] = JSON.stringify(record);
    const nul = join(dir, "nul.jsonl");
    writeFileSync(nul, `${lines.join("\n")}\n`);
    const target = await empty("postgres");
    await expect(runRestore(nul, { databaseUrl: target.url, out: sink() })).rejects.toMatchObject({
      code: "invalid_input",
      message: `Backup line ${at + 1}: check_ins.note must not contain the NUL character (U+0000); take it out of that line and restore again`,
    });
    expect((await dumpOf(target.url)).objectives).toEqual([]);
  });

  it("backup will not overwrite a file unless told to", async () => {
    const file = join(dir, "exists.jsonl");
    writeFileSync(file, "keep me");
    await expect(runBackup(file, { databaseUrl: original.url, out: sink() })).rejects.toMatchObject(
      {
        code: "invalid_input",
        message: expect.stringContaining("--force"),
      },
    );
    expect(readFileSync(file, "utf8")).toBe("keep me");
    await runBackup(file, { databaseUrl: original.url, out: sink(), force: true });
    expect(readFileSync(file, "utf8")).toContain('"format":"okr-backup/1"');
  });

  it("the okr command migrates, and a bad URL exits with one clear line", async () => {
    const target = await empty("sqlite");
    const cli = ["--import", "tsx", join(process.cwd(), "src/cli/main.ts")];
    const { stdout } = await run(process.execPath, [
      ...cli,
      "migrate",
      "--database-url",
      target.url,
    ]);
    expect(stdout).toContain("0001-initial");
    const failed = await run(process.execPath, [
      ...cli,
      "migrate",
      "--database-url",
      "mysql://x",
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed?.stderr).toContain("Unknown database URL");
  });
});
