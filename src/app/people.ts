/** People and teams: who owns OKRs. Everyone reads; editors write. Teams form a tree (no cycles). */
import { OkrError } from "../core/errors.js";
import { sameName } from "../core/name-key.js";
import type { Id, Person, Team } from "../core/types.js";
import { assertNoCycle } from "../core/validate.js";
import { withTransaction } from "../store/db.js";
import * as peopleStore from "../store/people.repository.js";
import * as teamsStore from "../store/teams.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertEditor } from "./permissions.js";
import {
  CreatePersonInputSchema,
  CreateTeamInputSchema,
  IdSchema,
  UpdatePersonInputSchema,
  UpdateTeamInputSchema,
} from "./schemas.js";

export async function listPeople(deps: AppDeps, _actor: Actor): Promise<Person[]> {
  return peopleStore.listPeople(deps.db);
}

export async function getPerson(deps: AppDeps, _actor: Actor, id: Id): Promise<Person> {
  return peopleStore.getPerson(deps.db, parseInput(IdSchema, id));
}

/** Adds a person; a `teamId` must name an existing team. */
export async function createPerson(deps: AppDeps, actor: Actor, input: unknown): Promise<Person> {
  const data = parseInput(CreatePersonInputSchema, input);
  assertEditor(actor, "add people");
  return withTransaction(deps.db, async (trx) => {
    if (data.teamId) await teamsStore.getTeam(trx, data.teamId);
    const person: Person = {
      id: deps.newId(),
      name: data.name,
      email: data.email || null,
      title: data.title || null,
      teamId: data.teamId ?? null,
    };
    await peopleStore.insertPerson(trx, person, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "person",
      entityId: person.id,
      before: null,
      after: person,
    });
    return person;
  });
}

export async function updatePerson(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<Person> {
  const personId = parseInput(IdSchema, id);
  const data = parseInput(UpdatePersonInputSchema, input);
  assertEditor(actor, "change people");
  return withTransaction(deps.db, async (trx) => {
    const before = await peopleStore.getPerson(trx, personId);
    if (data.teamId) await teamsStore.getTeam(trx, data.teamId);
    const after = await peopleStore.updatePerson(trx, personId, data);
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "person",
      entityId: personId,
      before,
      after,
    });
    return after;
  });
}

/** Removes a person; the OKRs they owned keep the name. */
export async function deletePerson(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  const personId = parseInput(IdSchema, id);
  assertEditor(actor, "remove people");
  await withTransaction(deps.db, async (trx) => {
    const before = await peopleStore.getPerson(trx, personId);
    await peopleStore.deletePerson(trx, personId);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "person",
      entityId: personId,
      before,
      after: null,
    });
  });
}

export async function listTeams(deps: AppDeps, _actor: Actor): Promise<Team[]> {
  return teamsStore.listTeams(deps.db);
}

export async function getTeam(deps: AppDeps, _actor: Actor, id: Id): Promise<Team> {
  return teamsStore.getTeam(deps.db, parseInput(IdSchema, id));
}

async function assertNameFree(db: AppDeps["db"], name: string, except?: Id): Promise<void> {
  const existing = await teamsStore.findTeamByName(db, name);
  if (existing && existing.id !== except && sameName(existing.name, name)) {
    throw new OkrError("conflict", `A team named "${existing.name}" already exists.`, {
      teamId: existing.id,
    });
  }
}

/** Adds a team, under `parentId` when given. Names are unique as names compare (`nameKey`). */
export async function createTeam(deps: AppDeps, actor: Actor, input: unknown): Promise<Team> {
  const data = parseInput(CreateTeamInputSchema, input);
  assertEditor(actor, "add teams");
  return withTransaction(deps.db, async (trx) => {
    await assertNameFree(trx, data.name);
    if (data.parentId) await teamsStore.getTeam(trx, data.parentId);
    const team: Team = { id: deps.newId(), name: data.name, parentId: data.parentId ?? null };
    await teamsStore.insertTeam(trx, team, nowIso(deps));
    await recordAudit(trx, deps, actor, {
      action: "create",
      entity: "team",
      entityId: team.id,
      before: null,
      after: team,
    });
    return team;
  });
}

/** Renames or moves a team; a parent below the team itself is refused with `tree_cycle`. */
export async function updateTeam(
  deps: AppDeps,
  actor: Actor,
  id: Id,
  input: unknown,
): Promise<Team> {
  const teamId = parseInput(IdSchema, id);
  const data = parseInput(UpdateTeamInputSchema, input);
  assertEditor(actor, "change teams");
  return withTransaction(deps.db, async (trx) => {
    const before = await teamsStore.getTeam(trx, teamId);
    if (data.name !== undefined) await assertNameFree(trx, data.name, teamId);
    if (data.parentId) {
      await teamsStore.getTeam(trx, data.parentId);
      const parents = new Map((await teamsStore.listTeams(trx)).map((t) => [t.id, t.parentId]));
      assertNoCycle(teamId, data.parentId, (tid) => parents.get(tid));
    }
    const after = await teamsStore.updateTeam(trx, teamId, data);
    await recordAudit(trx, deps, actor, {
      action: "update",
      entity: "team",
      entityId: teamId,
      before,
      after,
    });
    return after;
  });
}

/** Removes a team: its sub-teams move up to its parent, its people lose their team. */
export async function deleteTeam(deps: AppDeps, actor: Actor, id: Id): Promise<void> {
  const teamId = parseInput(IdSchema, id);
  assertEditor(actor, "remove teams");
  await withTransaction(deps.db, async (trx) => {
    const before = await teamsStore.getTeam(trx, teamId);
    await teamsStore.deleteTeam(trx, teamId);
    await recordAudit(trx, deps, actor, {
      action: "delete",
      entity: "team",
      entityId: teamId,
      before,
      after: null,
    });
  });
}
