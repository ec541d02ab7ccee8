/**
 * `okr serve` alone: the program of `main.ts` with only the serve command, the entry of the
 * server's own bundle (scripts/bundle.mjs). The server then starts from a few files holding
 * what it runs, not from the many small chunks the CLI's other commands share with it.
 */
import { registerServeCommand } from "./commands/serve.js";
import { okrProgram } from "./program.js";
import { runCommand } from "./run.js";

const program = okrProgram();
registerServeCommand(program);

await runCommand(() => program.parseAsync(process.argv));
