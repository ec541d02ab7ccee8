/**
 * `okr bench data`: fills a database with a synthetic organisation of any size, for trying
 * the product at scale and for benchmarks. Deterministic: the same sizes and seed give the same
 * rows on every machine.
 */
import type { Command } from "commander";
import { OkrError } from "../../core/errors.js";
import { openDatabase, redactUrl, resolveDatabaseUrl } from "../../store/database.js";
import { DEFAULT_SYNTHETIC_ORG } from "../../synthetic/organisation.js";
import type { SyntheticDataProgress } from "../../synthetic/write-organisation.js";

function wholeNumber(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 0) {
      throw new OkrError("invalid_input", `${flag} must be a whole number ≥ 0, got '${value}'`);
    }
    return n;
  };
}

/** One progress line, rewritten in place on a terminal, one line per step otherwise. */
function createProgressLine(stream: NodeJS.WriteStream): {
  update(progress: SyntheticDataProgress): void;
  end(): void;
} {
  let lastStep = "";
  let lastAt = 0;
  return {
    update({ step, done, total }) {
      const now = Date.now();
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      const text = `${step}: ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} (${percent}%)`;
      if (stream.isTTY) {
        if (now - lastAt < 100 && done < total) return;
        stream.write(`\r\x1b[2K${text}`);
      } else if (step !== lastStep || done >= total || now - lastAt > 2000) {
        stream.write(`${text}\n`);
      } else return;
      lastStep = step;
      lastAt = now;
    },
    end() {
      if (stream.isTTY) stream.write("\r\x1b[2K");
    },
  };
}

export function registerBenchCommand(program: Command): void {
  const bench = program.command("bench").description("Tools for trying okr at scale");
  const d = DEFAULT_SYNTHETIC_ORG;
  bench
    .command("data")
    .description("Fill an empty database with a synthetic organisation (deterministic)")
    .option("--people <n>", "people", wholeNumber("--people"), d.people)
    .option("--teams <n>", "teams (a tree up to six levels deep)", wholeNumber("--teams"), d.teams)
    .option("--quarters <n>", "quarters, from 2024-Q1", wholeNumber("--quarters"), d.quarters)
    .option(
      "--objectives <n>",
      "objectives over all quarters",
      wholeNumber("--objectives"),
      d.objectives,
    )
    .option(
      "--key-results <n>",
      "key results over all quarters",
      wholeNumber("--key-results"),
      d.keyResults,
    )
    .option(
      "--check-ins <n>",
      "check-ins over all key results",
      wholeNumber("--check-ins"),
      d.checkIns,
    )
    .option("--seed <n>", "seed of the random numbers", wholeNumber("--seed"), 1)
    .option(
      "--database-url <url>",
      "database URL (default: OKR_DATABASE_URL or sqlite:./data/okr.db)",
    )
    .action(async (flags: Record<string, unknown>) => {
      const url = resolveDatabaseUrl(flags.databaseUrl as string | undefined, process.env);
      const { writeSyntheticOrg } = await import("../../synthetic/write-organisation.js");
      const opened = await openDatabase(url, { migrate: true });
      const progress = createProgressLine(process.stderr);
      try {
        process.stderr.write(`Writing a synthetic organisation into ${redactUrl(url)}\n`);
        const result = await writeSyntheticOrg(
          opened.db,
          {
            people: flags.people as number,
            teams: flags.teams as number,
            quarters: flags.quarters as number,
            objectives: flags.objectives as number,
            keyResults: flags.keyResults as number,
            checkIns: flags.checkIns as number,
            seed: flags.seed as number,
          },
          (p) => progress.update(p),
        );
        progress.end();
        const c = result.counts;
        const rows =
          c.teams + c.people + c.periods + c.objectives + c.keyResults + c.links + c.checkIns;
        process.stdout.write(
          `${c.teams} teams, ${c.people} people, ${c.periods} quarters (${result.periods.map((p) => p.label).join(", ")}), ` +
            `${c.objectives} objectives, ${c.keyResults} key results, ${c.checkIns} check-ins ` +
            `in ${result.seconds.toFixed(1)} s (${Math.round(rows / Math.max(result.seconds, 0.001)).toLocaleString("en-US")} rows/s)\n`,
        );
      } finally {
        progress.end();
        await opened.close();
      }
    });
}
