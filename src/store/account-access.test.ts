/** The store side of account access on every dialect: disabled users, sessions, tokens, attempts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, DIALECTS } from "../../test/support/databases.js";
import { T0, T1, T2 } from "../../test/support/store-fixtures.js";
import {
  insertApiToken,
  listAllApiTokens,
  listApiTokens,
  revokeApiTokensOfUser,
} from "./api-tokens.repository.js";
import { type OpenedDatabase, openDatabase } from "./database.js";
import {
  deleteExpiredOidcSignIns,
  insertOidcSignIn,
  takeOidcSignIn,
} from "./oidc-sign-ins.repository.js";
import {
  deleteOtherSessionsOfUser,
  deleteSessionOfUser,
  extendSession,
  findSession,
  insertSession,
  listSessionsOfUser,
} from "./sessions.repository.js";
import {
  clearSignInAttempts,
  countSignInAttempt,
  deleteStaleSignInAttempts,
} from "./sign-in-attempts.repository.js";
import {
  countAdmins,
  countEnabledAdmins,
  deleteUser,
  findUser,
  insertUser,
  updateUser,
} from "./users.repository.js";

const T3 = "2020-01-04T00:00:00.000Z";
const LATER = "2030-01-01T00:00:00.000Z";

function account(id: string, role: "admin" | "viewer", name = id) {
  return {
    id,
    email: `${id.toLowerCase()}@example.com`,
    name,
    role,
    insider: false,
    personId: null,
    passwordHash: null,
    createdAt: T0,
  } as const;
}

function session(id: string, userId: string, fields: Record<string, string | null> = {}) {
  return { id, userId, csrfToken: `c-${id}`, expiresAt: LATER, createdAt: T0, ...fields };
}

function token(id: string, userId: string, createdAt = T0) {
  return {
    id,
    userId,
    name: `token ${id}`,
    tokenHash: `hash-${id}`,
    prefix: "okr_abcdef",
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    createdAt,
  };
}

describe.each(DIALECTS)("account access on %s", (dialect) => {
  let store: OpenedDatabase;
  /** A second connection pool on the same database: another process. */
  let other: OpenedDatabase;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const empty = await createEmptyDatabase(dialect);
    drop = empty.drop;
    store = await openDatabase(empty.url, { migrate: true, poolSize: 4 });
    other = await openDatabase(empty.url, { migrate: false, poolSize: 4 });
    await insertUser(store.db, account("A1", "admin", "Ada"));
    await insertUser(store.db, account("A2", "admin", "Bea"));
    await insertUser(store.db, account("V1", "viewer", "Cem"));
  });
  afterAll(async () => {
    await other?.close();
    await store?.close();
    await drop?.();
  });

  it("a user starts enabled; disabling is kept and counted out of the admins who can sign in", async () => {
    expect((await findUser(store.db, "A1"))?.disabledAt).toBeNull();
    expect(await countEnabledAdmins(store.db)).toBe(2);
    const disabled = await updateUser(store.db, "A2", { disabledAt: T1 });
    expect(disabled.disabledAt).toBe(T1);
    expect(await countEnabledAdmins(store.db)).toBe(1);
    expect(await countAdmins(store.db)).toBe(2);
    expect((await updateUser(store.db, "A2", { disabledAt: null })).disabledAt).toBeNull();
  });

  it("sessions keep their device and last use, list newest use first, and end one by one", async () => {
    await insertSession(store.db, session("S1", "V1", { userAgent: "Firefox", lastSeenAt: T1 }));
    await insertSession(store.db, session("S2", "V1", { userAgent: "Chrome", lastSeenAt: T2 }));
    await insertSession(store.db, session("S3", "V1", { expiresAt: T1 }));
    await insertSession(store.db, session("S4", "A1"));
    const listed = await listSessionsOfUser(store.db, "V1", T2);
    expect(listed.map((s) => [s.id, s.userAgent, s.lastSeenAt])).toEqual([
      ["S2", "Chrome", T2],
      ["S1", "Firefox", T1],
    ]);
    await extendSession(store.db, "S1", LATER, T3);
    expect((await findSession(store.db, "S1", T3))?.session.lastSeenAt).toBe(T3);
    expect((await listSessionsOfUser(store.db, "V1", T2))[0]?.id).toBe("S1");
    // Someone else's session is not mine to end.
    expect(await deleteSessionOfUser(store.db, "V1", "S4")).toBe(false);
    expect(await findSession(store.db, "S4", T0)).toMatchObject({ session: { id: "S4" } });
    expect(await deleteSessionOfUser(store.db, "V1", "S2")).toBe(true);
    expect(await deleteOtherSessionsOfUser(store.db, "V1", "S1")).toBe(1);
    expect((await listSessionsOfUser(store.db, "V1", T0)).map((s) => s.id)).toEqual(["S1"]);
  });

  it("admins see every token with its owner; a user's tokens are revoked together", async () => {
    await insertApiToken(store.db, token("K1", "V1", T1));
    await insertApiToken(store.db, token("K2", "A1"));
    await insertApiToken(store.db, { ...token("K3", "V1", T2), revokedAt: T2 });
    const all = await listAllApiTokens(store.db);
    expect(all.map((t) => [t.id, t.userName, t.userEmail])).toEqual([
      ["K2", "Ada", "a1@example.com"],
      ["K1", "Cem", "v1@example.com"],
      ["K3", "Cem", "v1@example.com"],
    ]);
    expect(await revokeApiTokensOfUser(store.db, "V1", T3)).toBe(1);
    const mine = await listApiTokens(store.db, "V1");
    expect(mine.map((t) => [t.id, t.revokedAt])).toEqual([
      ["K1", T3],
      ["K3", T2],
    ]);
  });

  it("deleting a user takes their sessions and tokens with them", async () => {
    await deleteUser(store.db, "V1");
    expect(await findUser(store.db, "V1")).toBeUndefined();
    expect(await findSession(store.db, "S1", T0)).toBeUndefined();
    expect(await listApiTokens(store.db, "V1")).toEqual([]);
    await expect(deleteUser(store.db, "V1")).rejects.toMatchObject({ code: "not_found" });
  });

  it("sign-in attempts are counted once each, even from two processes at once", async () => {
    const hits = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        countSignInAttempt(i % 2 ? other.db : store.db, "key-1", T1, T0),
      ),
    );
    expect([...hits].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Another key has its own count.
    expect(await countSignInAttempt(store.db, "key-2", T1, T0)).toBe(1);
  });

  it("a window that ended starts the count again; clearing forgets a key; stale windows are swept", async () => {
    expect(await countSignInAttempt(store.db, "key-1", T3, T2)).toBe(1);
    expect(await countSignInAttempt(store.db, "key-1", T3, T2)).toBe(2);
    await clearSignInAttempts(store.db, "key-1");
    expect(await countSignInAttempt(store.db, "key-1", T3, T2)).toBe(1);
    // key-2's window started at T1: over by T2; key-1's (T3) is not.
    expect(await deleteStaleSignInAttempts(store.db, T2)).toBe(1);
    expect(await countSignInAttempt(store.db, "key-2", T3, T2)).toBe(1);
  });

  it("a started single sign-on can be finished once, by any process, and not after it expired", async () => {
    const started = {
      id: "O1",
      state: "st",
      nonce: "no",
      codeVerifier: "cv",
      expiresAt: T2,
      createdAt: T0,
    };
    await insertOidcSignIn(store.db, started);
    await insertOidcSignIn(store.db, { ...started, id: "O2", expiresAt: T1 });
    await insertOidcSignIn(store.db, { ...started, id: "O3", expiresAt: T1 });
    expect(await takeOidcSignIn(other.db, "O1", T1)).toEqual(started);
    expect(await takeOidcSignIn(store.db, "O1", T1)).toBeUndefined();
    expect(await takeOidcSignIn(store.db, "O2", T1)).toBeUndefined();
    expect(await deleteExpiredOidcSignIns(store.db, T1)).toBe(1);
  });
});
