/** `okr parse FILE|-`: prints the canonical JSON document of a handbook page. */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import type { FiscalCalendar } from "../../core/types.js";
import { cannotRead } from "./output-file.js";

/** Reads a file, or standard input for `-`; a clear `invalid_input` when it cannot. */
export async function readTextInput(file: string): Promise<string> {
  try {
    if (file === "-") {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
      return Buffer.concat(chunks).toString("utf8");
    }
    return await readFile(file, "utf8");
  } catch (error) {
    throw cannotRead(file === "-" ? "standard input" : file, error);
  }
}

/** `--calendar 2:end` -> `{ startMonth: 2, naming: "end" }`. */
export function parseCalendarFlag(value: string | undefined): FiscalCalendar | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d{1,2})\s*[:/]\s*(start|end)\s*$/i.exec(value);
  const month = Number(m?.[1]);
  if (!m || month < 1 || month > 12) {
    throw new OkrError(
      "invalid_input",
      `--calendar must be START_MONTH:NAMING like 2:end (GitLab) or 2:start (Sourcegraph), got '${value}'`,
    );
  }
  return { startMonth: month, naming: (m[2] ?? "end").toLowerCase() as "start" | "end" };
}

let pipeGuarded = false;

/**
 * Writes to standard output; a reader that stops early (`okr parse page.md | head`) ends the
 * command quietly instead of with a stack trace.
 */
export function writeOutput(text: string): void {
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE")
        process.stderr.write(`okr: cannot write the output: ${error.message}\n`);
      process.exit(error.code === "EPIPE" ? Number(process.exitCode ?? 0) : 1);
    });
  }
  process.stdout.write(text);
}

export const CALENDAR_HELP =
  "fiscal calendar START_MONTH:NAMING, e.g. 2:end (GitLab: FY20 = Feb 2019–Jan 2020)";

/** The calendar flag's help where the page's own calendar is the default. */
export const PAGE_CALENDAR_HELP = `${CALENDAR_HELP}; default: detected from the page`;

export function registerParseCommand(program: Command): void {
  program
    .command("parse")
    .description("Print the canonical JSON of a handbook OKR page (problems included)")
    .argument("<file>", "the page, or - for standard input")
    .option("--calendar <start:naming>", PAGE_CALENDAR_HELP)
    .action(async (file: string, flags: { calendar?: string }) => {
      const calendar = parseCalendarFlag(flags.calendar);
      const text = await readTextInput(file);
      const { parseHandbookPeriods } = await import("../../markdown/parse-handbook.js");
      const documents = parseHandbookPeriods(text, calendar ? { calendar } : {});
      // One period: the okr/1 document itself. Several quarters on one page: one per period.
      const output = documents.length === 1 ? documents[0] : { format: "okr/1-multi", documents };
      writeOutput(`${JSON.stringify(output, null, 2)}\n`);
    });
}
