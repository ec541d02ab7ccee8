/** Every CLI command registers itself here; one line each. */
import type { Command } from "commander";
import { registerBenchCommand } from "./bench.js";
import { registerServeCommand } from "./serve.js";
import { registerTokenCommand } from "./token.js";
import { registerUserCommand } from "./user.js";

export function registerCommands(program: Command): void {
  registerBenchCommand(program);
  registerServeCommand(program);
  registerUserCommand(program);
  registerTokenCommand(program);
}
