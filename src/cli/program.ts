/** The `okr` program before its commands: its name, description and version. */
import { Command } from "commander";

export function okrProgram(): Command {
  return new Command()
    .name("okr")
    .description("OKRs in handbook Markdown: web app, REST API and CLI over one database")
    .version(process.env.npm_package_version ?? "0.1.0");
}
