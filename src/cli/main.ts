#!/usr/bin/env node
/** The `okr` command line: thin commands over app/ and markdown/. */
import { registerCommands } from "./commands/index.js";
import { okrProgram } from "./program.js";
import { runCommand } from "./run.js";

const program = okrProgram();
registerCommands(program);

await runCommand(() => program.parseAsync(process.argv));
