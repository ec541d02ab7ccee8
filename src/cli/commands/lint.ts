/** `okr lint FILE…`: OKR quality problems, `file:line severity code message`; exit 1 on errors. */
import type { Command } from "commander";
import type { Problem } from "../../core/document.js";
import { PAGE_CALENDAR_HELP, parseCalendarFlag, readTextInput, writeOutput } from "./parse.js";

interface LintFlags {
  json?: boolean;
  calendar?: string;
}

/** One problem as a line editors and CI understand. */
export function formatProblem(file: string, problem: Problem): string {
  return `${file}:${problem.line} ${problem.severity} ${problem.code} ${problem.message}`;
}

export function registerLintCommand(program: Command): void {
  program
    .command("lint")
    .description("Check OKR pages: placeholders, KRs without numbers, outcome counts, owners…")
    .argument("<files...>", "handbook pages (- for standard input)")
    .option("--json", "print the problems as JSON")
    .option("--calendar <start:naming>", PAGE_CALENDAR_HELP)
    .action(async (files: string[], flags: LintFlags) => {
      const calendar = parseCalendarFlag(flags.calendar);
      const { parseHandbook } = await import("../../markdown/parse-handbook.js");
      const results: Array<{ file: string; problems: Problem[] }> = [];
      for (const file of files) {
        const text = await readTextInput(file);
        results.push({
          file,
          problems: parseHandbook(text, calendar ? { calendar } : {}).problems,
        });
      }
      if (flags.json) {
        writeOutput(`${JSON.stringify(results, null, 2)}\n`);
      } else {
        const lines = results.flatMap(({ file, problems }) =>
          problems.map((p) => formatProblem(file, p)),
        );
        if (lines.length > 0) writeOutput(`${lines.join("\n")}\n`);
      }
      const errors = results.some(({ problems }) => problems.some((p) => p.severity === "error"));
      if (errors) process.exitCode = 1;
    });
}
