/**
 * `okr sync DIR`: keep a folder of handbook pages (a git repository) and the database in step.
 * Every Markdown page is imported when new, gets the database's changes written into it, or has
 * its own changes imported — both merged item by item. A field changed in both places is a
 * conflict: reported with both values, file and line; that page is left as it is. So is a line
 * of an older copy that takes back check-ins it does not know, unless `--force` (decisions/0065).
 * Each key result the page moves is said with its figure before and after.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { withDatabase } from "./user.js";

const PAGE = /\.(?:md|markdown)$/i;

interface SyncFlags {
  dryRun?: boolean;
  force?: boolean;
  databaseUrl?: string;
}

/** Markdown files under `dir`, sorted, skipping dot folders (`.git`) and node_modules. */
async function listPages(dir: string): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new OkrError(
      "invalid_input",
      `Cannot read the folder ${dir}: ${(error as Error).message}`,
    );
  }
  const pages: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules") {
        pages.push(...(await listPages(path)));
      }
    } else if (entry.isFile() && PAGE.test(entry.name)) {
      pages.push(path);
    }
  }
  return pages;
}

function quote(value: string | null): string {
  return value === null ? "(none)" : JSON.stringify(value);
}

/** What a conflict of a page taking back check-ins adds: the latest one's date, and the way on. */
function takenBack(checkedInAt: string | undefined): string {
  if (checkedInAt === undefined) return "";
  return `; the page does not know its check-in of ${checkedInAt.slice(0, 10)} (--force takes the page's)`;
}

export function registerSyncCommand(program: Command): void {
  program
    .command("sync")
    .description(
      "Import every page in DIR and write back what changed in the database since (git-friendly)",
    )
    .argument("<dir>", "a folder of handbook pages, e.g. a git checkout")
    .option("--dry-run", "say what would happen; write nothing")
    .option(
      "--force",
      "take a page's outcomes even where they take back check-ins the page does not know",
    )
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (dir: string, flags: SyncFlags) => {
      const pages = await listPages(dir);
      const { syncPage } = await import("../../app/sync.js");
      const { withTransaction } = await import("../../store/db.js");
      let conflicts = 0;
      let failed = 0;
      await withDatabase(flags.databaseUrl, async (deps) => {
        for (const path of pages) {
          const name = relative(dir, path) || path;
          const text = await readFile(path, "utf8");
          try {
            const results = await withTransaction(deps.db, async (trx) => {
              const outcome = await syncPage({ ...deps, db: trx }, SYSTEM_ACTOR, name, text, {
                force: flags.force === true,
              });
              // A dry run answers what would happen, then rolls the transaction back; so does
              // a conflict in any section of a page: nothing of that page is written.
              if (flags.dryRun || outcome.some((r) => r.action === "conflict")) {
                throw new Rollback(outcome);
              }
              return outcome;
            }).catch((error: unknown) => {
              if (error instanceof Rollback) return error.results;
              throw error;
            });
            const written = results.findLast((r) => r.text !== undefined)?.text;
            if (written !== undefined && !flags.dryRun) await writeFile(path, written, "utf8");
            for (const result of results) {
              const period = result.period ?? "-";
              process.stdout.write(
                `${name}: ${period} ${result.action}${result.message ? ` (${result.message})` : ""}\n`,
              );
              for (const change of result.changes ?? []) {
                process.stdout.write(
                  `${name}:${change.line}: "${change.item}": ${change.from} -> ${change.to}\n`,
                );
              }
              for (const c of result.conflicts) {
                conflicts++;
                process.stdout.write(
                  `${name}:${c.line}: conflict on the ${c.field} of "${c.item}": app ${quote(c.app)}, page ${quote(c.page)}${takenBack(c.checkedInAt)}\n`,
                );
              }
            }
          } catch (error) {
            failed++;
            const message = error instanceof Error ? error.message : String(error);
            process.stdout.write(`${name}: error: ${message}\n`);
          }
        }
      });
      process.stdout.write(
        `${pages.length} page${pages.length === 1 ? "" : "s"}, ${conflicts} conflict${conflicts === 1 ? "" : "s"}, ${failed} error${failed === 1 ? "" : "s"}${flags.dryRun ? " (dry run: nothing written)" : ""}\n`,
      );
      if (conflicts > 0 || failed > 0) process.exitCode = 1;
    });
}

/** Rolls a page's transaction back, carrying what its sync would have done. */
class Rollback extends Error {
  constructor(readonly results: import("../../app/sync.js").PageSyncResult[]) {
    super("rolled back");
  }
}
