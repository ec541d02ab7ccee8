/**
 * Drops `check_ins_created_at_idx`: no query reads check-ins by time across key results (each
 * reads one key result's history through `check_ins_key_result_id_created_at_idx`, or a
 * period's through its key results), and every check-in and every imported one paid for
 * keeping it: a page more written per check-in on SQLite, an index entry more on PostgreSQL.
 * Frozen in time like 0001.
 */
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("check_ins_created_at_idx").ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("check_ins_created_at_idx")
    .ifNotExists()
    .on("check_ins")
    .column("created_at")
    .execute();
}
