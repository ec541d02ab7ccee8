/**
 * What a period's answers need to follow check-ins without reading the whole period again:
 * the logged steps, the key results they changed, and the check-ins themselves
 * (decisions/0029), in one read.
 */
import type { CheckIn, Id, KeyResult, Link } from "../core/types.js";
import { checkInOf } from "./check-ins.repository.js";
import type { Db } from "./db.js";
import { keyResultOf } from "./key-results.repository.js";
import { prepared } from "./prepared.js";
import type { ReadChange } from "./read-versions.repository.js";

export interface ReadChangesWithRows {
  /** The logged steps, in order. */
  changes: ReadChange[];
  /** Each changed key result once, as stored now, with the links it had (`linksOf`). */
  keyResults: KeyResult[];
  /** The check-ins the steps name that are still on record. */
  checkIns: CheckIn[];
}

/**
 * The logged steps of `scope` after version `after` up to `upTo`, with the key results they
 * changed and their check-ins, read together in one statement. A check-in never changes
 * links, and any write that does makes the period be read whole, so each key result keeps the
 * links it had (`linksOf`).
 */
export async function listReadChangesWithRows(
  db: Db,
  scope: string,
  after: number,
  upTo: number,
  linksOf: (id: Id) => Link[],
): Promise<ReadChangesWithRows> {
  const { rows } = await changesWithRows(db, { scope, after, upTo });
  const changes: ReadChange[] = [];
  const keyResults = new Map<Id, KeyResult>();
  const checkIns: CheckIn[] = [];
  for (const row of rows) {
    changes.push({
      version: Number(row.rc_version),
      keyResultId: row.rc_key_result_id,
      checkInId: row.rc_check_in_id,
    });
    if (row.id !== null && !keyResults.has(row.id)) {
      keyResults.set(row.id, keyResultOf(row as never, linksOf(row.id)));
    }
    if (row.ci_id !== null) {
      checkIns.push(
        checkInOf({
          id: row.ci_id,
          key_result_id: row.ci_key_result_id as string,
          value: row.ci_value,
          progress: row.ci_progress,
          health: row.ci_health,
          confidence: row.ci_confidence,
          note: row.ci_note as string,
          author_id: row.ci_author_id,
          author_name: row.ci_author_name,
          created_at: row.ci_created_at as string,
        }),
      );
    }
  }
  return { changes, keyResults: [...keyResults.values()], checkIns };
}

const changesWithRows = prepared((db, p: { scope: string; after: number; upTo: number }) =>
  db
    .selectFrom("read_changes as rc")
    .leftJoin("key_results as kr", "kr.id", "rc.key_result_id")
    .leftJoin("check_ins as ci", "ci.id", "rc.check_in_id")
    .selectAll("kr")
    .select([
      "rc.version as rc_version",
      "rc.key_result_id as rc_key_result_id",
      "rc.check_in_id as rc_check_in_id",
      "ci.id as ci_id",
      "ci.key_result_id as ci_key_result_id",
      "ci.value as ci_value",
      "ci.progress as ci_progress",
      "ci.health as ci_health",
      "ci.confidence as ci_confidence",
      "ci.note as ci_note",
      "ci.author_id as ci_author_id",
      "ci.author_name as ci_author_name",
      "ci.created_at as ci_created_at",
    ])
    .where("rc.scope", "=", p.scope)
    .where("rc.version", ">", p.after)
    .where("rc.version", "<=", p.upTo)
    .orderBy("rc.version"),
);
