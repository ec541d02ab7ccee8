/**
 * `okr settings`: shows the workspace's roll-up options, and changes them with flags:
 * `--children on|off`, `--unscored excluded|zero`, `--cap N`; the stale threshold,
 * `--stale-days N`; and the public site's (`--public-periods`, `--public-site`).
 */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import type { Settings } from "../../core/types.js";
import { formatPublicSite, type PublicSiteFlags, publicSitePatch } from "./settings-public-site.js";
import { withDatabase } from "./user.js";

interface SettingsFlags extends PublicSiteFlags {
  children?: string;
  unscored?: string;
  cap?: string;
  staleDays?: string;
  databaseUrl?: string;
}

/** The roll-up options, a line each with what it changes. */
export function formatRollUp(rollUp: Settings["rollUp"]): string {
  return [
    "Roll-up:",
    `  children  ${rollUp.includeChildObjectives ? "on " : "off"}       ${rollUp.includeChildObjectives ? "objectives aligned under an objective or its key results count in its score" : "an objective scores from its own key results only"}`,
    `  unscored  ${rollUp.unscored.padEnd(9)} ${rollUp.unscored === "excluded" ? "a key result with no progress yet is left out of the score" : "a key result with no progress yet counts as 0"}`,
    `  cap       ${String(rollUp.cap).padEnd(9)} a rolled-up score above ${rollUp.cap} counts as ${rollUp.cap}`,
    "",
  ].join("\n");
}

function rollUpPatch(flags: SettingsFlags): Partial<Settings["rollUp"]> {
  const patch: Partial<Settings["rollUp"]> = {};
  if (flags.children !== undefined) {
    const value = flags.children.trim().toLowerCase();
    if (value !== "on" && value !== "off")
      throw new OkrError("invalid_input", `--children must be on or off, got '${flags.children}'`);
    patch.includeChildObjectives = value === "on";
  }
  if (flags.unscored !== undefined) {
    const value = flags.unscored.trim().toLowerCase();
    if (value !== "excluded" && value !== "zero")
      throw new OkrError(
        "invalid_input",
        `--unscored must be excluded or zero, got '${flags.unscored}'`,
      );
    patch.unscored = value;
  }
  if (flags.cap !== undefined) {
    const cap = Number(flags.cap);
    if (!Number.isFinite(cap) || cap <= 0)
      throw new OkrError("invalid_input", `--cap must be a number above 0, got '${flags.cap}'`);
    patch.cap = cap;
  }
  return patch;
}

function staleDaysOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new OkrError(
      "invalid_input",
      `--stale-days must be a whole number of days from 1 to 365, got '${text}'`,
    );
  return days;
}

export function registerSettingsCommand(program: Command): void {
  program
    .command("settings")
    .description("Show the workspace's roll-up options; change them with the flags")
    .option("--children <on|off>", "count objectives aligned under an objective in its score")
    .option("--unscored <excluded|zero>", "leave key results with no progress out, or count 0")
    .option("--cap <number>", "the most a rolled-up score counts as (1 = 100%)")
    .option("--stale-days <days>", "days without a check-in after which a key result is stale")
    .option("--public-periods <labels>", "the public periods, comma-separated (none: no period)")
    .option("--public-site <on|off>", "serve the public periods at /public without sign-in")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: SettingsFlags) => {
      const patch = rollUpPatch(flags);
      const staleDays = staleDaysOf(flags.staleDays);
      const [{ getSettings, putSettings }, { listPeriods }] = await Promise.all([
        import("../../app/settings.js"),
        import("../../app/periods.js"),
      ]);
      const { settings, periods } = await withDatabase(flags.databaseUrl, async (deps) => {
        const publicSite = await publicSitePatch(deps, flags);
        const change = {
          ...(Object.keys(patch).length > 0 ? { rollUp: patch } : {}),
          ...(staleDays !== undefined ? { staleDays } : {}),
          ...(publicSite ? { publicSite } : {}),
        };
        return {
          settings:
            Object.keys(change).length === 0
              ? await getSettings(deps, SYSTEM_ACTOR)
              : await putSettings(deps, SYSTEM_ACTOR, change),
          periods: await listPeriods(deps, SYSTEM_ACTOR),
        };
      });
      process.stdout.write(formatRollUp(settings.rollUp));
      process.stdout.write(
        `Stale after ${settings.staleDays} days without a check-in (--stale-days)\n`,
      );
      process.stdout.write(formatPublicSite(settings.publicSite, periods));
    });
}
