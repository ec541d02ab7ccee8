/**
 * People: who owns OKRs, with their role title and team. A person is found by name or role
 * title through the keys written beside them (`name_key`, `title_key`: `nameKey` of each,
 * decisions/0059), so every letter's case, composed or decomposed accents and runs of spaces
 * compare alike on both databases.
 */
import { nameKey } from "../core/name-key.js";
import type { Id, IsoDateTime, Person } from "../core/types.js";
import { columnsOfPatch, type Db, type FieldColumns, notFound } from "./db.js";
import type { PeopleTable } from "./schema-accounts.js";

export type PersonPatch = Partial<Omit<Person, "id">>;

/** The key a role title is found by; none without a title. */
export function titleKeyOf(title: string | null): string | null {
  return title === null ? null : nameKey(title);
}

const FIELD_COLUMNS: FieldColumns<PersonPatch, PeopleTable> = {
  name: (value) => ({ name: value, name_key: nameKey(value) }),
  email: (value) => ({ email: value }),
  title: (value) => ({ title: value, title_key: titleKeyOf(value) }),
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
      name_key: nameKey(person.name),
      email: person.email,
      title: person.title,
      title_key: titleKeyOf(person.title),
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

/** The person of that name: exact spelling first, then by its key (`nameKey`). */
export async function findPersonByName(db: Db, name: string): Promise<Person | undefined> {
  const exact = await db
    .selectFrom("people")
    .selectAll()
    .where("name", "=", name)
    .orderBy("id")
    .executeTakeFirst();
  if (exact) return personOf(exact);
  const key = nameKey(name);
  if (key === "") return undefined;
  const keyed = await db
    .selectFrom("people")
    .selectAll()
    .where("name_key", "=", key)
    .orderBy("id")
    .executeTakeFirst();
  return keyed ? personOf(keyed) : undefined;
}

/** The person with that role title ("CMO"), by its key (`nameKey`). */
export async function findPersonByTitle(db: Db, title: string): Promise<Person | undefined> {
  const key = nameKey(title);
  if (key === "") return undefined;
  const row = await db
    .selectFrom("people")
    .selectAll()
    .where("title_key", "=", key)
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
