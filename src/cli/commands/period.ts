/**
 * The end of a quarter from the command line: `okr period list|close|reopen` (what
 * `POST /api/periods/{id}/close` and `/reopen` do) and `okr carry-over ID` (an objective with
 * its unfinished key results, or one key result, into the next period, as
 * `POST /api/objectives/{id}/carry-over` does). They act as `--as EMAIL` or, without it, as an
 * admin. Carry over before closing: a closed period refuses changes until it is reopened.
 */
import type { Command } from "commander";
import { isOkrError, OkrError } from "../../core/errors.js";
import type { Period } from "../../core/types.js";
import { plainText } from "../../markdown/inline-text.js";
import { actorFor, print } from "./conversation.js";
import { withDatabase } from "./user.js";

const DB_FLAG = "--database-url <url>";
const DB_HELP = "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)";
const AS_FLAG = "--as <email>";

interface Flags {
  as?: string;
  json?: boolean;
  databaseUrl?: string;
}

/** One period as a tab-separated line: label, start, end, open or closed (with when). */
function periodLine(p: Period): string {
  const state = p.closedAt ? `closed ${p.closedAt.slice(0, 10)}` : "open";
  return `${p.label}\t${p.start}\t${p.end}\t${state}`;
}

async function periodOfLabel(deps: Parameters<typeof actorFor>[0], label: string) {
  const { findPeriodByLabel } = await import("../../app/periods.js");
  const { SYSTEM_ACTOR } = await import("../../app/deps.js");
  const period = await findPeriodByLabel(deps, SYSTEM_ACTOR, label);
  if (!period) throw new OkrError("not_found", `No period labelled '${label}' (okr period list)`);
  return period;
}

export function registerPeriodCommand(program: Command): void {
  const period = program
    .command("period")
    .description("Periods: list them, close one with grading (an editor), reopen one (an admin)");
  period
    .command("list")
    .description("List periods: label, start, end, open or closed (tab-separated)")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: Flags) => {
      const { listPeriods } = await import("../../app/periods.js");
      const { SYSTEM_ACTOR } = await import("../../app/deps.js");
      const periods = await withDatabase(flags.databaseUrl, (deps) =>
        listPeriods(deps, SYSTEM_ACTOR),
      );
      print({ periods }, flags.json, () =>
        periods.length === 0
          ? "No periods yet: okr import a page (--period LABEL names a new one).\n"
          : `${periods.map(periodLine).join("\n")}\n`,
      );
    });
  period
    .command("close")
    .description(
      "Close a period with grading: each unfinished key result becomes done (target reached) or missed; changes stop until it is reopened",
    )
    .argument("<label>", "the period, e.g. 2027-Q1")
    .option(AS_FLAG, "an editor's account (default: as an admin)")
    .option("--json", "print the period and what was graded as JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (label: string, flags: Flags) => {
      const { closePeriod } = await import("../../app/periods.js");
      const result = await withDatabase(flags.databaseUrl, async (deps) => {
        const actor = await actorFor(deps, flags.as, null);
        return closePeriod(deps, actor, (await periodOfLabel(deps, label)).id);
      });
      const done = result.graded.filter((g) => g.status === "done").length;
      print(
        result,
        flags.json,
        () =>
          `Closed ${result.period.label}: graded ${result.graded.length} key result${result.graded.length === 1 ? "" : "s"}, ${done} done, ${result.graded.length - done} missed\n`,
      );
    });
  period
    .command("reopen")
    .description(
      "Reopen a closed period (an admin): key results its close graded get back their status",
    )
    .argument("<label>", "the period, e.g. 2027-Q1")
    .option(AS_FLAG, "an admin's account (default: as an admin)")
    .option(DB_FLAG, DB_HELP)
    .action(async (label: string, flags: Flags) => {
      const { reopenPeriod } = await import("../../app/periods.js");
      const reopened = await withDatabase(flags.databaseUrl, async (deps) => {
        const actor = await actorFor(deps, flags.as, null);
        const before = await periodOfLabel(deps, label);
        if (before.closedAt === null) return null;
        return reopenPeriod(deps, actor, before.id);
      });
      process.stdout.write(
        reopened ? `Reopened ${reopened.label}\n` : `${label} is open already; nothing changed\n`,
      );
    });

  program
    .command("carry-over")
    .description(
      "Carry an objective (with its unfinished key results) or one key result into the next period, before closing; `okr tree` shows ids",
    )
    .argument("<id>", "the objective's or key result's id")
    .option(AS_FLAG, "the account carrying it over (default: as an admin)")
    .option("--json", "print the new item as JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (id: string, flags: Flags) => {
      const objectives = await import("../../app/objectives.js");
      const keyResults = await import("../../app/key-results.js");
      const carry = await import("../../app/carry-over.js");
      const { getPeriod } = await import("../../app/periods.js");
      const { SYSTEM_ACTOR } = await import("../../app/deps.js");
      const carried = await withDatabase(flags.databaseUrl, async (deps) => {
        const actor = await actorFor(deps, flags.as, null);
        const objective = await objectives.getObjective(deps, actor, id).catch(notFoundAsNone);
        const item = objective
          ? {
              kind: "objective",
              value: await carry.carryOverObjective(deps, actor, id, {
                version: objective.version,
              }),
            }
          : await keyResults
              .getKeyResult(deps, actor, id)
              .catch(notFoundAsNone)
              .then(async (kr) => {
                if (!kr) {
                  throw new OkrError(
                    "not_found",
                    `No objective or key result with id ${id} (okr tree shows ids)`,
                  );
                }
                return {
                  kind: "key result",
                  value: await carry.carryOverKeyResult(deps, actor, id, { version: kr.version }),
                };
              });
        return { ...item, period: await getPeriod(deps, SYSTEM_ACTOR, item.value.periodId) };
      });
      print(
        carried.value,
        flags.json,
        () =>
          `Carried ${carried.kind} "${plainText(carried.value.title)}" into ${carried.period.label}: ${carried.value.id}\n`,
      );
    });
}

function notFoundAsNone(error: unknown): undefined {
  if (isOkrError(error) && error.code === "not_found") return undefined;
  throw error;
}
