/**
 * Import: 1,000 handbook pages (one quarter's cascade each, ~28 objectives and key results)
 * through the import use case, into SQLite and into PostgreSQL, in pages per second.
 *
 * Baseline, measured in the same run on a second fresh database of the same dialect: the
 * least any import must do — parse the same pages with the same parser, and insert the same
 * objectives and key results with multi-row INSERTs, one transaction per page. What the use
 * case does beyond that (owners resolved to people and teams, progress and statuses from the
 * outcomes, matching lines already imported so a re-import updates instead of duplicating,
 * audit events) is the ratio: time per page relative to the baseline, lower is better.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type AppDeps, SYSTEM_ACTOR } from "../src/app/deps.js";
import { importMarkdown } from "../src/app/import.js";
import { createPeriod } from "../src/app/periods.js";
import type { DocumentItem } from "../src/core/document.js";
import { parseHandbook } from "../src/markdown/parse-handbook.js";
import { insertRows } from "../src/store/bulk.repository.js";
import { type DialectName, type OpenedDatabase, openDatabase } from "../src/store/database.js";
import type { KeyResultsTable, ObjectivesTable } from "../src/store/schema-items.js";
import { createSyntheticIds } from "../src/synthetic/random.js";
import { depsOf } from "./support/accounts.js";
import { pageLabel, type SyntheticPage, syntheticPage } from "./support/pages.js";
import { type BenchPostgres, startBenchPostgres } from "./support/postgres.js";
import { BENCH_DIALECTS } from "./support/served.js";
import type { Bench, BenchContext, BenchRow } from "./types.js";

/** A fresh migrated database with one period per page. */
async function freshDatabase(
  dialect: DialectName,
  name: string,
  pages: readonly SyntheticPage[],
  place: { dir: string; postgres?: BenchPostgres },
): Promise<{ opened: OpenedDatabase; deps: AppDeps; periodIds: string[] }> {
  const url =
    dialect === "sqlite"
      ? `sqlite:${join(place.dir, `${name}.db`)}`
      : await (place.postgres as BenchPostgres).createDatabase(name);
  const opened = await openDatabase(url, { migrate: true, poolSize: 4 });
  const deps = depsOf(opened);
  const periodIds: string[] = [];
  for (const page of pages) {
    periodIds.push((await createPeriod(deps, SYSTEM_ACTOR, { label: page.label })).id);
  }
  return { opened, deps, periodIds };
}

/** The least an import does: parse, then insert the page's objectives and key results. */
async function importByHand(
  deps: AppDeps,
  markdown: string,
  periodId: string,
  newId: (at: number) => string,
): Promise<void> {
  const document = parseHandbook(markdown);
  const objectives: ObjectivesTable[] = [];
  const keyResults: KeyResultsTable[] = [];
  const now = new Date().toISOString();
  const at = Date.now();
  const walk = (items: DocumentItem[], parentObjective: string | null, position: number) => {
    items.forEach((item, i) => {
      const id = newId(at);
      const common = {
        id,
        period_id: periodId,
        title: item.title,
        owner_kind: item.owner === null ? null : "role",
        owner_id: null,
        owner_name: item.owner,
        weight: 1,
        status: item.status,
        outcome: item.outcome,
        position: position + i,
        archived: 0,
        carried_from_id: null,
        carried_to_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
        source_key: `${periodId}:${item.line}`,
        source_line: item.line,
      };
      if (item.kind === "objective") {
        objectives.push({
          ...common,
          parent_objective_id: parentObjective,
          parent_key_result_id: null,
          confidential: 0,
        });
        walk(item.children, id, 0);
      } else if (parentObjective !== null) {
        keyResults.push({
          ...common,
          objective_id: parentObjective,
          kind: "percentage",
          unit: null,
          start_value: null,
          target_value: null,
          direction: null,
          target_confidential: 0,
          current_value: null,
          progress: item.progress,
          health: null,
          confidence: null,
          last_check_in_at: null,
        });
      }
    });
  };
  walk(document.items, null, 0);
  await deps.db.transaction().execute(async (trx) => {
    await insertRows(trx, "objectives", objectives);
    await insertRows(trx, "key_results", keyResults);
  });
}

async function pagesPerSecond(
  pages: readonly SyntheticPage[],
  work: (page: SyntheticPage, i: number) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  for (const [i, page] of pages.entries()) await work(page, i);
  return pages.length / ((performance.now() - started) / 1000);
}

async function benchDialect(
  ctx: BenchContext,
  dialect: DialectName,
  pages: readonly SyntheticPage[],
): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), "okr-bench-import-"));
  const postgres = dialect === "postgres" ? await startBenchPostgres() : undefined;
  try {
    ctx.progress(`import (${dialect}): ${pages.length} periods in two fresh databases`);
    const ours = await freshDatabase(dialect, "import", pages, { dir, postgres });
    const base = await freshDatabase(dialect, "baseline", pages, { dir, postgres });
    try {
      ctx.progress(`import (${dialect}): ${pages.length} pages through the import use case`);
      const value = await pagesPerSecond(pages, (page, i) =>
        importMarkdown(ours.deps, SYSTEM_ACTOR, page.markdown, {
          periodId: ours.periodIds[i] as string,
        }),
      );
      ctx.progress(`import (${dialect}): ${pages.length} pages parsed and inserted by hand`);
      const newId = createSyntheticIds(7);
      const baseline = await pagesPerSecond(pages, (page, i) =>
        importByHand(base.deps, page.markdown, base.periodIds[i] as string, newId),
      );
      const items = pages.reduce((n, p) => n + p.items, 0);
      return {
        name: `import ${pages.length} pages (${dialect})`,
        value,
        baseline,
        baselineName: "parse + multi-row INSERT",
        unit: "pages/s",
        ratio: baseline / value,
        note: `ratio = time per page / baseline's; ${items} objectives and key results in all`,
      };
    } finally {
      await ours.opened.close();
      await base.opened.close();
    }
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const bench: Bench = async (ctx) => {
  const count = ctx.scale >= 1 ? 1000 : 200;
  const pages = Array.from({ length: count }, (_, i) => syntheticPage(i));
  if (new Set(pages.map((p) => p.label)).size !== count)
    throw new Error(`page labels repeat: ${pageLabel(0)}…`);
  const rows: BenchRow[] = [];
  for (const dialect of BENCH_DIALECTS) rows.push(await benchDialect(ctx, dialect, pages));
  return rows;
};

export default bench;
