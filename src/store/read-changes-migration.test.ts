/**
 * Migration 0018 on SQLite and PostgreSQL: the change log of a period's read version keeps
 * every step it held, goes on from there, and on SQLite is a table keyed by its own key
 * (`WITHOUT ROWID`), so a check-in's log row is written once instead of twice.
 */
import { type Kysely, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabaseAt } from "../../test/support/databases.js";
import { withTransaction } from "./db.js";
import { migrateTo, migrateToLatest } from "./migrate.js";
import { noteCheckInChange, readVersionOf } from "./read-versions.repository.js";

describe.each(DIALECTS)("migration 0018-read-changes-without-rowid (%s)", (dialect) => {
  it("keeps every step of the log, logs the next ones after them, and goes back down", async () => {
    const { opened, raw } = await openTestDatabaseAt(dialect, "0017-audit-journal");
    try {
      for (let i = 1; i <= 3; i++) {
        await withTransaction(opened.db, (trx) =>
          noteCheckInChange(trx, "P1", { keyResultId: "K1", checkInId: `C${i}` }),
        );
      }
      await migrateToLatest(raw);
      await withTransaction(opened.db, (trx) =>
        noteCheckInChange(trx, "P1", { keyResultId: "K2", checkInId: "C4" }),
      );
      const log = async () =>
        (
          await raw
            .selectFrom("read_changes")
            .select(["version", "key_result_id", "check_in_id"])
            .where("scope", "=", "P1")
            .orderBy("version")
            .execute()
        ).map((row) => `${row.version} ${row.key_result_id} ${row.check_in_id}`);
      expect(await log()).toEqual(["1 K1 C1", "2 K1 C2", "3 K1 C3", "4 K2 C4"]);
      expect(await readVersionOf(opened.db, "P1")).toBe("0.4");
      // The same key still refuses a step logged twice.
      await expect(
        raw
          .insertInto("read_changes")
          .values({ scope: "P1", version: 4, key_result_id: "K2", check_in_id: "C4" })
          .execute(),
      ).rejects.toThrow();
      if (dialect === "sqlite") expect(await withoutRowid(raw)).toBe(true);

      await migrateTo(raw, "0017-audit-journal");
      expect(await log()).toEqual(["1 K1 C1", "2 K1 C2", "3 K1 C3", "4 K2 C4"]);
      if (dialect === "sqlite") expect(await withoutRowid(raw)).toBe(false);
    } finally {
      await opened.close();
    }
  });
});

/** Whether SQLite keeps `read_changes` as a table without rowids. */
// biome-ignore lint/suspicious/noExplicitAny: the tables as each migration leaves them
async function withoutRowid(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ wr: number }>`
    select wr from pragma_table_list where name = 'read_changes'`.execute(db);
  return rows[0]?.wr === 1;
}
