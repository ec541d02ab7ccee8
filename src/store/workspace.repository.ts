/** The workspace as a whole: whether the database answers, and whether anyone has started using it. */
import { sql } from "kysely";
import type { Db } from "./db.js";

/** Tables whose rows mean someone has started using the workspace. */
const CONTENT_TABLES = ["periods", "objectives", "key_results", "people", "teams"] as const;

/** Throws when the database does not answer a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Whether the workspace holds OKR content (periods, items, people or teams). Users and
 * settings do not count: an admin may exist before anything else.
 */
export async function hasWorkspaceContent(db: Db): Promise<boolean> {
  for (const table of CONTENT_TABLES) {
    const row = await db.selectFrom(table).select("id").limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}
