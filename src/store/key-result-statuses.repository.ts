/**
 * Grading a period at close sets the status of thousands of key results at once: one UPDATE
 * per status and chunk of ids instead of one versioned update (and re-read) per key result.
 */
import { sql } from "kysely";
import type { Id, IsoDateTime, Status } from "../core/types.js";
import type { Db } from "./db.js";

const CHUNK = 1000;

/** Sets `status` (or none) on the key results `ids`, bumping each one's version. */
export async function setKeyResultStatuses(
  db: Db,
  ids: readonly Id[],
  status: Status | null,
  at: IsoDateTime,
): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .updateTable("key_results")
      .set({ status, updated_at: at, version: sql<number>`version + 1` })
      .where("id", "in", ids.slice(i, i + CHUNK))
      .execute();
  }
}
