import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { T0, T2 } from "../../test/support/store-fixtures.js";
import type { OpenedDatabase } from "./database.js";
import { findNames } from "./names.repository.js";
import { insertPerson } from "./people.repository.js";
import { deleteSessionsOfUser, findSession, insertSession } from "./sessions.repository.js";
import { insertTeam } from "./teams.repository.js";
import { insertUser } from "./users.repository.js";

describe.each(DIALECTS)("names of ids, and sessions but one, on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
    await insertTeam(store.db, { id: "NT1", name: "Gitaly", parentId: null });
    await insertPerson(
      store.db,
      { id: "NP1", name: "Pat Doe", email: null, title: "CMO", teamId: "NT1" },
      T0,
    );
    await insertUser(store.db, {
      id: "NU1",
      email: "pat@example.com",
      name: "Pat the user",
      role: "viewer",
      insider: false,
      personId: null,
      passwordHash: "$argon2id$x",
      createdAt: T0,
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it("names people, teams and users by id, and leaves unknown ids out", async () => {
    const names = await findNames(store.db, ["NP1", "NT1", "NU1", "nobody", "NP1"]);
    expect(Object.fromEntries(names)).toEqual({
      NP1: { kind: "person", name: "Pat Doe" },
      NT1: { kind: "team", name: "Gitaly" },
      NU1: { kind: "user", name: "Pat the user" },
    });
    expect((await findNames(store.db, [])).size).toBe(0);
  });

  it("ends every session of a user but the one kept", async () => {
    for (const id of ["NS1", "NS2", "NS3"]) {
      await insertSession(store.db, {
        id,
        userId: "NU1",
        csrfToken: `c-${id}`,
        expiresAt: T2,
        createdAt: T0,
      });
    }
    expect(await deleteSessionsOfUser(store.db, "NU1", "NS2")).toBe(2);
    expect(await findSession(store.db, "NS1", T0)).toBeUndefined();
    expect(await findSession(store.db, "NS2", T0)).toMatchObject({
      session: { id: "NS2", userId: "NU1" },
    });
    expect(await deleteSessionsOfUser(store.db, "NU1")).toBe(1);
  });
});
