/**
 * The password sign-in limit: so many attempts per account and client address in a window,
 * counted in the database so every process over it shares one count. Keyed by the pair, so
 * guessing from one address slows only that address: the account's owner elsewhere is not
 * locked out.
 */
import { OkrError } from "../core/errors.js";
import {
  clearSignInAttempts,
  countSignInAttempt,
  deleteStaleSignInAttempts,
} from "../store/sign-in-attempts.repository.js";
import { digestSecret } from "./auth-secrets.js";
import type { AppDeps } from "./deps.js";

export interface SignInLimit {
  /** Attempts allowed per account and address in one window. */
  max: number;
  windowMs: number;
}

function keyOf(email: string, address: string): string {
  return digestSecret(`${email.trim().toLowerCase()}|${address}`);
}

function windowStartedBefore(deps: AppDeps, limit: SignInLimit): string {
  return new Date(deps.now().getTime() - limit.windowMs).toISOString();
}

/** Counts one attempt; throws `rate_limited` once the pair is over its limit for this window. */
export async function countSignInAttemptOf(
  deps: AppDeps,
  limit: SignInLimit,
  email: string,
  address: string,
): Promise<void> {
  const count = await countSignInAttempt(
    deps.db,
    keyOf(email, address),
    deps.now().toISOString(),
    windowStartedBefore(deps, limit),
  );
  if (count > limit.max) {
    const seconds = Math.ceil(limit.windowMs / 1000);
    throw new OkrError(
      "rate_limited",
      `Too many sign-in attempts for this account from your address; wait ${
        seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`
      } and try again.`,
    );
  }
}

/** After a successful sign-in: the pair starts afresh, and windows that ended are swept. */
export async function clearSignInAttemptsOf(
  deps: AppDeps,
  limit: SignInLimit,
  email: string,
  address: string,
): Promise<void> {
  await clearSignInAttempts(deps.db, keyOf(email, address));
  await deleteStaleSignInAttempts(deps.db, windowStartedBefore(deps, limit));
}
