/**
 * Secrets of accounts: argon2id password hashes, random session and token secrets, and the
 * sha256 digests under which those secrets are stored (a leaked database opens no session).
 */
import * as crypto from "node:crypto";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** argon2id (the enum is a const enum, which verbatimModuleSyntax cannot import). */
const ARGON2ID = 2;

/** The prefix of every personal API token, so scanners and people recognise one. */
export const TOKEN_PREFIX = "okr_";

/** The native argon2 module, loaded on first use: a server answering only tokens never needs it. */
const loadArgon2 = () => import("@node-rs/argon2");

/** Hashes a password with argon2id (a random salt is made per hash). */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, { algorithm: ARGON2ID as never });
}

/** Whether `password` matches an argon2id hash; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A random secret, url-safe base64 of `bytes` random bytes. */
export function makeSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** A new personal API token: `okr_` + 40 random characters. */
export function makeApiToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(30).toString("base64url")}`;
}

/**
 * Node's one-shot digest (from Node 20.12), which every request with a token or session
 * pays for; a hash object where it is missing.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string })
  .hash;

/** The sha256 digest under which a session or token secret is stored. */
export function digestSecret(secret: string): string {
  if (oneShot) return oneShot("sha256", secret, "hex");
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares two strings in constant time (CSRF tokens, webhook secrets and signatures). */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
