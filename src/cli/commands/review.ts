/**
 * `okr review [--period LABEL] [--pdf FILE]`: the quarterly review. With `--pdf`, printed by
 * headless Chromium from the web app's review page (as `GET /api/periods/{id}/review.pdf`);
 * without, a screen per top-level objective as text. The period defaults to the one today falls
 * in, else the latest.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { type AppDeps, SYSTEM_ACTOR } from "../../app/deps.js";
import type { Review } from "../../app/review.js";
import { OkrError } from "../../core/errors.js";
import type { Period } from "../../core/types.js";
import { plainText } from "../../markdown/inline-text.js";
import { writeOutputFile } from "./output-file.js";
import { withDatabase } from "./user.js";

interface ReviewFlags {
  period?: string;
  pdf?: string;
  databaseUrl?: string;
}

/** The built web app beside the running code (dist/bundle or dist/cli -> dist/web). */
function findWebRoot(): string {
  const candidates = [
    fileURLToPath(new URL("../web", import.meta.url)),
    fileURLToPath(new URL("../../web", import.meta.url)),
    fileURLToPath(new URL("../../../dist/web", import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? (candidates[0] as string);
}

/** The period today falls in, else the latest to start. */
export function defaultReviewPeriod(periods: readonly Period[], today: string): Period | undefined {
  const quarters = periods.filter((p) => p.kind === "quarter");
  const pool = quarters.length > 0 ? quarters : periods;
  return (
    pool.find((p) => p.start <= today && today <= p.end) ??
    [...pool].sort((a, b) => (a.start < b.start ? 1 : -1))[0]
  );
}

/** A score for people: 94%, or "not scored". */
export const percent = (score: number | null) =>
  score === null ? "not scored" : `${Math.round(score * 100)}%`;

/**
 * The period `--period LABEL` names, else the one today falls in, else the latest; `none` says
 * what is missing when there is no period at all.
 */
export async function periodOfFlag(
  deps: AppDeps,
  label: string | undefined,
  none: string,
): Promise<Period> {
  const { findPeriodByLabel, listPeriods } = await import("../../app/periods.js");
  const period = label
    ? await findPeriodByLabel(deps, SYSTEM_ACTOR, label)
    : defaultReviewPeriod(
        await listPeriods(deps, SYSTEM_ACTOR),
        deps.now().toISOString().slice(0, 10),
      );
  if (!period) {
    throw new OkrError("not_found", label ? `--period: no period labelled '${label}'` : none);
  }
  return period;
}

/** The review as text: a block per objective, then the distribution and retrospectives. */
export function formatReview(review: Review): string {
  const lines = [`${review.period.label} review — company ${percent(review.company.score)}`, ""];
  review.objectives.forEach((o, i) => {
    lines.push(
      `${i + 1}. ${plainText(o.title)}${o.owner ? ` (${o.owner})` : ""} — ${percent(o.score)}`,
    );
    for (const kr of o.keyResults) {
      lines.push(`   - ${plainText(kr.title)} — ${percent(kr.progress)}`);
      if (kr.lastNote) lines.push(`     “${kr.lastNote.note}”`);
    }
    if (o.atRisk.length > 0)
      lines.push(`   At risk: ${o.atRisk.map((kr) => plainText(kr.title)).join("; ")}`);
    lines.push("");
  });
  const d = review.distribution;
  lines.push(
    `Distribution: ${d.count} key results scored, mean ${percent(d.mean)}, ${d.atOrAboveSweetSpot === null ? "none" : percent(d.atOrAboveSweetSpot)} at or above the ${percent(review.sweetSpot)} sweet spot`,
  );
  for (const r of review.retrospectives) {
    lines.push(
      `Retrospective ${r.team}: ${r.good.length} good, ${r.bad.length} bad, ${r.try.length} to try`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function registerReviewCommand(program: Command): void {
  program
    .command("review")
    .description("The quarterly review as text, or as a PDF printed by headless Chromium (--pdf)")
    .option("--period <label>", "the period (default: the current quarter, else the latest)")
    .option("--pdf <file>", "write the review as a PDF (needs Chromium: OKR_CHROMIUM or PATH)")
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (flags: ReviewFlags) => {
      const { getReview } = await import("../../app/review.js");
      const review = await withDatabase(flags.databaseUrl, async (deps) => {
        const period = await periodOfFlag(deps, flags.period, "There is no period to review");
        return getReview(deps, SYSTEM_ACTOR, period.id);
      });
      if (!flags.pdf) {
        process.stdout.write(formatReview(review));
        return;
      }
      const { renderReviewPdf } = await import("../../server/review-pdf.js");
      const pdf = await renderReviewPdf({ webRoot: findWebRoot(), review });
      await writeOutputFile(flags.pdf, pdf);
      process.stderr.write(
        `Wrote ${flags.pdf}: ${review.period.label}, ${review.objectives.length + 2} pages\n`,
      );
    });
}
