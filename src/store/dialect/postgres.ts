/** PostgreSQL through a pg Pool; one connection is tried at open so bad config fails at once. */

import { randomUUID } from "node:crypto";
import { PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { OkrError } from "../../core/errors.js";
import { statementName } from "./named-statements.js";
import { postgresAddressOf } from "./url.js";

export { postgresAddressOf, redactUrl } from "./url.js";

// COUNT(*) and SUM() come back as int8/numeric; our numbers fit a double, so read them as numbers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  /** Connections in the pool. Default 10. */
  max?: number;
}

export async function openPostgresDialect(
  url: string,
  options: PostgresOptions = {},
): Promise<{ dialect: PostgresDialect; pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types: types as pg.CustomTypesConfig,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  // Nor one losing it while checked out between queries (e.g. inside a transaction).
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectError(url, error);
  }
  return { dialect: new PostgresDialect({ pool: sendingNamedStatements(pool) }), pool };
}

/** The pool as Kysely uses it, each connection sending registered texts by name. */
function sendingNamedStatements(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const named: PostgresPoolClient = {
        // A cursor (streamed rows) goes through as it is.
        query: ((text: unknown, values?: readonly unknown[]) => {
          const name = typeof text === "string" ? statementName(text) : undefined;
          if (name === undefined) return client.query(text as never, values as unknown[]);
          return client.query({ name, text: text as string, values: values as unknown[] });
        }) as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy),
      };
      return named;
    },
    end: () => pool.end(),
  };
}

function connectError(url: string, error: unknown): OkrError {
  const address = postgresAddressOf(url);
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const database = (() => {
    try {
      return decodeURIComponent(new URL(url).pathname.slice(1)) || "(default)";
    } catch {
      return "(unknown)";
    }
  })();
  if (code === "3D000") {
    return new OkrError(
      "invalid_config",
      `PostgreSQL at ${address} has no database "${database}"; create it (createdb ${database}) or fix the database URL`,
    );
  }
  if (code === "28P01" || code === "28000") {
    return new OkrError(
      "invalid_config",
      `PostgreSQL at ${address} refused the credentials in the database URL (${message}); fix the user or password`,
    );
  }
  return new OkrError(
    "database_unavailable",
    `Cannot reach PostgreSQL at ${address} (${code ?? message}); start it or fix the host and port in the database URL`,
  );
}

/** The channel the credentials' triggers notify (migration 0015). */
const CREDENTIALS_CHANNEL = "okr_credentials";
/** The listening connection's application_name. */
export const LISTENER_NAME = "okr credentials listener";
/** How long the listening connection's own notice may take to come back. */
const PROBE_TIMEOUT_MS = 5000;
/** The longest wait before listening again after the connection was lost. */
const MAX_RETRY_MS = 30_000;

export interface Listening {
  stop(): Promise<void>;
}

/**
 * Listens on a connection of its own for notices that credentials changed, stepping `watch`
 * on each. The watch is live only while the connection listens: when it is lost, nothing may
 * be kept until it listens again (retried with a growing wait).
 */
export function listenForCredentialChanges(
  url: string,
  watch: { step(): void; setLive(live: boolean): void },
): Listening {
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wait = 500;
  const retry = () => {
    watch.setLive(false);
    client = undefined;
    if (stopped) return;
    timer = setTimeout(connect, wait);
    timer.unref();
    wait = Math.min(wait * 2, MAX_RETRY_MS);
  };
  const connect = () => {
    const next = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 5000,
      // Named in pg_stat_activity, so an administrator can tell it from the pool's.
      application_name: LISTENER_NAME,
    });
    client = next;
    let lost = false;
    const onLost = () => {
      if (lost || client !== next) return;
      lost = true;
      void next.end().catch(() => {});
      retry();
    };
    // Live once a notice this connection sends itself comes back: through a pooler that does
    // not keep the session (transaction pooling), it may not, and then nothing is kept.
    const probe = `probe ${randomUUID()}`;
    let heard = false;
    next.on("notification", (notice) => {
      watch.step();
      if (notice.payload !== probe || heard || stopped || lost || client !== next) return;
      heard = true;
      wait = 500;
      watch.setLive(true);
    });
    next.on("error", onLost);
    next.on("end", onLost);
    next
      .connect()
      .then(() => next.query(`LISTEN ${CREDENTIALS_CHANNEL}`))
      .then(() => next.query("select pg_notify($1, $2)", [CREDENTIALS_CHANNEL, probe]))
      .then(() => {
        const deadline = setTimeout(() => {
          if (!heard) onLost();
        }, PROBE_TIMEOUT_MS);
        deadline.unref();
      }, onLost);
  };
  connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = undefined;
      watch.setLive(false);
      await current?.end().catch(() => {});
    },
  };
}
