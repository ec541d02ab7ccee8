/**
 * Teams: a tree (parentId), names unique. A team is found by name through the key written
 * beside it (`name_key`: `nameKey` of the name, decisions/0059).
 */
import { nameKey } from "../core/name-key.js";
import type { Id, IsoDateTime, Team } from "../core/types.js";
import { columnsOfPatch, type Db, type FieldColumns, notFound } from "./db.js";
import type { TeamsTable } from "./schema-accounts.js";

export type TeamPatch = Partial<Omit<Team, "id">>;

const FIELD_COLUMNS: FieldColumns<TeamPatch, TeamsTable> = {
  name: (value) => ({ name: value, name_key: nameKey(value) }),
  parentId: (value) => ({ parent_id: value }),
};

export function teamOf(row: TeamsTable): Team {
  return { id: row.id, name: row.name, parentId: row.parent_id };
}

/** Inserts a team; a name already taken throws `conflict`. */
export async function insertTeam(
  db: Db,
  team: Team,
  createdAt: IsoDateTime = new Date().toISOString(),
): Promise<Team> {
  await db
    .insertInto("teams")
    .values({
      id: team.id,
      name: team.name,
      name_key: nameKey(team.name),
      parent_id: team.parentId,
      created_at: createdAt,
    })
    .execute();
  return team;
}

export async function findTeam(db: Db, id: Id): Promise<Team | undefined> {
  const row = await db.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? teamOf(row) : undefined;
}

export async function getTeam(db: Db, id: Id): Promise<Team> {
  const team = await findTeam(db, id);
  if (!team) throw notFound("Team", id);
  return team;
}

/** The team of that name: exact spelling first, then by its key (`nameKey`). */
export async function findTeamByName(db: Db, name: string): Promise<Team | undefined> {
  const exact = await db
    .selectFrom("teams")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  if (exact) return teamOf(exact);
  const key = nameKey(name);
  if (key === "") return undefined;
  const keyed = await db
    .selectFrom("teams")
    .selectAll()
    .where("name_key", "=", key)
    .orderBy("id")
    .executeTakeFirst();
  return keyed ? teamOf(keyed) : undefined;
}

/** Every team, by name. */
export async function listTeams(db: Db): Promise<Team[]> {
  const rows = await db.selectFrom("teams").selectAll().orderBy("name").orderBy("id").execute();
  return rows.map(teamOf);
}

export async function updateTeam(db: Db, id: Id, patch: TeamPatch): Promise<Team> {
  const set = columnsOfPatch(patch, FIELD_COLUMNS);
  if (Object.keys(set).length > 0) {
    const result = await db.updateTable("teams").set(set).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("Team", id);
  }
  return getTeam(db, id);
}

/** Deletes a team; its sub-teams move up to its parent and its people lose their team. */
export async function deleteTeam(db: Db, id: Id): Promise<void> {
  const team = await getTeam(db, id);
  await db
    .updateTable("teams")
    .set({ parent_id: team.parentId })
    .where("parent_id", "=", id)
    .execute();
  await db.deleteFrom("teams").where("id", "=", id).execute();
}
