/**
 * PostgreSQL for benches: `OKR_BENCH_POSTGRES_URL` names a running server (a superuser URL),
 * otherwise a throwaway one is started for the run (the test harness's, in a temp folder).
 * Each bench gets its own database on it.
 */
import pg from "pg";
import { startTestPostgres } from "../../test/support/postgres.js";

export interface BenchPostgres {
  /** Makes a new empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL server for a bench run. */
export async function startBenchPostgres(): Promise<BenchPostgres> {
  const external = process.env.OKR_BENCH_POSTGRES_URL;
  const server = external ? undefined : await startTestPostgres();
  const adminUrl = external ?? (server as { url: string }).url;
  const created: string[] = [];
  return {
    async createDatabase(name: string) {
      const database = `okr_bench_${name.replace(/[^a-z0-9_]/gi, "_")}_${process.pid}_${counter++}`;
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
      created.push(database);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      return url.toString();
    },
    async stop() {
      if (server) {
        await server.stop();
        return;
      }
      for (const database of created) {
        await withClient(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
        ).catch(() => {});
      }
    },
  };
}
