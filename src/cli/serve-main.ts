/**
 * `okr serve` alone: the same program as `main.ts` with only the serve command, the entry of
 * the server's own bundle (scripts/bundle.mjs). The server then starts from a few files holding
 * what it runs, not from the chunks the CLI's other commands share with it.
 */
import { Command } from "commander";
import { registerServeCommand } from "./commands/serve.js";
import { runCommand } from "./run.js";

const program = new Command()
  .name("okr")
  .description("OKRs in handbook Markdown: web app, REST API and CLI over one database")
  .version(process.env.npm_package_version ?? "0.1.0");

registerServeCommand(program);

await runCommand(() => program.parseAsync(process.argv));
