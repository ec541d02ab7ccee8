/**
 * `okr export --period LABEL --format md|json|csv [--public] [--style source|house]`: a period
 * as a file. A period imported from a page is written as that page (`--style source`, the
 * default then), edited only where the data changed; `--in-place FILE` writes it over FILE and
 * remembers the written text as the page.
 * `okr export --all -o FILE`: every table as a lossless archive (the `okr backup` format) that
 * `okr import FILE` restores into an empty database of either kind.
 */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import type { ExportFormat } from "../../app/export.js";
import { OkrError } from "../../core/errors.js";
import { writeOutputFile } from "./output-file.js";
import { writeOutput } from "./parse.js";
import { withDatabase } from "./user.js";

interface ExportFlags {
  period?: string;
  all?: boolean;
  format?: string;
  public?: boolean;
  style?: string;
  inPlace?: string;
  output?: string;
  databaseUrl?: string;
}

function parseFormat(value: string | undefined, formats: readonly ExportFormat[]): ExportFormat {
  const format = (value ?? "md").trim().toLowerCase();
  if (!(formats as readonly string[]).includes(format)) {
    throw new OkrError(
      "invalid_input",
      `--format must be one of ${formats.join(", ")}, got '${value ?? ""}'`,
    );
  }
  return format as ExportFormat;
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description(
      "Export a period as handbook Markdown, okr/1 JSON or CSV, or everything (--all) as an archive",
    )
    .option("--period <label>", "the period, e.g. FY20-Q4")
    .option(
      "--all",
      "every table as a lossless archive (JSON lines, .gz compresses) that okr import restores",
    )
    .option("--format <format>", "md, json or csv", "md")
    .option("--public", "publish: confidential values become N0, N1, … placeholders")
    .option("--style <style>", "Markdown: source (the imported page's own, default) or house")
    .option(
      "--in-place <file>",
      "rewrite FILE (the period's page in a repository) with what changed in the database",
    )
    .option("-o, --output <file>", "write to this file instead of standard output")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: ExportFlags) => {
      if (flags.all) {
        if (flags.period || !flags.output) {
          throw new OkrError(
            "invalid_input",
            "--all writes every period: give the archive's name with -o FILE, and no --period",
          );
        }
        const { runBackup } = await import("./backup.js");
        await runBackup(flags.output, flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {});
        return;
      }
      if (!flags.period) {
        throw new OkrError("invalid_input", "Say what to export: --period LABEL, or --all -o FILE");
      }
      const label = flags.period;
      if (flags.inPlace) {
        const { runInPlace } = await import("./export-in-place.js");
        await runInPlace(label, flags.inPlace, flags.databaseUrl);
        return;
      }
      const [{ EXPORT_FORMATS, EXPORT_STYLES, exportPeriod }, { findPeriodByLabel }] =
        await Promise.all([import("../../app/export.js"), import("../../app/periods.js")]);
      const format = parseFormat(flags.format, EXPORT_FORMATS);
      const style = flags.style?.trim().toLowerCase();
      if (style !== undefined && !(EXPORT_STYLES as readonly string[]).includes(style)) {
        throw new OkrError(
          "invalid_input",
          `--style must be one of ${EXPORT_STYLES.join(", ")}, got '${flags.style}'`,
        );
      }
      const result = await withDatabase(flags.databaseUrl, async (deps) => {
        // Any spelling of the label: "Q4 FY20" finds FY20-Q4.
        const period = await findPeriodByLabel(deps, SYSTEM_ACTOR, label);
        if (period === undefined) {
          throw new OkrError(
            "not_found",
            `No period labelled '${label}' (okr import creates periods)`,
          );
        }
        return exportPeriod(deps, SYSTEM_ACTOR, period.id, {
          format,
          public: flags.public === true,
          ...(style ? { style: style as "source" | "house" } : {}),
        });
      });
      if (flags.output) {
        await writeOutputFile(flags.output, result.content);
        process.stderr.write(`Wrote ${flags.output}\n`);
      } else {
        writeOutput(result.content);
      }
    });
}
