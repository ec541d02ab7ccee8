/**
 * Writes a synthetic organisation (see organisation.ts) into a database, fast: many rows per
 * statement, many statements per transaction, with progress reported as it goes. The rows are
 * loaded the way a restore loads them: no audit events, key results already holding their
 * latest check-in.
 */
import type { Kysely } from "kysely";
import { OkrError } from "../core/errors.js";
import { insertRows, insertRowsInBatches } from "../store/bulk.repository.js";
import { findPeriodByLabel } from "../store/periods.repository.js";
import type { Database } from "../store/schema.js";
import { findTeam } from "../store/teams.repository.js";
import { createSyntheticOrg, type SyntheticOrgOptions } from "./organisation.js";

/** Rows per transaction: large, so commits do not dominate a load of millions of rows. */
const ROWS_PER_TRANSACTION = 20_000;

export interface SyntheticDataCounts {
  teams: number;
  people: number;
  periods: number;
  objectives: number;
  keyResults: number;
  links: number;
  checkIns: number;
}

export interface SyntheticDataResult {
  counts: SyntheticDataCounts;
  /** Period ids and labels, oldest first. */
  periods: { id: string; label: string; objectives: number; keyResults: number }[];
  seconds: number;
}

export interface SyntheticDataProgress {
  /** What is being written: "teams", "check-ins"…. */
  step: string;
  done: number;
  total: number;
}

/** Writes the organisation `options` describes into `db`; refuses a database that already has it. */
export async function writeSyntheticOrg(
  db: Kysely<Database>,
  options: Partial<SyntheticOrgOptions> = {},
  onProgress: (progress: SyntheticDataProgress) => void = () => {},
): Promise<SyntheticDataResult> {
  const started = Date.now();
  const org = createSyntheticOrg(options);
  const o = org.options;
  const root = org.teams[0];
  if (root) {
    const existing = await findTeam(db, root.id);
    if (existing) {
      throw new OkrError(
        "conflict",
        `This database already holds the synthetic organisation of seed ${o.seed}; use an empty database or another --seed.`,
      );
    }
  }
  const counts: SyntheticDataCounts = {
    teams: 0,
    people: 0,
    periods: 0,
    objectives: 0,
    keyResults: 0,
    links: 0,
    checkIns: 0,
  };
  counts.teams = await insertRowsInBatches(db, "teams", org.teams, {
    batchSize: ROWS_PER_TRANSACTION,
    onProgress: (done) => onProgress({ step: "teams", done, total: org.teams.length }),
  });
  counts.people = await insertRowsInBatches(db, "people", org.people, {
    batchSize: ROWS_PER_TRANSACTION,
    onProgress: (done) => onProgress({ step: "people", done, total: org.people.length }),
  });
  const periods: SyntheticDataResult["periods"] = [];
  let quarterIndex = 0;
  for (const quarter of org.quarters()) {
    quarterIndex += 1;
    const label = quarter.period.label;
    const clash = await findPeriodByLabel(db, label);
    if (clash) {
      throw new OkrError(
        "conflict",
        `Period ${label} already exists in this database; use an empty database for synthetic data.`,
      );
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, "periods", [quarter.period]);
      await insertRows(trx, "objectives", quarter.objectives);
      await insertRows(trx, "key_results", quarter.keyResults);
      await insertRows(trx, "links", quarter.links);
    });
    counts.periods += 1;
    counts.objectives += quarter.objectives.length;
    counts.keyResults += quarter.keyResults.length;
    counts.links += quarter.links.length;
    onProgress({
      step: `${label} objectives and key results`,
      done: quarterIndex,
      total: o.quarters,
    });
    const before = counts.checkIns;
    counts.checkIns += await insertRowsInBatches(db, "check_ins", org.checkInsOf(quarter), {
      batchSize: ROWS_PER_TRANSACTION,
      onProgress: (done) =>
        onProgress({ step: `${label} check-ins`, done: before + done, total: o.checkIns }),
    });
    periods.push({
      id: quarter.period.id,
      label,
      objectives: quarter.objectives.length,
      keyResults: quarter.keyResults.length,
    });
  }
  return { counts, periods, seconds: (Date.now() - started) / 1000 };
}
