/** `okr kpi add|list|record|show`: KPIs beside OKRs, from the command line. */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import type { KpiView } from "../../app/kpis.js";
import { OkrError } from "../../core/errors.js";
import { formatKpiBand } from "../../core/kpis.js";
import { withDatabase } from "./user.js";

const DB_FLAG = "--database-url <url>";
const DB_HELP = "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)";

const BAND_WORDS: Record<KpiView["bandStatus"], string> = {
  in_band: "in band",
  below: "below band",
  above: "above band",
  unknown: "",
};

/** A number flag, or a clear refusal naming the flag. */
function numberOf(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new OkrError("invalid_input", `${flag} must be a number, not '${text}'`, [
      { path: flag, message: "must be a number" },
    ]);
  }
  return value;
}

function valueText(kpi: KpiView): string {
  if (kpi.current === null) return "no reading";
  return `${kpi.current}${kpi.unit ? ` ${kpi.unit}` : ""}`;
}

/** One tab-separated line: id, name, value, band, where it stands, owner. */
export function kpiLine(kpi: KpiView): string {
  return [
    kpi.id,
    kpi.name,
    valueText(kpi),
    formatKpiBand(kpi),
    BAND_WORDS[kpi.bandStatus],
    kpi.owner?.name ?? "",
  ].join("\t");
}

export function registerKpiCommand(program: Command): void {
  const kpi = program
    .command("kpi")
    .description("KPIs: named metrics without a quarter (MTTR, ARR), a target band, readings");
  kpi
    .command("add")
    .description("Define a KPI")
    .argument("<name>", "its name, e.g. MTTR")
    .option("--unit <unit>", "shown after the number, e.g. min")
    .option("--min <number>", "the band's lower end")
    .option("--max <number>", "the band's upper end")
    .option("--owner <owner>", "a person, a team or a role title")
    .option("--description <text>", "what it measures")
    .option(DB_FLAG, DB_HELP)
    .action(
      async (
        name: string,
        flags: {
          unit?: string;
          min?: string;
          max?: string;
          owner?: string;
          description?: string;
          databaseUrl?: string;
        },
      ) => {
        const { createKpi } = await import("../../app/kpis.js");
        const input = {
          name,
          unit: flags.unit,
          targetLow: numberOf("--min", flags.min) ?? null,
          targetHigh: numberOf("--max", flags.max) ?? null,
          owner: flags.owner ?? null,
          description: flags.description,
        };
        const made = await withDatabase(flags.databaseUrl, (deps) =>
          createKpi(deps, SYSTEM_ACTOR, input),
        );
        process.stdout.write(`Added ${kpiLine(made)}\n`);
      },
    );
  kpi
    .command("list")
    .description("List KPIs: id, name, value, band, where it stands, owner (tab-separated)")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: { json?: boolean; databaseUrl?: string }) => {
      const { listKpis } = await import("../../app/kpis.js");
      const kpis = await withDatabase(flags.databaseUrl, (deps) => listKpis(deps, SYSTEM_ACTOR));
      if (flags.json) process.stdout.write(`${JSON.stringify(kpis, null, 2)}\n`);
      else if (kpis.length === 0) process.stdout.write("No KPIs yet (okr kpi add NAME).\n");
      else for (const k of kpis) process.stdout.write(`${kpiLine(k)}\n`);
    });
  kpi
    .command("record")
    .description(
      "Record a reading; the newest is checked in on every key result that follows the KPI",
    )
    .argument("<kpi>", "the KPI's id or exact name")
    .argument("<value>", "the value read")
    .option("--at <time>", "when the value was true (ISO 8601), default now")
    .option("--note <text>", "a note")
    .option(DB_FLAG, DB_HELP)
    .action(
      async (
        which: string,
        value: string,
        flags: { at?: string; note?: string; databaseUrl?: string },
      ) => {
        const { findKpiByIdOrName, recordKpiReading } = await import("../../app/kpis.js");
        const number = numberOf("value", value);
        const result = await withDatabase(flags.databaseUrl, async (deps) => {
          const found = await findKpiByIdOrName(deps, which);
          return recordKpiReading(deps, SYSTEM_ACTOR, found.id, {
            value: number,
            ...(flags.at ? { at: flags.at } : {}),
            ...(flags.note ? { note: flags.note } : {}),
          });
        });
        const followers = result.checkedIn.length;
        const checked = followers
          ? `; checked in on ${followers} key result${followers === 1 ? "" : "s"}`
          : "";
        process.stdout.write(`Recorded ${kpiLine(result.kpi)}${checked}\n`);
      },
    );
  kpi
    .command("show")
    .description("One KPI and its readings, oldest first")
    .argument("<kpi>", "the KPI's id or exact name")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (which: string, flags: { json?: boolean; databaseUrl?: string }) => {
      const { findKpiByIdOrName, getKpi } = await import("../../app/kpis.js");
      const detail = await withDatabase(flags.databaseUrl, async (deps) =>
        getKpi(deps, SYSTEM_ACTOR, (await findKpiByIdOrName(deps, which)).id),
      );
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
        return;
      }
      const { kpi: k, readings, keyResultIds } = detail;
      const out = [kpiLine(k)];
      if (k.description) out.push(k.description);
      if (keyResultIds.length) out.push(`Followed by key results: ${keyResultIds.join(", ")}`);
      out.push(readings.length ? "Readings:" : "No readings yet.");
      for (const r of readings) {
        out.push(`  ${r.at}\t${r.value}\t${r.source}${r.note ? `\t${r.note}` : ""}`);
      }
      process.stdout.write(`${out.join("\n")}\n`);
    });
}
