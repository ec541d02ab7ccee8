/** The handle every repository takes first: the database or a transaction on it. */
import { type Kysely, PostgresAdapter, type Transaction } from "kysely";
import { OkrError } from "../core/errors.js";
import { holdConnection } from "./dialect/at-once.js";
import { flushReadScopes, openReadScopes } from "./read-versions.repository.js";
import type { Database } from "./schema.js";
import type { IntBool } from "./schema-columns.js";

/** A database or a transaction: repositories accept either. */
export type Db = Kysely<Database>;

/**
 * Runs `work` in a transaction: everything it writes lands together or not at all.
 * Inside a transaction already, it simply runs `work` in that one. Every write path goes
 * through here, so here the read counters its writes noted are bumped, just before commit.
 */
export async function withTransaction<T>(
  db: Db,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(async (trx) => {
    const release = holdConnection(trx);
    try {
      openReadScopes(trx);
      const result = await work(trx);
      await flushReadScopes(trx);
      return result;
    } finally {
      release();
    }
  });
}

/**
 * Whether `db` talks to PostgreSQL: there, each statement is a round trip to the server, and
 * concurrent transactions see each other's commits (row locks, data-modifying CTEs). SQLite
 * runs one writer at a time in process.
 */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** 0/1 as stored, to the domain boolean. */
export function boolOf(value: IntBool | boolean | null | undefined): boolean {
  return value === true || value === 1 || (value as unknown) === "1";
}

/** The domain boolean as stored. */
export function intOf(value: boolean): IntBool {
  return value ? 1 : 0;
}

/** JSON text as stored, or null, to a value. */
export function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** A value to JSON text; undefined and null stay null. */
export function jsonOf(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Throws `not_found` in the product's words: "Objective 01H… not found". */
export function notFound(what: string, id: string): OkrError {
  return new OkrError("not_found", `${what} ${id} not found`);
}

/** How each domain field of a patch becomes columns. */
export type FieldColumns<P, R> = {
  [K in keyof P]-?: (value: Exclude<P[K], undefined>) => Partial<R>;
};

/** The columns a patch sets: every field that is not undefined, through its mapping. */
export function columnsOfPatch<P extends object, R>(
  patch: P,
  fields: FieldColumns<P, R>,
): Partial<R> {
  const out: Partial<R> = {};
  for (const key of Object.keys(patch) as (keyof P)[]) {
    const value = patch[key];
    const map = fields[key] as ((value: unknown) => Partial<R>) | undefined;
    if (value !== undefined && map) Object.assign(out, map(value));
  }
  return out;
}
