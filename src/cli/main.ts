#!/usr/bin/env node
/** The `okr` command line: thin commands over app/ and markdown/. */
import { Command } from "commander";
import { registerCommands } from "./commands/index.js";
import { runCommand } from "./run.js";

const program = new Command()
  .name("okr")
  .description("OKRs in handbook Markdown: web app, REST API and CLI over one database")
  .version(process.env.npm_package_version ?? "0.1.0");

registerCommands(program);

await runCommand(() => program.parseAsync(process.argv));
