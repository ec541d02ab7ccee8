/**
 * `okr import FILE…`: stores handbook pages (or canonical JSON documents) in their periods.
 * `--dry-run` shows what would change. Many files get a progress list. An archive written by
 * `okr export --all` (or `okr backup`) is restored whole into an empty database.
 */
import { open } from "node:fs/promises";
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import type { ImportChange, ImportPreview, ImportResult } from "../../app/import.js";
import { parseOwnerMapEntries } from "../../app/import-owners.js";
import type { Problem } from "../../core/document.js";
import { isOkrError, OkrError } from "../../core/errors.js";
import type { PeriodSection } from "../../markdown/period-sections.js";
import { CALENDAR_HELP, parseCalendarFlag, readTextInput } from "./parse.js";
import { withDatabase } from "./user.js";

interface ImportFlags {
  dryRun?: boolean;
  period?: string;
  mapOwner?: string[];
  attachOwners?: boolean;
  closed?: boolean;
  calendar?: string;
  force?: boolean;
  databaseUrl?: string;
}

/** Above this many files the import shows a progress list. */
const PROGRESS_FROM = 4;

const SIGNS: Record<ImportChange["action"], string> = {
  create: "+",
  update: "~",
  unchanged: "=",
  skip: "!",
};

/** "FY20-Q4: 12 created, 3 updated, 40 unchanged (2 errors, 5 warnings)". */
export function formatImportResult(file: string, label: string, result: ImportResult): string {
  const notice = result.notice ? `\n  ${result.notice}` : "";
  return `${file} -> ${label}${result.periodCreated ? " (new period)" : ""}${result.closed ? " (closed)" : ""}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged${problemSummary(result.problems)}${notice}`;
}

/** The dry run's period and owners: where the page goes, and what each owner name matches. */
export function formatPlan(preview: Pick<ImportPreview, "period" | "owners">): string {
  const lines: string[] = [];
  const period = preview.period;
  if (period) {
    const dates = period.start && period.end ? ` ${period.start} to ${period.end}` : "";
    const state = period.exists ? (period.closed ? "existing, closed" : "existing") : "new";
    lines.push(`  period ${period.label}${dates} (${state})`);
    if (period.message) lines.push(`  ${period.message} (--period LABEL chooses one)`);
    if (!period.exists && period.past)
      lines.push("  Its end date is past: --closed imports it as history.");
  }
  if (preview.owners.length > 0)
    lines.push('  owners (--map-owner "NAME=team:TEAM" attaches one):');
  for (const o of preview.owners) {
    const matches = o.matches
      ? o.matches.kind === "role"
        ? `role title held by ${o.matches.people} ${o.matches.people === 1 ? "person" : "people"}`
        : `matches ${o.matches.kind} ${o.matches.name}`
      : "new";
    // A name that matches a person or team is still kept as written unless attached: say so,
    // or My OKRs of that person stays empty with no hint why.
    const stored = o.mapped
      ? ` -> ${o.owner.kind} ${o.owner.name}`
      : o.matches && o.matches.kind !== "role"
        ? ", kept as written (--attach-owners attaches it)"
        : "";
    lines.push(`    ${o.name}: ${matches}${stored}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function problemSummary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  if (errors + warnings === 0) return "";
  return ` (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}: okr lint shows them)`;
}

/** The dry run's report: one line per change that is not "unchanged", then the totals. */
export function formatPreview(
  file: string,
  changes: readonly ImportChange[],
  problems: readonly Problem[],
): string {
  const lines = [`${file}:`];
  for (const change of changes) {
    if (change.action === "unchanged") continue;
    const where = change.line > 0 ? `line ${change.line} ` : "";
    const fields = change.fields ? ` (${change.fields.join(", ")})` : "";
    lines.push(
      `  ${SIGNS[change.action]} ${change.action} ${change.entity.replace("_", " ")} ${where}${change.label}${fields}`,
    );
  }
  // The period is named on its own line; the totals count what the import's result counts.
  const count = (action: ImportChange["action"]) =>
    changes.filter((c) => c.action === action && c.entity !== "period").length;
  lines.push(
    `  would create ${count("create")}, update ${count("update")}, leave ${count("unchanged")} unchanged${count("skip") > 0 ? `, skip ${count("skip")}` : ""}${problemSummary(problems)}`,
  );
  return `${lines.join("\n")}\n`;
}

/** The work on one page; its error names the page, so one of many files is found. */
async function inFile<T>(file: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isOkrError(error)) throw error;
    const where = file === "-" ? "standard input" : file;
    throw new OkrError(error.code, `${where}: ${error.message}`, error.details);
  }
}

/** Whether FILE is an archive of `okr export --all`: gzip, or JSON lines opening with its header. */
export async function isArchive(file: string): Promise<boolean> {
  if (file === "-") return false;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, "r");
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    const head = buffer.subarray(0, bytesRead);
    return (
      (head[0] === 0x1f && head[1] === 0x8b) ||
      /^\{"format":"okr-backup\/\d+"/.test(head.toString("utf8"))
    );
  } catch {
    return false; // Unreadable: reading it as a page says why.
  } finally {
    await handle?.close();
  }
}

async function restoreArchive(files: string[], flags: ImportFlags): Promise<void> {
  if (files.length !== 1 || flags.dryRun || flags.period) {
    throw new OkrError(
      "invalid_input",
      `${files.find((file) => file !== "-") ?? files[0]} is an archive of okr export --all: import it alone, without --dry-run or --period, into an empty database`,
    );
  }
  const { runRestore } = await import("./restore.js");
  await runRestore(files[0] as string, flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {});
}

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description(
      "Import handbook OKR pages (or okr/1 JSON) into their periods; again changes nothing. An okr export --all archive restores into an empty database",
    )
    .argument("<files...>", "handbook pages or JSON documents (- for standard input)")
    .option("--dry-run", "show what would change, write nothing")
    .option(
      "--period <label>",
      "import into this period (created when missing) instead of the page's",
    )
    .option(
      "--map-owner <name=owner>",
      'attach a page owner to an existing one: "Customer Success=team:Support", "=person:NAME" or "=role" (as written, the default); repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--attach-owners", "attach every page name that is exactly a person's or team's")
    .option("--closed", "import as a closed (historical) period: no check-ins, no stale warnings")
    .option("--calendar <start:naming>", `${CALENDAR_HELP}; default: the workspace's`)
    .option(
      "--force",
      "take a page's outcomes even where they take back check-ins the page does not know",
    )
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (files: string[], flags: ImportFlags) => {
      const archives = await Promise.all(files.map(isArchive));
      if (archives.some(Boolean)) {
        await restoreArchive(files, flags);
        return;
      }
      const calendar = parseCalendarFlag(flags.calendar);
      const ownerMap = parseOwnerMapEntries(flags.mapOwner ?? []);
      const options = {
        ...(flags.period ? { periodLabel: flags.period } : {}),
        ...(calendar ? { calendar } : {}),
        ...(Object.keys(ownerMap).length > 0 ? { ownerMap } : {}),
        ...(flags.closed ? { closed: true } : {}),
        ...(flags.attachOwners ? { attachMatchingOwners: true } : {}),
        ...(flags.force ? { force: true } : {}),
      };
      // Read everything first: an unreadable file stops the import before anything is written.
      const pages: Array<{ file: string; text: string; section?: PeriodSection }> = [];
      const { findPeriodSections } = await import("../../markdown/period-sections.js");
      for (const file of files) {
        const text = await readTextInput(file);
        // A page holding several quarters is imported one period per section.
        const sections =
          flags.period || text.trimStart().startsWith("{") ? [] : findPeriodSections(text);
        if (sections.length === 0) pages.push({ file, text });
        for (const section of sections) pages.push({ file, text, section });
      }
      const [{ importMarkdown, previewImport }, { getPeriod }] = await Promise.all([
        import("../../app/import.js"),
        import("../../store/periods.repository.js"),
      ]);
      await withDatabase(flags.databaseUrl, async (deps) => {
        if (flags.dryRun) {
          for (const { file, text, section } of pages) {
            const preview = await inFile(
              file,
              previewImport(deps, SYSTEM_ACTOR, text, { ...options, section }),
            );
            process.stdout.write(formatPreview(file, preview.changes, preview.problems));
            process.stdout.write(formatPlan(preview));
          }
          return;
        }
        const importOne = async (
          file: string,
          text: string,
          section?: PeriodSection,
        ): Promise<string> => {
          const result = await inFile(
            file,
            importMarkdown(deps, SYSTEM_ACTOR, text, { ...options, section }),
          );
          const period = await getPeriod(deps.db, result.periodId);
          return formatImportResult(file, period.label, result);
        };
        if (pages.length < PROGRESS_FROM) {
          for (const { file, text, section } of pages)
            process.stdout.write(`${await importOne(file, text, section)}\n`);
          return;
        }
        const { Listr } = await import("listr2");
        const summaries: string[] = [];
        const tasks = new Listr(
          pages.map(({ file, text, section }) => ({
            title: file,
            task: async (_ctx: unknown, task: { title: string }) => {
              const summary = await importOne(file, text, section);
              summaries.push(summary);
              task.title = summary;
            },
          })),
          { concurrent: false, exitOnError: true, fallbackRenderer: "simple" },
        );
        await tasks.run();
        if (!process.stdout.isTTY) return;
        process.stdout.write(`${pages.length} files imported\n`);
      });
    });
}
