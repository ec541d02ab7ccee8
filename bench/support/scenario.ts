/** A database filled with a synthetic organisation and an admin token, ready to be served. */

import { openDatabase } from "../../src/store/database.js";
import type { SyntheticOrgOptions } from "../../src/synthetic/organisation.js";
import { writeSyntheticOrg } from "../../src/synthetic/write-organisation.js";
import { createTokenIn, depsOf } from "./accounts.js";

export interface PreparedOrg {
  url: string;
  token: string;
  /** The latest (open) quarter. */
  periodId: string;
  periodLabel: string;
  /** Objectives + key results in that quarter. */
  items: number;
  keyResultIds: string[];
}

/** Migrates the database at `url`, writes the organisation into it, and makes an admin token. */
export async function prepareOrg(
  url: string,
  options: Partial<SyntheticOrgOptions>,
  onProgress?: (message: string) => void,
): Promise<PreparedOrg> {
  const opened = await openDatabase(url, { migrate: true, poolSize: 2 });
  try {
    let lastStep = "";
    const result = await writeSyntheticOrg(opened.db, options, ({ step }) => {
      if (step !== lastStep) onProgress?.(`writing ${step}`);
      lastStep = step;
    });
    const latest = result.periods[result.periods.length - 1];
    if (!latest) throw new Error("the synthetic organisation has no quarter");
    const keyResults = await opened.db
      .selectFrom("key_results")
      .select("id")
      .where("period_id", "=", latest.id)
      .orderBy("id")
      .execute();
    const token = await createTokenIn(depsOf(opened), "bench@example.com");
    return {
      url,
      token,
      periodId: latest.id,
      periodLabel: latest.label,
      items: latest.objectives + latest.keyResults,
      keyResultIds: keyResults.map((row) => row.id),
    };
  } finally {
    await opened.close();
  }
}
