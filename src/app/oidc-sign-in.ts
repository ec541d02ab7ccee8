/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce), with
 * openid-client doing the protocol. A started sign-in is stored under a digest of a cookie
 * secret, so any process can finish it; it can finish once, within ten minutes. The person is
 * matched to an account by their verified email, or gets a new account with the configured role.
 */
import type * as OpenIdClient from "openid-client";
import { OkrError } from "../core/errors.js";
import { SIGN_ON_PROBLEMS, type SignOnProblem } from "../core/sign-on-problems.js";
import type { User } from "../core/types.js";
import {
  deleteExpiredOidcSignIns,
  insertOidcSignIn,
  takeOidcSignIn,
} from "../store/oidc-sign-ins.repository.js";
import * as users from "../store/users.repository.js";
import { openSession, SESSION_TTL_MS, type SignedIn } from "./auth.js";
import { digestSecret, makeSecret } from "./auth-secrets.js";
import { recordAudit } from "./context.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { isLoopback, type OidcConfig } from "./oidc-config.js";

/** A started sign-in must come back within this time. */
export const OIDC_SIGN_IN_TTL_MS = 10 * 60_000;

/** A sign-on that did not finish: the problem code, and what went wrong underneath (for logs). */
export class SignOnError extends OkrError {
  constructor(
    readonly problem: SignOnProblem,
    readonly cause?: unknown,
  ) {
    super("unauthenticated", SIGN_ON_PROBLEMS[problem], { problem });
    this.name = "SignOnError";
  }
}

type Client = typeof OpenIdClient;

let loading: Promise<Client> | undefined;

/** openid-client, loaded with the first sign-on: a server without one never holds it. */
function openIdClient(): Promise<Client> {
  loading ??= import("openid-client");
  return loading;
}

/** The provider's configuration, discovered once per process (again after a failure). */
const discovered = new Map<string, Promise<OpenIdClient.Configuration>>();

function discover(config: OidcConfig, client: Client): Promise<OpenIdClient.Configuration> {
  const key = `${config.issuer}|${config.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(config.issuer);
    found = client
      .discovery(
        issuer,
        config.clientId,
        { client_secret: config.clientSecret },
        client.ClientSecretPost(config.clientSecret),
        // Plain http only to a provider on this machine (oidc-config.ts refuses it elsewhere).
        isLoopback(issuer.hostname) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .then((found) => {
        // ID tokens come over TLS from the token endpoint, where the protocol allows trusting
        // them unsigned; we check the provider's signature anyway, so an altered one is refused.
        client.enableNonRepudiationChecks(found);
        return found;
      })
      .catch((error: unknown) => {
        discovered.delete(key);
        const text = messageOf(error);
        throw new SignOnError(
          /issuer/i.test(text) ? "wrong_issuer" : "provider_unavailable",
          error,
        );
      });
    discovered.set(key, found);
  }
  return found;
}

/** The messages and codes of an error and its causes (openid-client wraps oauth4webapi's). */
export function messageOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(`${typeof code === "string" ? `${code}: ` : ""}${e.message}`);
    e = e.cause;
  }
  return parts.length > 0 ? parts.join(" <- ") : String(error);
}

/** Where the provider sends the browser back to. */
export function redirectUriOf(config: OidcConfig, requestOrigin: string): string {
  return `${config.publicUrl ?? requestOrigin}/api/auth/oidc/callback`;
}

/** Starts a sign-in: the provider's address to send the browser to, and the cookie secret. */
export async function startOidcSignIn(
  deps: AppDeps,
  config: OidcConfig,
  redirectUri: string,
): Promise<{ url: string; secret: string }> {
  const client = await openIdClient();
  const provider = await discover(config, client);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const secret = makeSecret();
  const now = deps.now();
  await deleteExpiredOidcSignIns(deps.db, now.toISOString());
  await insertOidcSignIn(deps.db, {
    id: digestSecret(secret),
    state,
    nonce,
    codeVerifier,
    expiresAt: new Date(now.getTime() + OIDC_SIGN_IN_TTL_MS).toISOString(),
    createdAt: now.toISOString(),
  });
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.toString(), secret };
}

/** Which problem an openid-client failure during the code exchange is. */
function problemOf(client: Client, error: unknown): SignOnProblem {
  if (error instanceof client.AuthorizationResponseError) return "provider_refused";
  if (error instanceof client.ResponseBodyError) {
    return error.error === "invalid_grant" ? "code_rejected" : "provider_refused";
  }
  const text = messageOf(error);
  if (/"state"/.test(text)) return "state_mismatch";
  if (/"nonce"/.test(text)) return "nonce_mismatch";
  if (/"iss"|issuer/i.test(text)) return "wrong_issuer";
  if (/signature|JWS|JWT|"aud"|"exp"|"iat"|"c_hash"|id_token|ID Token/i.test(text)) {
    return "id_token_invalid";
  }
  return "provider_unavailable";
}

/**
 * Finishes a sign-in from the provider's answer (`callbackUrl`, as the browser called it):
 * checks state, PKCE and the ID token (signature, issuer, audience, nonce), then opens a
 * session for the account with that verified email.
 */
export async function finishOidcSignIn(
  deps: AppDeps,
  config: OidcConfig,
  secret: string | undefined,
  callbackUrl: URL,
  options: { ttlMs?: number; userAgent?: string | null } = {},
): Promise<SignedIn> {
  const started = secret
    ? await takeOidcSignIn(deps.db, digestSecret(secret), deps.now().toISOString())
    : undefined;
  if (!started) throw new SignOnError("expired");
  const client = await openIdClient();
  const provider = await discover(config, client);
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new SignOnError("id_token_invalid");
    claims = { ...idToken };
    if (claims.email === undefined || claims.email_verified === undefined) {
      // Many providers put email and name in the UserInfo answer only; it must be the same sub.
      claims = {
        ...(await client.fetchUserInfo(provider, tokens.access_token, idToken.sub)),
        ...claims,
      };
    }
  } catch (error) {
    if (error instanceof SignOnError) throw error;
    throw new SignOnError(problemOf(client, error), error);
  }
  const user = await accountOf(deps, config, claims);
  return openSession(deps, user, options.ttlMs ?? SESSION_TTL_MS, options.userAgent ?? null);
}

/** The account for verified claims: matched by email, or made with the default role. */
export async function accountOf(
  deps: AppDeps,
  config: OidcConfig,
  claims: Record<string, unknown>,
): Promise<User> {
  if (typeof claims.email !== "string" || !claims.email.includes("@")) {
    throw new SignOnError("email_missing");
  }
  // Some providers send "true" as a string.
  if (claims.email_verified !== true && claims.email_verified !== "true") {
    throw new SignOnError("email_unverified");
  }
  const email = claims.email.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (config.emailDomains.length > 0 && !config.emailDomains.includes(domain)) {
    throw new SignOnError("email_domain");
  }
  const existing = await users.findUserByEmail(deps.db, email);
  if (existing) {
    if (existing.disabledAt) throw new SignOnError("account_disabled");
    return existing;
  }
  const name =
    typeof claims.name === "string" && claims.name.trim()
      ? claims.name.trim().slice(0, 200)
      : (email.split("@")[0] ?? email);
  const now = deps.now().toISOString();
  const user = await users.insertUser(deps.db, {
    id: deps.newId(),
    email,
    name,
    role: config.defaultRole,
    insider: false,
    personId: null,
    // Signs in through the provider only, until an admin sets a password.
    passwordHash: null,
    createdAt: now,
  });
  await recordAudit(
    deps.db,
    deps,
    { ...SYSTEM_ACTOR, name: "single sign-on" },
    {
      action: "create",
      entity: "user",
      entityId: user.id,
      before: null,
      after: user,
    },
  );
  return user;
}
