/**
 * Names compare by one key on SQLite and PostgreSQL alike (decisions/0059): a person is found by
 * a name or a role title written in any letter's case, with decomposed accents or runs of
 * spaces; a team too. Migration 0019 computes the keys of the rows already there, and a backup
 * made before it restores with its keys computed.
 */
import { PassThrough, Readable } from "node:stream";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase, openTestDatabaseAt } from "../../test/support/databases.js";
import { T0 } from "../../test/support/store-fixtures.js";
import type { Person, Team } from "../core/types.js";
import { restoreBackup, writeBackup } from "./backup.js";
import { migrateTo, migrateToLatest } from "./migrate.js";
import {
  findPersonByName,
  findPersonByTitle,
  insertPerson,
  updatePerson,
} from "./people.repository.js";
import { findTeamByName, insertTeam, updateTeam } from "./teams.repository.js";

const DATA: Team = { id: "T1", name: "Équipe données", parentId: null };
const EMILIE: Person = {
  id: "P1",
  name: "Émilie Dupont",
  email: "emilie@example.com",
  title: "Chief Product Officer",
  teamId: "T1",
};

describe.each(DIALECTS)("names found by their key on %s", (dialect) => {
  it("finds a person by name in another case, decomposed, or with extra spaces", async () => {
    const store = await openTestDatabase(dialect);
    try {
      await insertTeam(store.db, DATA, T0);
      await insertPerson(store.db, EMILIE, T0);
      expect(await findPersonByName(store.db, "émilie dupont")).toEqual(EMILIE);
      expect(await findPersonByName(store.db, "ÉMILIE DUPONT")).toEqual(EMILIE);
      expect(await findPersonByName(store.db, "E\u0301milie Dupont")).toEqual(EMILIE);
      expect(await findPersonByName(store.db, "  Émilie   Dupont ")).toEqual(EMILIE);
      expect(await findPersonByName(store.db, "Emilie Dupont")).toBeUndefined();
      expect(await findPersonByName(store.db, "   ")).toBeUndefined();
      expect(await findPersonByTitle(store.db, "chief   PRODUCT officer")).toEqual(EMILIE);
      expect(await findPersonByTitle(store.db, "Chief Product")).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("finds a team by name in another case of any letter", async () => {
    const store = await openTestDatabase(dialect);
    try {
      await insertTeam(store.db, DATA, T0);
      expect(await findTeamByName(store.db, "ÉQUIPE DONNÉES")).toEqual(DATA);
      expect(await findTeamByName(store.db, "e\u0301quipe  donne\u0301es")).toEqual(DATA);
      expect(await updateTeam(store.db, "T1", { name: "Øresund" })).toEqual({
        ...DATA,
        name: "Øresund",
      });
      expect(await findTeamByName(store.db, "øRESUND")).toMatchObject({ id: "T1" });
      expect(await findTeamByName(store.db, "équipe données")).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("writes the keys on every change of a name or title, and keeps exact spelling first", async () => {
    const store = await openTestDatabase(dialect);
    try {
      await insertTeam(store.db, DATA, T0);
      await insertPerson(store.db, EMILIE, T0);
      await updatePerson(store.db, "P1", { name: "Zoë Martin", title: "DIRECTRICE GÉNÉRALE" });
      expect(await findPersonByName(store.db, "zoë martin")).toMatchObject({ id: "P1" });
      expect(await findPersonByName(store.db, "émilie dupont")).toBeUndefined();
      expect(await findPersonByTitle(store.db, "directrice générale")).toMatchObject({ id: "P1" });
      await updatePerson(store.db, "P1", { title: null });
      expect(await findPersonByTitle(store.db, "directrice générale")).toBeUndefined();
      // Two people whose names share a key: the one spelled as asked wins.
      await insertPerson(store.db, { ...EMILIE, id: "P0", name: "ZOË MARTIN", title: null }, T0);
      expect(await findPersonByName(store.db, "Zoë Martin")).toMatchObject({ id: "P1" });
      expect(await findPersonByName(store.db, "ZOË MARTIN")).toMatchObject({ id: "P0" });
      expect(await findPersonByName(store.db, "zoë martin")).toMatchObject({ id: "P0" });
      expect(await keysOf(store.db as unknown as Kysely<RawDb>)).toEqual({
        people: [
          { id: "P0", name_key: "zoë martin", title_key: null },
          { id: "P1", name_key: "zoë martin", title_key: null },
        ],
        teams: [{ id: "T1", name_key: "équipe données" }],
      });
    } finally {
      await store.close();
    }
  });

  it("migration 0019 computes the keys of rows made before it, page by page, and goes back down", async () => {
    const { opened, raw } = await openTestDatabaseAt(dialect, "0018-read-changes-without-rowid");
    try {
      await raw
        .insertInto("teams")
        .values([
          { id: "T1", name: "Équipe données", parent_id: null, created_at: T0 },
          { id: "T2", name: "  ΟΜΑΔΑ   Α ", parent_id: "T1", created_at: T0 },
        ])
        .execute();
      const many = Array.from({ length: 1203 }, (_, i) => ({
        id: `P${String(i).padStart(5, "0")}`,
        name: i === 0 ? "E\u0301milie  Dupont" : `Ärzt ${i}`,
        email: null,
        title: i === 0 ? "Chief   Product Officer" : i % 2 === 0 ? null : `ÉLÈVE ${i}`,
        team_id: "T1",
        created_at: T0,
      }));
      for (let i = 0; i < many.length; i += 400) {
        await raw
          .insertInto("people")
          .values(many.slice(i, i + 400))
          .execute();
      }

      await migrateToLatest(raw);

      const keys = await keysOf(raw);
      expect(keys.teams).toEqual([
        { id: "T1", name_key: "équipe données" },
        { id: "T2", name_key: "ομαδα α" },
      ]);
      expect(keys.people).toHaveLength(1203);
      expect(keys.people[0]).toEqual({
        id: "P00000",
        name_key: "émilie dupont",
        title_key: "chief product officer",
      });
      expect(keys.people[1201]).toEqual({
        id: "P01201",
        name_key: "ärzt 1201",
        title_key: "élève 1201",
      });
      expect(keys.people[1202]).toEqual({ id: "P01202", name_key: "ärzt 1202", title_key: null });
      expect(keys.people.every((row) => row.name_key !== null)).toBe(true);
      expect(await findPersonByName(opened.db, "ÉMILIE DUPONT")).toMatchObject({ id: "P00000" });
      expect(await findPersonByTitle(opened.db, "chief product OFFICER")).toMatchObject({
        id: "P00000",
      });
      expect(await findTeamByName(opened.db, "ομαδα α")).toMatchObject({ id: "T2" });

      await migrateTo(raw, "0018-read-changes-without-rowid");
      const columns = await columnsOf(raw, "people");
      expect(columns).not.toContain("name_key");
      expect(columns).not.toContain("title_key");
      expect(await columnsOf(raw, "teams")).not.toContain("name_key");
    } finally {
      await opened.close();
    }
  });

  it("restores a backup made before 0019 with its keys computed", async () => {
    const from = await openTestDatabase(dialect);
    const into = await openTestDatabase(dialect);
    try {
      await insertTeam(from.db, DATA, T0);
      await insertPerson(from.db, EMILIE, T0);
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on("data", (chunk: Buffer) => chunks.push(chunk));
      await writeBackup(from.db, out, { source: dialect });
      out.end();
      // The same backup as okr wrote it before 0019: no keys beside the names.
      const old = Buffer.concat(chunks)
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const record = JSON.parse(line);
          if (record.format) {
            record.migrations = record.migrations.filter((m: string) => m !== "0019-name-keys");
          } else if (record.table === "people" || record.table === "teams") {
            const { name_key: _name, title_key: _title, ...row } = record.row;
            record.row = row;
          }
          return JSON.stringify(record);
        });
      expect(old.join("\n")).not.toContain("name_key");
      await restoreBackup(into.db, Readable.from([`${old.join("\n")}\n`]));
      expect(await findPersonByName(into.db, "émilie dupont")).toEqual(EMILIE);
      expect(await findPersonByTitle(into.db, "CHIEF PRODUCT OFFICER")).toEqual(EMILIE);
      expect(await findTeamByName(into.db, "ÉQUIPE DONNÉES")).toEqual(DATA);
      expect(await keysOf(into.db as unknown as Kysely<RawDb>)).toEqual({
        people: [{ id: "P1", name_key: "émilie dupont", title_key: "chief product officer" }],
        teams: [{ id: "T1", name_key: "équipe données" }],
      });
    } finally {
      await from.close();
      await into.close();
    }
  });
});

/** The key columns, as the tables hold them after 0019. */
interface RawDb {
  people: { id: string; name_key: string | null; title_key: string | null };
  teams: { id: string; name_key: string | null };
}

// biome-ignore lint/suspicious/noExplicitAny: the tables as each migration leaves them
async function keysOf(db: Kysely<any>): Promise<{
  people: RawDb["people"][];
  teams: RawDb["teams"][];
}> {
  return {
    people: await db
      .selectFrom("people")
      .select(["id", "name_key", "title_key"])
      .orderBy("id")
      .execute(),
    teams: await db.selectFrom("teams").select(["id", "name_key"]).orderBy("id").execute(),
  };
}

/** The columns a table has now. */
// biome-ignore lint/suspicious/noExplicitAny: the tables as each migration leaves them
async function columnsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? [];
}
