/**
 * A durable job queue: work that must run later, on a schedule, again after a failure, or
 * exactly once however many processes share the database. `seq` gives the enqueue order that
 * jobs sharing an ordering key run in; `(kind, key)` is unique, so enqueueing a key twice is a
 * no-op. Schedules keep the next slot not yet enqueued. Frozen in time like every migration.
 */
import { type Kysely, PostgresAdapter } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("jobs")
    .addColumn("seq", postgres ? "bigserial" : "integer", (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("payload", "text")
    // pending, running, done or failed (gave up).
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ordering_key", "text")
    .addColumn("locked_by", "text")
    .addColumn("lease_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("jobs_kind_key")
    .on("jobs")
    .columns(["kind", "key"])
    .unique()
    .execute();
  await db.schema.createIndex("jobs_due").on("jobs").columns(["state", "run_at"]).execute();
  await db.schema
    .createIndex("jobs_ordering")
    .on("jobs")
    .columns(["ordering_key", "seq"])
    .execute();
  await db.schema
    .createTable("job_schedules")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("cron", "text", (c) => c.notNull())
    .addColumn("next_run_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_schedules").ifExists().execute();
  await db.schema.dropTable("jobs").ifExists().execute();
}
