/**
 * Sign-in attempts counted in the database, so every process over one database shares one
 * limit. One row per key (a digest of "email|address") holds a fixed window and its count.
 */
import type { IsoDateTime } from "../core/types.js";
import type { Db } from "./db.js";

/**
 * Counts one attempt under `key` and answers the count in the current window. A window that
 * started at or before `windowStartedBefore` is over: the count starts again at 1. One atomic
 * statement, so concurrent attempts from several processes are all counted.
 */
export async function countSignInAttempt(
  db: Db,
  key: string,
  now: IsoDateTime,
  windowStartedBefore: IsoDateTime,
): Promise<number> {
  const row = await db
    .insertInto("sign_in_attempts")
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => ({
        count: eb
          .case()
          .when("sign_in_attempts.window_start", "<=", windowStartedBefore)
          .then(1)
          .else(eb("sign_in_attempts.count", "+", 1))
          .end(),
        window_start: eb
          .case()
          .when("sign_in_attempts.window_start", "<=", windowStartedBefore)
          .then(now)
          .else(eb.ref("sign_in_attempts.window_start"))
          .end(),
      })),
    )
    .returning("count")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Forgets a key (after a successful sign-in). */
export async function clearSignInAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom("sign_in_attempts").where("key", "=", key).execute();
}

/** Removes windows that ended; returns how many. */
export async function deleteStaleSignInAttempts(
  db: Db,
  windowStartedBefore: IsoDateTime,
): Promise<number> {
  const result = await db
    .deleteFrom("sign_in_attempts")
    .where("window_start", "<=", windowStartedBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
