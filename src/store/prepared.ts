/**
 * Statements of the hot paths (a check-in, a token's look-up) built and compiled once per
 * dialect, then run with each call's values. Building a statement through the query builder
 * and compiling it costs more than SQLite takes to run it, and the check-in's statements are
 * the same text every time; only their values change.
 *
 * `build` receives stand-ins for the values and places them where values go (`where`,
 * `values`, `set`, `sql` templates). It must not look at them: they only mark a place, so
 * anything that depends on a value (a column left out, a list's length) cannot be prepared.
 * Each shape of a statement is its own prepared statement. PostgreSQL keeps each one parsed on
 * every connection (`dialect/named-statements.ts`). Being compiled once, a prepared statement
 * does not pass through a Kysely plugin's query transform (the product uses none).
 */
import type { Compilable, CompiledQuery, QueryResult, RawBuilder } from "kysely";
import { type Db, isPostgres } from "./db.js";
import { type AtOnce, atOnceIn } from "./dialect/at-once.js";
import { nameStatement } from "./dialect/named-statements.js";

/** Where the value named `name` goes in a compiled statement. */
class Slot {
  constructor(readonly name: string) {}
}

/** A statement of `build`'s shape, run with `values`. */
export interface PreparedStatement<P, R> {
  (db: Db, values: P): Promise<QueryResult<R>>;
  /**
   * Runs it now, where statements run at once (SQLite: `transactionAtOnce`, `atOnceIn`).
   * Throws for a statement that must go Kysely's way (one that writes credentials).
   */
  now(atOnce: AtOnce, values: P): QueryResult<R>;
}

export function prepared<P extends object, R>(
  build: (db: Db, values: Readonly<P>) => Compilable<R> | RawBuilder<R>,
): PreparedStatement<P, R> {
  const compiled = new Map<"sqlite" | "postgres", CompiledQuery<R>>();
  const slots = new Proxy({} as Readonly<P>, {
    get: (_, name) => (typeof name === "string" ? new Slot(name) : undefined),
  });
  const queryOf = (db: Db, values: P): CompiledQuery<R> => {
    const dialect = isPostgres(db) ? "postgres" : "sqlite";
    let template = compiled.get(dialect);
    if (!template) {
      const query = build(db, slots);
      // A raw `sql` statement compiles against the database it will run on.
      template = "isRawBuilder" in query ? query.compile(db) : query.compile();
      compiled.set(dialect, template);
      if (dialect === "postgres") nameStatement(template.sql);
    }
    const parameters = template.parameters.map((p) =>
      p instanceof Slot ? slotValue(values, p) : p,
    );
    return { ...template, parameters };
  };
  const statement = async (db: Db, values: P) => {
    const query = queryOf(db, values);
    // In a SQLite transaction, on the connection it holds (`dialect/at-once.ts`).
    const done = atOnceIn(db)?.run(query);
    return done ? (done as QueryResult<R>) : db.executeQuery<R>(query);
  };
  return Object.assign(statement, {
    now(atOnce: AtOnce, values: P): QueryResult<R> {
      const query = queryOf(atOnce.db as Db, values);
      const done = atOnce.run(query);
      if (!done) throw new Error(`prepared statement: cannot run at once: ${query.sql}`);
      return done as QueryResult<R>;
    },
  });
}

function slotValue(values: object, slot: Slot): unknown {
  const value = (values as Record<string, unknown>)[slot.name];
  // A value left out would be bound as nothing; the builder would have dropped its column.
  if (value === undefined) throw new Error(`prepared statement: no value for "${slot.name}"`);
  return value;
}

/** The first row of a prepared statement's answer, if any. */
export async function firstRow<P, R>(
  statement: PreparedStatement<P, R>,
  db: Db,
  values: P,
): Promise<R | undefined> {
  return (await statement(db, values)).rows[0];
}
