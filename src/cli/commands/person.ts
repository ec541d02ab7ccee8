/** `okr person list|add|edit`: the people who own OKRs, from the command line. */
import type { Command } from "commander";
import { SYSTEM_ACTOR } from "../../app/deps.js";
import { OkrError } from "../../core/errors.js";
import { sameName } from "../../core/name-key.js";
import type { Person, Team } from "../../core/types.js";
import { withDatabase } from "./user.js";

const DB_FLAG = "--database-url <url>";
const DB_HELP = "sqlite:PATH or postgres://… (env OKR_DATABASE_URL)";

/** A person named by id, or by name (as names compare, `nameKey`); several of that name: refused. */
export function findPersonIn(people: Person[], which: string): Person {
  const byId = people.find((p) => p.id === which);
  if (byId) return byId;
  const named = people.filter((p) => sameName(p.name, which));
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1) {
    throw new OkrError(
      "invalid_input",
      `${named.length} people are named '${which}'; name one by id: ${named.map((p) => p.id).join(", ")}`,
    );
  }
  throw new OkrError("not_found", `No person named '${which}' (okr person list shows everyone).`);
}

/** A team by name or id; an empty name means "no team". */
function teamIdOf(teams: Team[], which: string): string | null {
  if (which.trim() === "") return null;
  const team = teams.find((t) => t.id === which) ?? teams.find((t) => sameName(t.name, which));
  if (!team) throw new OkrError("not_found", `No team named '${which}'.`);
  return team.id;
}

function line(person: Person, teams: Team[]): string {
  const team = teams.find((t) => t.id === person.teamId)?.name ?? "";
  return [person.id, person.name, person.title ?? "", team, person.email ?? ""].join("\t");
}

interface Fields {
  name?: string;
  email?: string;
  title?: string;
  team?: string;
  databaseUrl?: string;
}

export function registerPersonCommand(program: Command): void {
  const person = program.command("person").description("Manage the people who own OKRs");
  person
    .command("list")
    .description("List people: id, name, role title, team, email (tab-separated)")
    .option("--json", "print JSON")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: { json?: boolean; databaseUrl?: string }) => {
      const { listPeople, listTeams } = await import("../../app/people.js");
      const [people, teams] = await withDatabase(flags.databaseUrl, async (deps) => [
        await listPeople(deps, SYSTEM_ACTOR),
        await listTeams(deps, SYSTEM_ACTOR),
      ]);
      if (flags.json) process.stdout.write(`${JSON.stringify(people, null, 2)}\n`);
      else for (const p of people) process.stdout.write(`${line(p, teams)}\n`);
    });

  person
    .command("add")
    .description("Add a person")
    .requiredOption("--name <name>", "full name")
    .option("--email <email>", "email")
    .option("--title <title>", "role title, e.g. CMO")
    .option("--team <team>", "team name or id")
    .option(DB_FLAG, DB_HELP)
    .action(async (flags: Fields) => {
      const { createPerson, listTeams } = await import("../../app/people.js");
      const added = await withDatabase(flags.databaseUrl, async (deps) => {
        const teams = await listTeams(deps, SYSTEM_ACTOR);
        const created = await createPerson(deps, SYSTEM_ACTOR, {
          name: flags.name,
          email: flags.email ?? null,
          title: flags.title ?? null,
          teamId: flags.team === undefined ? null : teamIdOf(teams, flags.team),
        });
        return line(created, teams);
      });
      process.stdout.write(`Added ${added}\n`);
    });

  person
    .command("edit")
    .description("Change a person's name, email, role title or team (empty text clears one)")
    .argument("<person>", "the person's name or id")
    .option("--name <name>", "new name")
    .option("--email <email>", "new email ('' clears it)")
    .option("--title <title>", "new role title ('' clears it)")
    .option("--team <team>", "team name or id ('' for no team)")
    .option(DB_FLAG, DB_HELP)
    .action(async (which: string, flags: Fields) => {
      const patch: Record<string, string | null> = {};
      if (flags.name !== undefined) patch.name = flags.name;
      if (flags.email !== undefined) patch.email = flags.email;
      if (flags.title !== undefined) patch.title = flags.title === "" ? null : flags.title;
      if (Object.keys(patch).length === 0 && flags.team === undefined) {
        throw new OkrError(
          "invalid_input",
          "Nothing to change: give --name, --email, --title or --team.",
        );
      }
      const { listPeople, listTeams, updatePerson } = await import("../../app/people.js");
      const edited = await withDatabase(flags.databaseUrl, async (deps) => {
        const found = findPersonIn(await listPeople(deps, SYSTEM_ACTOR), which);
        const teams = await listTeams(deps, SYSTEM_ACTOR);
        if (flags.team !== undefined) patch.teamId = teamIdOf(teams, flags.team);
        return line(await updatePerson(deps, SYSTEM_ACTOR, found.id, patch), teams);
      });
      process.stdout.write(`Changed ${edited}\n`);
    });
}
