/**
 * Credentials looked up, kept per opened database while the store's epoch says they cannot have
 * changed (`store/credential-changes.ts`): a signed-in request then needs no query (on
 * PostgreSQL no round trip) to learn who is asking. Kept by a digest of the secret, never the
 * secret; at most a minute, and at most `MAX_KEPT` of them (the oldest go first). Where the
 * store gives no epoch (a database opened without watching, a lost notice channel) nothing is
 * kept.
 */

import { keepNewest } from "../core/collections.js";
import { credentialEpoch } from "../store/credential-changes.js";
import type { Db } from "../store/db.js";

const MAX_KEPT = 10_000;
const MAX_AGE_MS = 60_000;

interface Kept<T> {
  epoch: number;
  at: number;
  value: T;
}

const kept = new WeakMap<object, Map<string, Kept<unknown>>>();

/** What `key` was looked up as, if it is still so at `now` (ms); undefined otherwise. */
export function keptCredential<T>(db: Db, key: string, now: number): T | undefined {
  const epoch = credentialEpoch(db);
  if (epoch === null) return undefined;
  const entry = kept.get(db)?.get(key);
  if (!entry || entry.epoch !== epoch || now - entry.at > MAX_AGE_MS || now < entry.at) {
    return undefined;
  }
  return entry.value as T;
}

/**
 * Looks `key` up with `lookup` and keeps what it found, unless credentials may have changed
 * while it looked (the epoch moved) or there is nothing to keep.
 */
export async function lookUpCredential<T>(
  db: Db,
  key: string,
  now: number,
  lookup: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const epoch = credentialEpoch(db);
  const found = await lookup();
  if (epoch === null || found === undefined || credentialEpoch(db) !== epoch) return found;
  let map = kept.get(db);
  if (!map) {
    map = new Map();
    kept.set(db, map);
  }
  keepNewest<string, Kept<unknown>>(map, key, { epoch, at: now, value: found }, MAX_KEPT);
  return found;
}
