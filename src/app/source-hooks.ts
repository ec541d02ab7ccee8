/**
 * Webhooks in from GitLab and GitHub: a verified call asks for a refresh of the sources it may
 * have changed, at once, through the job queue; an unsigned or mis-signed one is refused
 * (`unauthenticated`) before its body is even parsed, and changes nothing. GitLab proves itself
 * with the secret token it sends in X-Gitlab-Token, GitHub with X-Hub-Signature-256, an
 * HMAC-SHA256 of the raw body under the secret; both compared in constant time against each
 * connection of that kind with a webhook secret.
 */
import { createHmac } from "node:crypto";
import { OkrError } from "../core/errors.js";
import type { ConnectionKind } from "../core/sources.js";
import { type HookEvent, sourceMatchesEvent } from "../core/sources.js";
import { withTransaction } from "../store/db.js";
import {
  type ConnectionRecord,
  listConnections,
  listSources,
} from "../store/sources.repository.js";
import { secretsEqual } from "./auth-secrets.js";
import { webhookSecretOf } from "./connections.js";
import type { AppDeps } from "./deps.js";
import { enqueueMergedRefresh } from "./source-jobs.js";

/** What a webhook did: the key results and KPIs whose sources it asked to refresh. */
export interface HookOutcome {
  connection: string;
  /** The ids of the key results and KPIs whose sources are refreshed. */
  refreshing: string[];
}

async function connectionsWithSecrets(deps: AppDeps, kind: ConnectionKind) {
  const all = await listConnections(deps.db, kind);
  return all.flatMap((c) => {
    const secret = webhookSecretOf(c);
    return secret === null ? [] : [{ connection: c, secret }];
  });
}

const REFUSED = () =>
  new OkrError("unauthenticated", "The webhook is not signed with a connection's webhook secret");

function eventOf(body: string, pathOf: (json: Record<string, unknown>) => HookEvent | null) {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new OkrError("invalid_input", "The webhook body is not JSON");
  }
  if (typeof json !== "object" || json === null)
    throw new OkrError("invalid_input", "The webhook body is not a JSON object");
  return pathOf(json as Record<string, unknown>);
}

async function refreshMatching(
  deps: AppDeps,
  connection: ConnectionRecord,
  event: HookEvent | null,
): Promise<HookOutcome> {
  const sources = await listSources(deps.db, connection.id);
  const matching = sources.filter((s) => event === null || sourceMatchesEvent(s.config, event));
  // A burst of events (50 issues closed at once) merges into one refresh per source.
  await withTransaction(deps.db, async (trx) => {
    for (const source of matching) await enqueueMergedRefresh({ ...deps, db: trx }, source.owner);
  });
  return { connection: connection.name, refreshing: matching.map((s) => s.owner.id) };
}

function gitlabEvent(json: Record<string, unknown>): HookEvent | null {
  const project = json.project as { path_with_namespace?: unknown; id?: unknown } | undefined;
  if (typeof project?.path_with_namespace === "string")
    return { path: project.path_with_namespace, projectId: String(project.id ?? "") || undefined };
  // Group-level events (epics) name the group.
  const group = json.group as { full_path?: unknown } | undefined;
  if (typeof group?.full_path === "string") return { path: group.full_path };
  return null;
}

/** `POST /api/hooks/gitlab`: `token` is the X-Gitlab-Token header, `body` the raw body. */
export async function receiveGitlabHook(
  deps: AppDeps,
  token: string | undefined,
  body: string,
): Promise<HookOutcome> {
  if (!token) throw REFUSED();
  const match = (await connectionsWithSecrets(deps, "gitlab")).find(({ secret }) =>
    secretsEqual(secret, token),
  );
  if (!match) throw REFUSED();
  return refreshMatching(deps, match.connection, eventOf(body, gitlabEvent));
}

function githubEvent(json: Record<string, unknown>): HookEvent | null {
  const repo = json.repository as { full_name?: unknown } | undefined;
  if (typeof repo?.full_name === "string") return { path: repo.full_name };
  const org = json.organization as { login?: unknown } | undefined;
  if (typeof org?.login === "string") return { path: org.login };
  return null;
}

/** `POST /api/hooks/github`: `signature` is X-Hub-Signature-256 (`sha256=<hex>`). */
export async function receiveGithubHook(
  deps: AppDeps,
  signature: string | undefined,
  body: string,
): Promise<HookOutcome> {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? "")?.[1];
  if (!hex) throw REFUSED();
  const sent = hex.toLowerCase();
  const match = (await connectionsWithSecrets(deps, "github")).find(({ secret }) =>
    secretsEqual(createHmac("sha256", secret).update(body, "utf8").digest("hex"), sent),
  );
  if (!match) throw REFUSED();
  return refreshMatching(deps, match.connection, eventOf(body, githubEvent));
}
