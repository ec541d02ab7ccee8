/**
 * Helpers for server tests: an app over a migrated database with one account per role,
 * each with an API token, and a way to sign in with a cookie (+ CSRF token).
 */
import { randomBytes } from "node:crypto";
import { createApiToken, createUser } from "../app/accounts.js";
import type { AppDeps } from "../app/deps.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import { createIdGenerator } from "../core/ids.js";
import type { Role, User } from "../core/types.js";
import type { OpenedDatabase } from "../store/database.js";
import { type App, createApp, type ServerOptions } from "./app.js";

export const PASSWORD = "correct horse battery staple";

export interface TestAccount {
  user: User;
  token: string;
}

export interface TestServer {
  app: App;
  deps: AppDeps;
  accounts: Record<"admin" | "editor" | "viewer" | "insider", TestAccount>;
  /** A request with a bearer token. */
  call(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export function depsOf(opened: OpenedDatabase): AppDeps {
  return {
    db: opened.db,
    dialect: opened.dialect,
    now: () => new Date(),
    newId: createIdGenerator(Date.now, (n) => randomBytes(n)),
  };
}

/** Creates a user with a password and a token. */
export async function addAccount(
  deps: AppDeps,
  email: string,
  role: Role,
  extra: { insider?: boolean; personId?: string | null } = {},
): Promise<TestAccount> {
  const user = await createUser(deps, SYSTEM_ACTOR, {
    email,
    name: email.split("@")[0] ?? email,
    role,
    insider: extra.insider ?? false,
    password: PASSWORD,
    personId: extra.personId ?? null,
  });
  const { secret } = await createApiToken(deps, SYSTEM_ACTOR, { name: "tests" }, user.id);
  return { user, token: secret };
}

/** An app over `opened` with admin, editor, viewer and insider (viewer + insider) accounts. */
export async function openTestServer(
  opened: OpenedDatabase,
  options: ServerOptions = {},
): Promise<TestServer> {
  const deps = depsOf(opened);
  const app = createApp(deps, options);
  const accounts = {
    admin: await addAccount(deps, "admin@example.com", "admin"),
    editor: await addAccount(deps, "editor@example.com", "editor"),
    viewer: await addAccount(deps, "viewer@example.com", "viewer"),
    insider: await addAccount(deps, "insider@example.com", "viewer", { insider: true }),
  };
  return {
    app,
    deps,
    accounts,
    call: (token, method, path, body, headers = {}) =>
      request(app, method, path, body, {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      }),
  };
}

/** One request in process; a body other than a string is sent as JSON. */
export function request(
  app: App,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
  }
  return Promise.resolve(app.request(`http://localhost${path}`, init));
}

export interface CookieSession {
  cookie: string;
  csrfToken: string;
}

/** Signs in with email and password; answers the cookie header and the CSRF token. */
export async function signInWithCookie(
  app: App,
  email: string,
  password = PASSWORD,
): Promise<CookieSession> {
  const response = await request(app, "POST", "/api/session", { email, password });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  const body = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

/** The JSON body of a response, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape
export async function readJson(response: Response): Promise<any> {
  return response.json();
}
