/**
 * `okr source set|show|refresh|remove`: a key result's source of progress, or with `--kpi` a
 * KPI's (named by id or exact name): the one source model either way.
 */
import type { Command } from "commander";
import type { AppDeps } from "../../app/deps.js";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { isOkrError, OkrError } from "../../core/errors.js";
import type { SourceOwner } from "../../store/sources.repository.js";
import { withDatabase } from "./user.js";

const KPI_FLAG = "--kpi";
const KPI_HELP = "the source of a KPI (give its id or exact name) instead of a key result's";

/** What the command's argument names: a key result by id, or with --kpi a KPI by id or name. */
async function ownerOf(deps: AppDeps, target: string, kpi?: boolean): Promise<SourceOwner> {
  if (!kpi) return { kind: "key_result", id: target };
  const { findKpiByIdOrName } = await import("../../app/kpis.js");
  return { kind: "kpi", id: (await findKpiByIdOrName(deps, target)).id };
}

interface SetFlags {
  connection: string;
  kind: string;
  project?: string;
  group?: string;
  labels?: string;
  milestone?: string;
  epic?: string;
  measure?: string;
  mergeRequest?: string;
  query?: string;
  repo?: string;
  owner?: string;
  ownerType?: string;
  projectNumber?: string;
  field?: string;
  item?: string;
  url?: string;
  path?: string;
  preview?: boolean;
  kpi?: boolean;
  databaseUrl?: string;
}

function whole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n))
    throw new OkrError("invalid_input", `${flag} must be a whole number, got '${value}'`);
  return n;
}

/** The source's settings from the flags given; the use case checks them like the API's. */
function configOf(flags: SetFlags): Record<string, unknown> {
  // A GitLab milestone source names the milestone by id; an issue list filters by its title.
  const milestoneId = flags.kind === "gitlab_milestone" || flags.kind === "github_milestone";
  const entries: [string, unknown][] = [
    ["kind", flags.kind],
    [
      "project",
      flags.kind === "github_project_field"
        ? whole(flags.projectNumber, "--project-number")
        : flags.project,
    ],
    ["group", flags.group],
    ["labels", flags.labels],
    ["milestone", milestoneId ? whole(flags.milestone, "--milestone") : flags.milestone],
    ["epic", whole(flags.epic, "--epic")],
    ["measure", flags.measure],
    ["mergeRequest", whole(flags.mergeRequest, "--merge-request")],
    ["query", flags.query],
    ["repo", flags.repo],
    ["owner", flags.owner],
    ["ownerType", flags.ownerType],
    ["field", flags.field],
    ["item", flags.item],
    ["url", flags.url],
    ["path", flags.path],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

export function registerSourceCommand(program: Command): void {
  const source = program
    .command("source")
    .description("A key result's source of progress, or a KPI's (--kpi)");
  source
    .command("set <id>")
    .description(
      "Set the key result's (or --kpi KPI's) source, or --preview it: read it without saving",
    )
    .requiredOption("--connection <name>", "the connection it reads through (id or name)")
    .requiredOption(
      "--kind <kind>",
      "gitlab_issues, gitlab_epic, gitlab_milestone, gitlab_merge_request, github_search, github_milestone, github_project_field, prometheus, http_json",
    )
    .option("--project <path>", "GitLab project (acme/app or its id)")
    .option("--group <path>", "GitLab group")
    .option("--labels <list>", "GitLab issues: comma-separated labels")
    .option("--milestone <m>", "issues: milestone title; milestone sources: its id/number")
    .option("--epic <iid>", "GitLab epic iid")
    .option("--measure <m>", "GitLab issues: count (default) or weight")
    .option("--merge-request <iid>", "GitLab merge request iid")
    .option("--query <q>", "GitHub search or Prometheus query")
    .option("--repo <owner/repo>", "GitHub repository")
    .option("--owner <login>", "GitHub project owner")
    .option("--owner-type <t>", "organization (default) or user")
    .option("--project-number <n>", "GitHub project (v2) number")
    .option("--field <name>", "GitHub project number field")
    .option("--item <title>", "GitHub project: one item's title")
    .option("--url <url>", "HTTP JSON: the URL (under the connection's base URL)")
    .option("--path <jsonpath>", "HTTP JSON: JSONPath to the number, e.g. $.data.value")
    .option("--preview", "read it and print the reading, saving nothing")
    .option(KPI_FLAG, KPI_HELP)
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (target: string, flags: SetFlags) => {
      const { previewSourceOf, setSourceOf } = await import("../../app/owner-sources.js");
      const input = { connection: flags.connection, config: configOf(flags) };
      if (flags.preview) {
        const preview = await withDatabase(flags.databaseUrl, async (deps) =>
          previewSourceOf(deps, SYSTEM_ACTOR, await ownerOf(deps, target, flags.kpi), input),
        );
        process.stdout.write(`${preview.description}\n`);
        return;
      }
      const saved = await withDatabase(flags.databaseUrl, async (deps) =>
        setSourceOf(deps, SYSTEM_ACTOR, await ownerOf(deps, target, flags.kpi), input),
      );
      process.stdout.write(
        `Set ${saved.kind} source via ${saved.connectionName} on ${target}; its first refresh is queued\n`,
      );
    });
  source
    .command("show <id>")
    .description("Show the key result's (or --kpi KPI's) source, its last reading and last error")
    .option("--json", "print JSON")
    .option(KPI_FLAG, KPI_HELP)
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(
      async (target: string, flags: { json?: boolean; kpi?: boolean; databaseUrl?: string }) => {
        const { getSourceOf } = await import("../../app/owner-sources.js");
        const shown = await withDatabase(flags.databaseUrl, async (deps) =>
          getSourceOf(deps, SYSTEM_ACTOR, await ownerOf(deps, target, flags.kpi)),
        );
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
          return;
        }
        if (!shown) {
          process.stdout.write("No source.\n");
          return;
        }
        const lines = [
          `${shown.kind} via ${shown.connectionName}: ${JSON.stringify(shown.config)}`,
          `last reading: ${shown.description ?? "none yet"}${shown.lastSuccessAt ? ` (${shown.lastSuccessAt})` : ""}`,
          ...(shown.lastError ? [`last error (${shown.lastErrorAt}): ${shown.lastError}`] : []),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      },
    );
  source
    .command("refresh <id>")
    .description(
      "Read the key result's (or --kpi KPI's) source now and record what changed; prints the reading",
    )
    .option(KPI_FLAG, KPI_HELP)
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (target: string, flags: { kpi?: boolean; databaseUrl?: string }) => {
      const { getSourceOf } = await import("../../app/owner-sources.js");
      const { refreshSourceOf } = await import("../../app/source-model.js");
      const shown = await withDatabase(flags.databaseUrl, async (deps) => {
        const owner = await ownerOf(deps, target, flags.kpi);
        await getSourceOf(deps, SYSTEM_ACTOR, owner);
        try {
          await refreshSourceOf(deps, owner);
        } catch (error) {
          // A source's failure is recorded on it and shown below; anything else is not.
          const recorded =
            isOkrError(error) || (error instanceof Error && error.name === "SourceError");
          if (!recorded) throw error;
        }
        return getSourceOf(deps, SYSTEM_ACTOR, owner);
      });
      if (!shown)
        throw new OkrError(
          "not_found",
          `${flags.kpi ? "KPI" : "Key result"} ${target} has no source`,
        );
      if (shown.lastError) throw new OkrError("upstream_failed", shown.lastError);
      process.stdout.write(`${shown.description ?? "no reading"}\n`);
    });
  source
    .command("remove <id>")
    .description("Remove the key result's (or --kpi KPI's) source (its check-ins or readings stay)")
    .option(KPI_FLAG, KPI_HELP)
    .option("--database-url <url>", "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)")
    .action(async (target: string, flags: { kpi?: boolean; databaseUrl?: string }) => {
      const { removeSourceOf } = await import("../../app/owner-sources.js");
      await withDatabase(flags.databaseUrl, async (deps) =>
        removeSourceOf(deps, SYSTEM_ACTOR, await ownerOf(deps, target, flags.kpi)),
      );
      process.stdout.write(`Removed the source of ${target}\n`);
    });
}
