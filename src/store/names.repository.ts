/** What an id is called: a title, name or label, looked up across the named tables at once. */
import type { Id } from "../core/types.js";
import type { Db } from "./db.js";

/** The kinds of things an id can name; ids share one space, so at most one matches. */
export type NamedKind = "objective" | "key_result" | "person" | "team" | "period" | "user";

export interface EntityName {
  kind: NamedKind;
  name: string;
}

/** Names for the ids that exist (unknown ids are left out); one query per table. */
export async function findNames(db: Db, ids: readonly Id[]): Promise<Map<Id, EntityName>> {
  const names = new Map<Id, EntityName>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return names;
  const add = (kind: NamedKind, rows: { id: string; name: string }[]) => {
    for (const row of rows) names.set(row.id, { kind, name: row.name });
  };
  add(
    "objective",
    await db
      .selectFrom("objectives")
      .select(["id", "title as name"])
      .where("id", "in", unique)
      .execute(),
  );
  add(
    "key_result",
    await db
      .selectFrom("key_results")
      .select(["id", "title as name"])
      .where("id", "in", unique)
      .execute(),
  );
  add(
    "person",
    await db.selectFrom("people").select(["id", "name"]).where("id", "in", unique).execute(),
  );
  add(
    "team",
    await db.selectFrom("teams").select(["id", "name"]).where("id", "in", unique).execute(),
  );
  add(
    "period",
    await db
      .selectFrom("periods")
      .select(["id", "label as name"])
      .where("id", "in", unique)
      .execute(),
  );
  add(
    "user",
    await db.selectFrom("users").select(["id", "name"]).where("id", "in", unique).execute(),
  );
  return names;
}
