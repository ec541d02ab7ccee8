/**
 * `okr publish --out DIR [--period LABEL]…`: the public OKR site as static files (an index, a
 * page per period and per team, one style sheet; no script). Without `--period`, the periods
 * marked public in Settings, or every period when none is marked.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { makeOutputFolder, writeOutputFile } from "./output-file.js";
import { withDatabase } from "./user.js";

interface PublishFlags {
  out?: string;
  period?: string[];
  title?: string;
  databaseUrl?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPublishCommand(program: Command): void {
  program
    .command("publish")
    .description(
      "Write the public OKR site (HTML, no script) into a folder: confidential values hidden as the public export hides them",
    )
    .option("--out <dir>", "the folder to write (created when missing)")
    .option(
      "--period <label>",
      "a period to publish (repeat for more); default: those marked public, else every period",
      collect,
    )
    .option("--title <text>", "the site's title", "OKRs")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: PublishFlags) => {
      if (!flags.out) {
        throw new OkrError("invalid_input", "Say where to write the site: --out DIR");
      }
      const out = flags.out;
      const [{ buildPublicSite, choosePublicPeriods }, { findPeriodByLabel }] = await Promise.all([
        import("../../app/public-site.js"),
        import("../../app/periods.js"),
      ]);
      const { site, reason } = await withDatabase(flags.databaseUrl, async (deps) => {
        const chosen: string[] = [];
        for (const label of flags.period ?? []) {
          const period = await findPeriodByLabel(deps, SYSTEM_ACTOR, label);
          if (!period) {
            throw new OkrError("not_found", `--period: no period labelled '${label}'`);
          }
          chosen.push(period.id);
        }
        const choice = await choosePublicPeriods(deps, { chosen, fallBackToAll: true });
        return {
          site: await buildPublicSite(deps, choice.periods, { title: flags.title ?? "OKRs" }),
          reason: choice.reason,
        };
      });
      await makeOutputFolder(out);
      for (const file of site.files) await writeOutputFile(join(out, file.path), file.content);
      const why =
        reason === "chosen"
          ? "as chosen"
          : reason === "marked"
            ? "marked public in Settings"
            : "every period: none is marked public";
      process.stdout.write(
        `Wrote ${site.files.length} files to ${out}: ${site.periods.map((p) => p.label).join(", ") || "no period"} (${why})\n`,
      );
    });
}
