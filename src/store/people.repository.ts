/** People: who owns OKRs, with their role title and team. */
import { sql } from "kysely";
import type { Id, IsoDateTime, Person } from "../core/types.js";
import { columnsOfPatch, type Db, type FieldColumns, notFound } from "./db.js";
import type { PeopleTable } from "./schema-accounts.js";

export type PersonPatch = Partial<Omit<Person, "id">>;

const FIELD_COLUMNS: FieldColumns<PersonPatch, PeopleTable> = {
  name: (value) => ({ name: value }),
  email: (value) => ({ email: value }),
  title: (value) => ({ title: value }),
  teamId: (value) => ({ team_id: value }),
};

export function personOf(row: PeopleTable): Person {
  return { id: row.id, name: row.name, email: row.email, title: row.title, teamId: row.team_id };
}

export async function insertPerson(
  db: Db,
  person: Person,
  createdAt: IsoDateTime = new Date().toISOString(),
): Promise<Person> {
  await db
    .insertInto("people")
    .values({
      id: person.id,
      name: person.name,
      email: person.email,
      title: person.title,
      team_id: person.teamId,
      created_at: createdAt,
    })
    .execute();
  return person;
}

export async function findPerson(db: Db, id: Id): Promise<Person | undefined> {
  const row = await db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? personOf(row) : undefined;
}

export async function getPerson(db: Db, id: Id): Promise<Person> {
  const person = await findPerson(db, id);
  if (!person) throw notFound("Person", id);
  return person;
}

/** The person of that name: exact spelling first, then ignoring case. */
export async function findPersonByName(db: Db, name: string): Promise<Person | undefined> {
  const exact = await db
    .selectFrom("people")
    .selectAll()
    .where("name", "=", name)
    .orderBy("id")
    .executeTakeFirst();
  if (exact) return personOf(exact);
  const loose = await db
    .selectFrom("people")
    .selectAll()
    .where(sql`lower(name)`, "=", name.toLowerCase())
    .orderBy("id")
    .executeTakeFirst();
  return loose ? personOf(loose) : undefined;
}

/** The person with that role title ("CMO"), ignoring case. */
export async function findPersonByTitle(db: Db, title: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom("people")
    .selectAll()
    .where(sql`lower(title)`, "=", title.toLowerCase())
    .orderBy("id")
    .executeTakeFirst();
  return row ? personOf(row) : undefined;
}

/** Everyone, by name. */
export async function listPeople(db: Db, filter: { teamId?: Id } = {}): Promise<Person[]> {
  let query = db.selectFrom("people").selectAll();
  if (filter.teamId) query = query.where("team_id", "=", filter.teamId);
  const rows = await query.orderBy("name").orderBy("id").execute();
  return rows.map(personOf);
}

export async function updatePerson(db: Db, id: Id, patch: PersonPatch): Promise<Person> {
  const set = columnsOfPatch(patch, FIELD_COLUMNS);
  if (Object.keys(set).length > 0) {
    const result = await db.updateTable("people").set(set).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("Person", id);
  }
  return getPerson(db, id);
}

/** Deletes a person; accounts linked to them are unlinked, owned OKRs keep the name. */
export async function deletePerson(db: Db, id: Id): Promise<void> {
  const result = await db.deleteFrom("people").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("Person", id);
}
