/** Accounts for benches and load tests: a user with an API token, written straight into the database. */
import { randomBytes } from "node:crypto";
import { createApiToken, createUser } from "../../src/app/accounts.js";
import { type AppDeps, SYSTEM_ACTOR } from "../../src/app/deps.js";
import { createIdGenerator } from "../../src/core/ids.js";
import type { Role } from "../../src/core/types.js";
import { type OpenedDatabase, openDatabase } from "../../src/store/database.js";

/** App dependencies over an opened database, with the real clock and ids. */
export function depsOf(opened: OpenedDatabase): AppDeps {
  return {
    db: opened.db,
    dialect: opened.dialect,
    now: () => new Date(),
    newId: createIdGenerator(Date.now, (n) => randomBytes(n)),
  };
}

/** Creates a user of `role` (no password: tokens only) and returns an API token for it. */
export async function createTokenIn(
  deps: AppDeps,
  email: string,
  role: Role = "admin",
): Promise<string> {
  const user = await createUser(deps, SYSTEM_ACTOR, {
    email,
    name: email.split("@")[0] ?? email,
    role,
    insider: true,
    password: `${email} password`,
  });
  const { secret } = await createApiToken(deps, SYSTEM_ACTOR, { name: "bench" }, user.id);
  return secret;
}

/** Opens (and migrates) the database at `url`, creates an admin with a token, closes it again. */
export async function createAdminToken(url: string, email = "bench@example.com"): Promise<string> {
  const opened = await openDatabase(url, { migrate: true, poolSize: 2 });
  try {
    return await createTokenIn(depsOf(opened), email);
  } finally {
    await opened.close();
  }
}
