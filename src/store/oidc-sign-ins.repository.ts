/**
 * Single sign-on attempts in flight: what a browser's redirect to the identity provider must
 * come back with (state, nonce) and the PKCE verifier, kept under a digest of a cookie secret
 * so any process can finish a sign-in another one started.
 */
import type { IsoDateTime } from "../core/types.js";
import type { Db } from "./db.js";

export interface OidcSignIn {
  /** sha256 of the cookie's secret. */
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: IsoDateTime;
  createdAt: IsoDateTime;
}

export async function insertOidcSignIn(db: Db, signIn: OidcSignIn): Promise<void> {
  await db
    .insertInto("oidc_sign_ins")
    .values({
      id: signIn.id,
      state: signIn.state,
      nonce: signIn.nonce,
      code_verifier: signIn.codeVerifier,
      expires_at: signIn.expiresAt,
      created_at: signIn.createdAt,
    })
    .execute();
}

/**
 * Takes the sign-in with that id out of the table (each can finish once) and answers it if it
 * had not expired at `now`.
 */
export async function takeOidcSignIn(
  db: Db,
  id: string,
  now: IsoDateTime,
): Promise<OidcSignIn | undefined> {
  const row = await db
    .deleteFrom("oidc_sign_ins")
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  return {
    id: row.id,
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

/** Removes sign-ins that were never finished; returns how many. */
export async function deleteExpiredOidcSignIns(db: Db, now: IsoDateTime): Promise<number> {
  const result = await db
    .deleteFrom("oidc_sign_ins")
    .where("expires_at", "<=", now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
