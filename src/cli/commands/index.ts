/** Every CLI command registers itself here; one line each. */
import type { Command } from "commander";
import { registerBenchCommand } from "./bench.js";

export function registerCommands(program: Command): void {
  registerBenchCommand(program);
}
