/** A synthetic organisation in a fresh database of each dialect, served by a real server process. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectName } from "../../src/store/database.js";
import type { SyntheticOrgOptions } from "../../src/synthetic/organisation.js";
import type { BenchContext } from "../types.js";
import { type BenchPostgres, startBenchPostgres } from "./postgres.js";
import { type PreparedOrg, prepareOrg } from "./scenario.js";
import { type ServerProcess, spawnServer } from "./server.js";

export const BENCH_DIALECTS: readonly DialectName[] = ["sqlite", "postgres"];

/** Runs `work` with the organisation written into a fresh database of `dialect` and served. */
export async function withServedOrg<T>(
  ctx: BenchContext,
  dialect: DialectName,
  name: string,
  options: Partial<SyntheticOrgOptions>,
  work: (server: ServerProcess, org: PreparedOrg) => Promise<T>,
): Promise<T> {
  let postgres: BenchPostgres | undefined;
  let dir: string | undefined;
  try {
    let url: string;
    if (dialect === "sqlite") {
      dir = mkdtempSync(join(tmpdir(), `okr-bench-${name}-`));
      url = `sqlite:${join(dir, "okr.db")}`;
    } else {
      ctx.progress(`${name} (postgres): starting PostgreSQL`);
      postgres = await startBenchPostgres();
      url = await postgres.createDatabase(name);
    }
    ctx.progress(`${name} (${dialect}): writing the synthetic organisation`);
    const org = await prepareOrg(url, options);
    const server = await spawnServer({ databaseUrl: url });
    try {
      return await work(server, org);
    } finally {
      await server.stop();
    }
  } finally {
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
