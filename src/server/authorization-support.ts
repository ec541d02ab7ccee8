/**
 * What the authorization matrix shares: the callers, the expected statuses and the fresh things
 * cases make.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createUser } from "../app/accounts.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import { findServerChromium } from "./review-pdf.js";
import { PASSWORD, type TestAccount, type TestServer } from "./test-harness.js";

/** Whether this machine can print the review PDF (Chromium and the built web app). */
export const CAN_PRINT =
  findServerChromium() !== undefined &&
  existsSync(fileURLToPath(new URL("../../dist/web/index.html", import.meta.url)));

/** Every kind of caller each route is tried as; `token` is the editor's API token. */
export const CALLERS = ["anonymous", "viewer", "owner", "editor", "admin", "token"] as const;
export type Caller = (typeof CALLERS)[number];
export type Expected = Record<Caller, number>;

/** Anyone, signed in or not. */
export const PUBLIC = (status: number): Expected => ({
  anonymous: status,
  viewer: status,
  owner: status,
  editor: status,
  admin: status,
  token: status,
});
/** Any account. */
export const SIGNED_IN = (status: number): Expected => ({ ...PUBLIC(status), anonymous: 401 });
/** Editors and admins (and the editor's token). */
export const EDITORS = (status: number): Expected => ({
  ...SIGNED_IN(status),
  viewer: 403,
  owner: 403,
});
/** Editors, admins and the owner of the OKR (a viewer). */
export const OWNERS = (status: number): Expected => ({ ...SIGNED_IN(status), viewer: 403 });
/** Admins only. */
export const ADMINS = (status: number): Expected => ({ ...EDITORS(403), admin: status });

/** What every case starts from: the server, its accounts and an OKR the owner owns. */
export interface Fixture {
  server: TestServer;
  accounts: Record<Exclude<Caller, "anonymous" | "token">, TestAccount>;
  periodId: string;
  /** Owned by the owner's person. */
  objectiveId: string;
  keyResultId: string;
  personId: string;
  teamId: string;
  /** Makes things through the API as admin. */
  admin(method: string, path: string, body?: unknown): Promise<{ id: string; version: number }>;
}

/** The request a case makes: its path and body (the method is in the route). */
export interface Call {
  path: string;
  body?: unknown;
}

/** One route's entry: how to call it as each caller, and the status each must get. */
export interface Case {
  call(f: Fixture, caller: Caller): Promise<Call> | Call;
  expect: Expected;
}

let counter = 0;
/** A string no other call in the run makes. */
export const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

/** A user nobody signs in as, to disable, enable or delete. */
export function freshUser(f: Fixture) {
  return createUser(f.server.deps, SYSTEM_ACTOR, {
    email: `u${unique()}@example.com`,
    name: "U",
    password: PASSWORD,
  });
}

/** An objective of the fixture's period, owned by the owner's person. */
export async function freshObjective(f: Fixture) {
  return f.admin("POST", "/api/objectives", {
    periodId: f.periodId,
    title: `Objective ${unique()}`,
    owner: "Olive Owner",
  });
}

/** A metric key result under the fixture's objective. */
export async function freshKeyResult(f: Fixture) {
  return f.admin("POST", "/api/key-results", {
    objectiveId: f.objectiveId,
    title: `Key result ${unique()}`,
    kind: "metric",
    start: 0,
    target: 10,
  });
}

let periodCounter = 0;
/** A period label no other case uses. */
export function freshLabel(): string {
  periodCounter++;
  return `${2040 + Math.floor(periodCounter / 4)}-Q${(periodCounter % 4) + 1}`;
}

/** A one-objective handbook page for the import cases to preview and apply. */
export const HANDBOOK_PAGE = `# 2026-Q2 OKRs

- CEO: Grow the business
  - CRO: Close 10 new deals => 40%
`;

/** A KPI read by hand, owned by the owner's person. */
export function freshKpi(f: Fixture) {
  return f.admin("POST", "/api/kpis", { name: `KPI ${unique()}`, owner: "Olive Owner" });
}

/** A switched-off webhook (nothing is sent to it). */
export async function freshWebhook(f: Fixture): Promise<{ id: string }> {
  const made = (await f.admin("POST", "/api/webhooks", {
    url: "http://127.0.0.1:9/matrix",
    active: false,
  })) as unknown as { webhook: { id: string } };
  return made.webhook;
}

/** A source on an HTTP JSON connection nobody listens at (made once per fixture). */
export async function sourceBody(f: Fixture) {
  const name = "Nowhere";
  const { connections } = (await f.admin("GET", "/api/connections")) as unknown as {
    connections: { name: string }[];
  };
  if (!connections.some((c) => c.name === name))
    await f.admin("POST", "/api/connections", {
      name,
      kind: "http",
      baseUrl: "http://127.0.0.1:9",
    });
  return { connection: name, config: { kind: "http_json", url: "value", path: "$.value" } };
}
