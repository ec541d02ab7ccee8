/** Runs `okr …` in process, as the real command line would, capturing what it prints. */
import { Command } from "commander";
import { vi } from "vitest";
import { registerCommands } from "../../src/cli/commands/index.js";
import { runCommand } from "../../src/cli/run.js";

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runOkrInProcess(args: string[]): Promise<CliResult> {
  const program = new Command().exitOverride();
  registerCommands(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await runCommand(() => program.parseAsync(["node", "okr", ...args]));
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
}
