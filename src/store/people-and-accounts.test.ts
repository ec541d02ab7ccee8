import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { T0, T1, T2 } from "../../test/support/store-fixtures.js";
import type { User } from "../core/types.js";
import {
  findApiToken,
  findUsableApiTokenByHash,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from "./api-tokens.repository.js";
import type { OpenedDatabase } from "./database.js";
import {
  deletePerson,
  findPersonByName,
  findPersonByTitle,
  getPerson,
  insertPerson,
  listPeople,
  updatePerson,
} from "./people.repository.js";
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  extendSession,
  findSession,
  insertSession,
} from "./sessions.repository.js";
import {
  deleteTeam,
  findTeamByName,
  getTeam,
  insertTeam,
  listTeams,
  updateTeam,
} from "./teams.repository.js";
import {
  countAdmins,
  findUserByEmail,
  findUserCredentials,
  getUser,
  insertUser,
  listUsers,
  updateUser,
} from "./users.repository.js";

describe.each(DIALECTS)("people, teams and accounts on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("teams form a tree; names are unique; deleting one lifts its children", async () => {
    await insertTeam(store.db, { id: "T1", name: "Engineering", parentId: null });
    await insertTeam(store.db, { id: "T2", name: "Infrastructure", parentId: "T1" });
    await insertTeam(store.db, { id: "T3", name: "SRE", parentId: "T2" });
    expect(await getTeam(store.db, "T2")).toEqual({
      id: "T2",
      name: "Infrastructure",
      parentId: "T1",
    });
    expect(await findTeamByName(store.db, "infrastructure")).toEqual({
      id: "T2",
      name: "Infrastructure",
      parentId: "T1",
    });
    await expect(
      insertTeam(store.db, { id: "T4", name: "SRE", parentId: null }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await updateTeam(store.db, "T3", { name: "Reliability" })).toEqual({
      id: "T3",
      name: "Reliability",
      parentId: "T2",
    });
    await deleteTeam(store.db, "T2");
    expect(await listTeams(store.db)).toEqual([
      { id: "T1", name: "Engineering", parentId: null },
      { id: "T3", name: "Reliability", parentId: "T1" },
    ]);
    await expect(getTeam(store.db, "T2")).rejects.toMatchObject({ code: "not_found" });
  });

  it("people round-trip and are found by name or role title", async () => {
    const ana = {
      id: "PE1",
      name: "Ana Ruiz",
      email: "ana@example.com",
      title: "VP, Field Ops",
      teamId: "T1",
    };
    const bo = { id: "PE2", name: "Bo", email: null, title: null, teamId: null };
    await insertPerson(store.db, ana, T0);
    await insertPerson(store.db, bo, T0);
    expect(await getPerson(store.db, "PE1")).toEqual(ana);
    expect(await findPersonByName(store.db, "ana ruiz")).toEqual(ana);
    expect(await findPersonByTitle(store.db, "vp, field ops")).toEqual(ana);
    expect(await findPersonByName(store.db, "Nobody")).toBeUndefined();
    expect(await listPeople(store.db)).toEqual([ana, bo]);
    expect(await listPeople(store.db, { teamId: "T1" })).toEqual([ana]);
    expect(await updatePerson(store.db, "PE2", { title: "CMO", teamId: "T3" })).toEqual({
      ...bo,
      title: "CMO",
      teamId: "T3",
    });
    await expect(updatePerson(store.db, "PE9", { title: "x" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      insertPerson(store.db, { ...bo, id: "PE3", teamId: "missing" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("accounts: email unique in any case, roles, insiders, credentials", async () => {
    const admin: User = {
      id: "U1",
      email: "admin@example.com",
      name: "Admin",
      role: "admin",
      insider: true,
      personId: "PE1",
      createdAt: T0,
      disabledAt: null,
    };
    expect(
      await insertUser(store.db, {
        ...admin,
        email: "Admin@Example.com",
        passwordHash: "$argon2id$x",
      }),
    ).toEqual(admin);
    await insertUser(store.db, {
      id: "U2",
      email: "viewer@example.com",
      name: "Viewer",
      role: "viewer",
      insider: false,
      personId: null,
      createdAt: T1,
      passwordHash: null,
    });
    await expect(
      insertUser(store.db, { ...admin, id: "U3", email: "ADMIN@example.com", passwordHash: null }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await getUser(store.db, "U1")).toEqual(admin);
    expect(await findUserByEmail(store.db, "ADMIN@EXAMPLE.COM")).toEqual(admin);
    expect(await findUserCredentials(store.db, "admin@example.com")).toEqual({
      user: admin,
      passwordHash: "$argon2id$x",
    });
    expect(await countAdmins(store.db)).toBe(1);
    const promoted = await updateUser(store.db, "U2", {
      role: "editor",
      insider: true,
      updatedAt: T2,
    });
    expect(promoted).toMatchObject({ role: "editor", insider: true });
    expect((await listUsers(store.db)).map((user) => user.id)).toEqual(["U1", "U2"]);
  });

  it("deleting a person unlinks their account", async () => {
    await deletePerson(store.db, "PE1");
    expect((await getUser(store.db, "U1")).personId).toBeNull();
  });

  it("sessions expire, extend, and go with sign-out everywhere", async () => {
    await insertSession(store.db, {
      id: "S1",
      userId: "U1",
      csrfToken: "c1",
      expiresAt: T1,
      createdAt: T0,
    });
    await insertSession(store.db, {
      id: "S2",
      userId: "U1",
      csrfToken: "c2",
      expiresAt: T2,
      createdAt: T0,
    });
    await insertSession(store.db, {
      id: "S3",
      userId: "U2",
      csrfToken: "c3",
      expiresAt: T2,
      createdAt: T0,
    });
    expect(await findSession(store.db, "S1", T0)).toEqual({
      session: {
        id: "S1",
        userId: "U1",
        csrfToken: "c1",
        expiresAt: T1,
        createdAt: T0,
        userAgent: null,
        lastSeenAt: null,
      },
      user: expect.objectContaining({ id: "U1", disabledAt: null }),
    });
    expect(await findSession(store.db, "S1", T1)).toBeUndefined();
    await extendSession(store.db, "S1", T2);
    expect(await findSession(store.db, "S1", T1)).toMatchObject({ session: { id: "S1" } });
    expect(await deleteExpiredSessions(store.db, T2)).toBe(3);
    await insertSession(store.db, {
      id: "S4",
      userId: "U1",
      csrfToken: "c4",
      expiresAt: T2,
      createdAt: T0,
    });
    await insertSession(store.db, {
      id: "S5",
      userId: "U1",
      csrfToken: "c5",
      expiresAt: T2,
      createdAt: T0,
    });
    await deleteSession(store.db, "S4");
    expect(await deleteSessionsOfUser(store.db, "U1")).toBe(1);
  });

  it("API tokens: found by hash while usable, listed, revoked", async () => {
    const token = {
      id: "K1",
      userId: "U1",
      name: "CI",
      tokenHash: "h1",
      prefix: "okr_ab12",
      expiresAt: T2,
      revokedAt: null,
      lastUsedAt: null,
      createdAt: T0,
    };
    await insertApiToken(store.db, token);
    expect(await findUsableApiTokenByHash(store.db, "h1", T1)).toEqual({
      token,
      user: expect.objectContaining({ id: "U1" }),
    });
    expect(await findUsableApiTokenByHash(store.db, "h1", T2)).toBeUndefined();
    await touchApiToken(store.db, "K1", T1);
    expect(await listApiTokens(store.db, "U1")).toEqual([{ ...token, lastUsedAt: T1 }]);
    await revokeApiToken(store.db, "K1", T1);
    expect(await findUsableApiTokenByHash(store.db, "h1", T0)).toBeUndefined();
    expect((await findApiToken(store.db, "K1"))?.revokedAt).toBe(T1);
    await expect(revokeApiToken(store.db, "nope", T1)).rejects.toMatchObject({ code: "not_found" });
    await expect(insertApiToken(store.db, { ...token, id: "K2" })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});
