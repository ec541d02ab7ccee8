/**
 * The password sign-in limit: so many attempts per account and client address in a window,
 * counted in the database so every process over it shares one count. Keyed by the pair, so
 * guessing from one address slows only that address: the account's owner elsewhere is not
 * locked out.
 */
import { isIP } from "node:net";
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

/**
 * The address an attempt is counted by: an IPv6 address by its /64, the network one host is
 * handed (it could otherwise send each guess from a new address); any other as it is.
 */
export function countedAddressOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const [plain = ""] = address.toLowerCase().split("%");
  const groupsOf = (part: string): string[] =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [group];
          // An IPv4 tail (`64:ff9b::192.0.2.1`) is the last two groups.
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const [left = "", right] = plain.split("::");
  const head = groupsOf(left);
  const tail = right === undefined ? [] : groupsOf(right);
  const zeros = Array.from({ length: 8 - head.length - tail.length }, () => "0");
  const groups = [...head, ...zeros, ...tail].map((g) => Number.parseInt(g, 16).toString(16));
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function keyOf(email: string, address: string): string {
  return digestSecret(`${email.trim().toLowerCase()}|${countedAddressOf(address)}`);
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
