/**
 * The first schema. Frozen in time: it takes `Kysely<any>` and never imports the current
 * table types, so later changes to `schema.ts` cannot change what this migration does.
 * Never edit it once released; add a new migration instead.
 */
import type { Kysely } from "kysely";

// Same spelling on both dialects: SQLite gives "double precision" REAL affinity.
const REAL = "double precision";

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    // A tree; no foreign key so a restore may insert in any order and a subtree may move freely.
    .addColumn("parent_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("teams_name_key").unique().on("teams").column("name").execute();
  await db.schema.createIndex("teams_parent_id_idx").on("teams").column("parent_id").execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("title", "text")
    .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("people_name_idx").on("people").column("name").execute();
  await db.schema.createIndex("people_team_id_idx").on("people").column("team_id").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("insider", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("password_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("users_email_key").unique().on("users").column("email").execute();
  await db.schema.createIndex("users_person_id_idx").on("users").column("person_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();
  await db.schema
    .createIndex("sessions_expires_at_idx")
    .on("sessions")
    .column("expires_at")
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("api_tokens_token_hash_key")
    .unique()
    .on("api_tokens")
    .column("token_hash")
    .execute();
  await db.schema
    .createIndex("api_tokens_user_id_idx")
    .on("api_tokens")
    .column("user_id")
    .execute();

  await db.schema
    .createTable("periods")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("periods_label_key").unique().on("periods").column("label").execute();
  await db.schema
    .createIndex("periods_start_date_idx")
    .on("periods")
    .column("start_date")
    .execute();

  // Objectives and key results point at each other (alignment under a KR, carry-over) and
  // form trees; those references have no foreign keys so a restore may insert in any order.
  await db.schema
    .createTable("objectives")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period_id", "text", (c) => c.notNull().references("periods.id").onDelete("cascade"))
    .addColumn("parent_objective_id", "text")
    .addColumn("parent_key_result_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_kind", "text")
    .addColumn("owner_id", "text")
    .addColumn("owner_name", "text")
    .addColumn("weight", REAL, (c) => c.notNull().defaultTo(1))
    .addColumn("confidential", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text")
    .addColumn("outcome", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("carried_from_id", "text")
    .addColumn("carried_to_id", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("source_key", "text")
    .addColumn("source_line", "integer")
    .execute();
  await db.schema
    .createIndex("objectives_period_id_idx")
    .on("objectives")
    .columns(["period_id", "position"])
    .execute();
  await db.schema
    .createIndex("objectives_parent_objective_id_idx")
    .on("objectives")
    .column("parent_objective_id")
    .execute();
  await db.schema
    .createIndex("objectives_parent_key_result_id_idx")
    .on("objectives")
    .column("parent_key_result_id")
    .execute();
  await db.schema
    .createIndex("objectives_owner_id_idx")
    .on("objectives")
    .column("owner_id")
    .execute();
  await db.schema
    .createIndex("objectives_source_key_idx")
    .on("objectives")
    .columns(["period_id", "source_key"])
    .execute();

  await db.schema
    .createTable("key_results")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period_id", "text", (c) => c.notNull().references("periods.id").onDelete("cascade"))
    .addColumn("objective_id", "text", (c) =>
      c.notNull().references("objectives.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_kind", "text")
    .addColumn("owner_id", "text")
    .addColumn("owner_name", "text")
    .addColumn("weight", REAL, (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text")
    .addColumn("outcome", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("archived", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("carried_from_id", "text")
    .addColumn("carried_to_id", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("source_key", "text")
    .addColumn("source_line", "integer")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("unit", "text")
    .addColumn("start_value", REAL)
    .addColumn("target_value", REAL)
    .addColumn("direction", "text")
    .addColumn("target_confidential", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("current_value", REAL)
    .addColumn("progress", REAL)
    .addColumn("health", "text")
    .addColumn("confidence", REAL)
    .addColumn("last_check_in_at", "text")
    .execute();
  await db.schema
    .createIndex("key_results_objective_id_idx")
    .on("key_results")
    .columns(["objective_id", "position"])
    .execute();
  await db.schema
    .createIndex("key_results_period_id_idx")
    .on("key_results")
    .column("period_id")
    .execute();
  await db.schema
    .createIndex("key_results_owner_id_idx")
    .on("key_results")
    .column("owner_id")
    .execute();
  await db.schema
    .createIndex("key_results_source_key_idx")
    .on("key_results")
    .columns(["period_id", "source_key"])
    .execute();

  await db.schema
    .createTable("check_ins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key_result_id", "text", (c) =>
      c.notNull().references("key_results.id").onDelete("cascade"),
    )
    .addColumn("value", REAL)
    .addColumn("progress", REAL)
    .addColumn("health", "text")
    .addColumn("confidence", REAL)
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_id", "text")
    .addColumn("author_name", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("check_ins_key_result_id_created_at_idx")
    .on("check_ins")
    .columns(["key_result_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("check_ins_created_at_idx")
    .on("check_ins")
    .column("created_at")
    .execute();

  await db.schema
    .createTable("links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period_id", "text", (c) => c.notNull().references("periods.id").onDelete("cascade"))
    .addColumn("objective_id", "text", (c) => c.references("objectives.id").onDelete("cascade"))
    .addColumn("key_result_id", "text", (c) => c.references("key_results.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("links_period_id_idx").on("links").column("period_id").execute();
  await db.schema
    .createIndex("links_objective_id_idx")
    .on("links")
    .column("objective_id")
    .execute();
  await db.schema
    .createIndex("links_key_result_id_idx")
    .on("links")
    .column("key_result_id")
    .execute();

  await db.schema
    .createTable("retrospectives")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("period_id", "text", (c) => c.notNull().references("periods.id").onDelete("cascade"))
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("good", "text", (c) => c.notNull())
    .addColumn("bad", "text", (c) => c.notNull())
    .addColumn("try", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("retrospectives_period_id_team_key")
    .unique()
    .on("retrospectives")
    .columns(["period_id", "team"])
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("audit_events_at_idx").on("audit_events").column("at").execute();
  await db.schema
    .createIndex("audit_events_entity_idx")
    .on("audit_events")
    .columns(["entity", "entity_id", "at"])
    .execute();
  await db.schema
    .createIndex("audit_events_actor_id_idx")
    .on("audit_events")
    .column("actor_id")
    .execute();

  await db.schema
    .createTable("webhooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations and the introspector see no table types
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "webhooks",
    "audit_events",
    "retrospectives",
    "links",
    "check_ins",
    "key_results",
    "objectives",
    "periods",
    "api_tokens",
    "sessions",
    "users",
    "people",
    "teams",
    "settings",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
