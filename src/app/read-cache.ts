/**
 * Answers kept between writes. An entry is stored under a key (what was asked, by which
 * visibility class) with the read version it was computed at (`readVersionOf`: the write
 * counters of its period and of the workspace). A later read with the same version gets it
 * back; any write, by any process, bumps a counter, so the next read misses and recomputes.
 * Insiders and other readers never share an entry: the class is part of every key.
 */
import type { Id } from "../core/types.js";
import type { Db } from "../store/db.js";
import { readVersionOf } from "../store/read-versions.repository.js";
import type { Actor, AppDeps } from "./deps.js";
import { isInsider } from "./permissions.js";

interface Entry {
  version: string;
  value: unknown;
  bytes: number;
}

/** Room for the trees and dashboards of a few busy periods at thousands of items each. */
const DEFAULT_MAX_BYTES = 96 * 1024 * 1024;

/** A least-recently-used map of answers, bounded by their size in bytes. */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  /** Computations under way, by key and version, so concurrent misses share one. */
  readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** The value stored under `key` at exactly `version`, or undefined. */
  get<T>(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version) {
      this.delete(key);
      return undefined;
    }
    // Re-insert: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value as T;
  }

  /** Stores `value` (about `bytes` large) under `key` at `version`; too large: not kept. */
  set(key: string, version: string, value: unknown, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { version, value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }
}

const caches = new WeakMap<Db, AnswerCache>();

/** The answer cache of one database handle: one per process and database. */
export function answerCacheOf(deps: Pick<AppDeps, "db">): AnswerCache {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(deps.db, cache);
  }
  return cache;
}

/** Who sees the same answers: insiders (confidential items and numbers) or everyone else. */
export function visibilityClassOf(actor: Actor): "insider" | "reader" {
  return isInsider(actor) ? "insider" : "reader";
}

/**
 * The version a period's answers are cached under: one query of two rows. Read it before the
 * data, so an answer stored under it can only be newer than it says, never older.
 */
export function readVersionOfPeriod(deps: Pick<AppDeps, "db">, periodId: Id): Promise<string> {
  return readVersionOf(deps.db, periodId);
}

/**
 * `compute()`'s value for `key` at the period's current read version, from the cache when no
 * write happened since it was stored. `compute` is given the version read (its data must be at
 * least that new). `sizeOf` estimates the bytes an entry holds.
 */
export async function cachedRead<T>(
  deps: Pick<AppDeps, "db">,
  periodId: Id,
  key: string,
  compute: (version: string) => Promise<T>,
  sizeOf: (value: T) => number,
): Promise<T> {
  const version = await readVersionOfPeriod(deps, periodId);
  return cachedReadAt(deps, version, key, () => compute(version), sizeOf);
}

/** {@link cachedRead} at a version the caller has just read (one read for several answers). */
export function cachedReadAt<T>(
  deps: Pick<AppDeps, "db">,
  version: string,
  key: string,
  compute: () => Promise<T>,
  sizeOf: (value: T) => number,
): Promise<T> {
  const cache = answerCacheOf(deps);
  const hit = cache.get<T>(key, version);
  if (hit !== undefined) return Promise.resolve(hit);
  // Readers that miss together wait for one computation instead of each doing the same work.
  const flightKey = `${key}@${version}`;
  const { inFlight } = cache;
  const flying = inFlight.get(flightKey);
  if (flying) return flying as Promise<T>;
  const computing = compute()
    .then((value) => {
      cache.set(key, version, value, sizeOf(value));
      return value;
    })
    .finally(() => inFlight.delete(flightKey));
  inFlight.set(flightKey, computing);
  return computing;
}
