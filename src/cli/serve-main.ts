/**
 * `okr serve` alone: the program of `main.ts` with only the serve command, the entry of the
 * server's own bundle (scripts/bundle.mjs). The bundle is one CommonJS file that
 * `dist/cli/main.js` runs with V8's code cache (`code-cache.ts`, decisions/0051), so this
 * entry has no top-level `await`: `runCommand` catches what the command throws.
 */
import { registerServeCommand } from "./commands/serve.js";
import { okrProgram } from "./program.js";
import { runCommand } from "./run.js";

const program = okrProgram();
registerServeCommand(program);

void runCommand(() => program.parseAsync(process.argv));
