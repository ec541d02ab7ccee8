/** User accounts: email (unique, compared in lower case), role, insider flag, password hash. */
import type { Id, IsoDateTime, Role, User } from "../core/types.js";
import { boolOf, columnsOfPatch, type Db, type FieldColumns, intOf, notFound } from "./db.js";
import type { UsersTable } from "./schema-accounts.js";

export interface NewUser extends User {
  passwordHash: string | null;
}

export type UserPatch = Partial<Omit<NewUser, "id" | "createdAt">> & { updatedAt?: IsoDateTime };

/** The fields a new account needs; it starts enabled unless `disabledAt` says otherwise. */
export type NewUserInput = Omit<NewUser, "disabledAt"> & { disabledAt?: IsoDateTime | null };

const FIELD_COLUMNS: FieldColumns<UserPatch, UsersTable> = {
  email: (value) => ({ email: value.toLowerCase() }),
  name: (value) => ({ name: value }),
  role: (value) => ({ role: value }),
  insider: (value) => ({ insider: intOf(value) }),
  personId: (value) => ({ person_id: value }),
  passwordHash: (value) => ({ password_hash: value }),
  disabledAt: (value) => ({ disabled_at: value }),
  updatedAt: (value) => ({ updated_at: value }),
};

export function userOf(row: UsersTable): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    insider: boolOf(row.insider),
    personId: row.person_id,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

/** The user's columns for a query that joins `users`, prefixed `u_`; read back by `userOfJoined`. */
export const JOINED_USER_COLUMNS = [
  "users.id as u_id",
  "users.email as u_email",
  "users.name as u_name",
  "users.role as u_role",
  "users.insider as u_insider",
  "users.person_id as u_person_id",
  "users.created_at as u_created_at",
  "users.disabled_at as u_disabled_at",
] as const;

/** The user out of a row that selected `JOINED_USER_COLUMNS`. */
export function userOfJoined(row: {
  u_id: string;
  u_email: string;
  u_name: string;
  u_role: string;
  u_insider: UsersTable["insider"];
  u_person_id: string | null;
  u_created_at: string;
  u_disabled_at: string | null;
}): User {
  return {
    id: row.u_id,
    email: row.u_email,
    name: row.u_name,
    role: row.u_role as Role,
    insider: boolOf(row.u_insider),
    personId: row.u_person_id,
    createdAt: row.u_created_at,
    disabledAt: row.u_disabled_at,
  };
}

/** Inserts an account; an email already taken (in any case) throws `conflict`. */
export async function insertUser(db: Db, user: NewUserInput): Promise<User> {
  const row: UsersTable = {
    id: user.id,
    email: user.email.toLowerCase(),
    name: user.name,
    role: user.role,
    insider: intOf(user.insider),
    person_id: user.personId,
    password_hash: user.passwordHash,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    disabled_at: user.disabledAt ?? null,
  };
  await db.insertInto("users").values(row).execute();
  return userOf(row);
}

export async function findUser(db: Db, id: Id): Promise<User | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? userOf(row) : undefined;
}

export async function getUser(db: Db, id: Id): Promise<User> {
  const user = await findUser(db, id);
  if (!user) throw notFound("User", id);
  return user;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return row ? userOf(row) : undefined;
}

/** The account and its password hash, for signing in. */
export async function findUserCredentials(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return row ? { user: userOf(row), passwordHash: row.password_hash } : undefined;
}

/** Every account, by name. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("name").orderBy("id").execute();
  return rows.map(userOf);
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function updateUser(db: Db, id: Id, patch: UserPatch): Promise<User> {
  const set = columnsOfPatch(patch, FIELD_COLUMNS);
  if (Object.keys(set).length > 0) {
    const result = await db.updateTable("users").set(set).where("id", "=", id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("User", id);
  }
  return getUser(db, id);
}

/** Deletes an account; its sessions and tokens go with it (check-ins and audit keep the name). */
export async function deleteUser(db: Db, id: Id): Promise<void> {
  const result = await db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound("User", id);
}

/** Admins who may sign in (not disabled): the last of them may not be disabled or deleted. */
export async function countEnabledAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
