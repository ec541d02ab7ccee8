/**
 * `okr settings --public-periods LABEL,LABEL|none --public-site on|off`: which periods are
 * public (what `okr publish` writes and `/public` shows) and whether the server serves them.
 */
import type { AppDeps } from "../../app/deps.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import type { Period, Settings } from "../../core/types.js";

export interface PublicSiteFlags {
  publicPeriods?: string;
  publicSite?: string;
}

/** The settings patch the flags ask for (labels resolved to periods), or undefined for none. */
export async function publicSitePatch(
  deps: AppDeps,
  flags: PublicSiteFlags,
): Promise<Partial<Settings["publicSite"]> | undefined> {
  const patch: Partial<Settings["publicSite"]> = {};
  if (flags.publicSite !== undefined) {
    const value = flags.publicSite.trim().toLowerCase();
    if (value !== "on" && value !== "off")
      throw new OkrError(
        "invalid_input",
        `--public-site must be on or off, got '${flags.publicSite}'`,
      );
    patch.served = value === "on";
  }
  if (flags.publicPeriods !== undefined) {
    const { findPeriodByLabel } = await import("../../app/periods.js");
    const labels = flags.publicPeriods
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean);
    const none = labels.length === 1 && labels[0]?.toLowerCase() === "none";
    patch.periods = [];
    for (const label of none ? [] : labels) {
      const period = await findPeriodByLabel(deps, SYSTEM_ACTOR, label);
      if (!period)
        throw new OkrError("not_found", `--public-periods: no period labelled '${label}'`);
      patch.periods.push(period.id);
    }
  }
  return Object.keys(patch).length === 0 ? undefined : patch;
}

/** The public site's settings, a line each. */
export function formatPublicSite(
  publicSite: Settings["publicSite"],
  periods: readonly Period[],
): string {
  const labels = periods.filter((p) => publicSite.periods.includes(p.id)).map((p) => p.label);
  return [
    "Public site:",
    `  periods   ${labels.length > 0 ? labels.join(", ") : "none marked (okr publish writes every period)"}`,
    `  served    ${publicSite.served ? "on        at /public, without sign-in" : "off       /public answers not found"}`,
    "",
  ].join("\n");
}
