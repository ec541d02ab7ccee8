/**
 * Connections to GitLab, GitHub, Prometheus and JSON endpoints, one set per workspace. Admins
 * add and remove them; anyone signed in lists them (to pick one for a source), never with a
 * token: tokens and webhook secrets are sealed (`secret-box.ts`) before they are stored and
 * opened only for the call that needs them.
 */
import { OkrError } from "../core/errors.js";
import type { ConnectionKind } from "../core/sources.js";
import type { Id, IsoDateTime } from "../core/types.js";
import { withTransaction } from "../store/db.js";
import {
  type ConnectionRecord,
  countSourcesOfConnection,
  deleteConnection,
  findConnection,
  insertConnection,
  listConnections as listConnectionRows,
  listSources,
  updateConnection as updateConnectionRow,
} from "../store/sources.repository.js";
import { nowIso, recordAudit } from "./context.js";
import type { Actor, AppDeps } from "./deps.js";
import { parseInput } from "./input.js";
import { assertAdmin } from "./permissions.js";
import { openSecret, sealSecret, secretKey } from "./secret-box.js";
import { ConnectionInputSchema, ConnectionUpdateSchema } from "./source-schemas.js";
import type { ConnectionAccess } from "./sources/index.js";

/** A connection as the API shows it: whether it has a token, never the token. */
export interface ConnectionView {
  id: Id;
  name: string;
  kind: ConnectionKind;
  baseUrl: string;
  hasToken: boolean;
  hasWebhookSecret: boolean;
  authHeader: string | null;
  /** Key results reading through it, and how many of those failed their last refresh. */
  sources: number;
  failingSources: number;
  lastSuccessAt: IsoDateTime | null;
  lastError: string | null;
  lastErrorAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

function viewOf(c: ConnectionRecord, sources = 0, failingSources = 0): ConnectionView {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    baseUrl: c.baseUrl,
    hasToken: c.tokenCipher !== null,
    hasWebhookSecret: c.webhookSecretCipher !== null,
    authHeader: c.authHeader,
    sources,
    failingSources,
    lastSuccessAt: c.lastSuccessAt,
    lastError: c.lastError,
    lastErrorAt: c.lastErrorAt,
    createdAt: c.createdAt,
  };
}

/** What the audit trail keeps of a connection: everything but its secrets. */
function auditedOf(c: ConnectionRecord) {
  return {
    name: c.name,
    kind: c.kind,
    baseUrl: c.baseUrl,
    token: c.tokenCipher ? "[redacted]" : null,
    webhookSecret: c.webhookSecretCipher ? "[redacted]" : null,
  };
}

export async function listConnections(deps: AppDeps, _actor: Actor): Promise<ConnectionView[]> {
  const [connections, sources] = await Promise.all([
    listConnectionRows(deps.db),
    listSources(deps.db),
  ]);
  return connections.map((c) => {
    const own = sources.filter((s) => s.connectionId === c.id);
    return viewOf(c, own.length, own.filter((s) => s.lastError !== null).length);
  });
}

export async function addConnection(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<ConnectionView> {
  assertAdmin(actor, "add connections");
  const data = parseInput(ConnectionInputSchema, input);
  // Refused before anything is stored: a token that could not be opened later is no use.
  const key = data.token || data.webhookSecret ? secretKey() : null;
  const id = deps.newId();
  const at = nowIso(deps);
  const record: ConnectionRecord = {
    id,
    name: data.name,
    kind: data.kind,
    baseUrl: data.baseUrl.replace(/\/+$/, ""),
    tokenCipher: data.token && key ? sealSecret(data.token, `${id}:token`, key) : null,
    webhookSecretCipher:
      data.webhookSecret && key ? sealSecret(data.webhookSecret, `${id}:webhook`, key) : null,
    authHeader: data.authHeader ?? null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    createdAt: at,
    updatedAt: at,
  };
  return withTransaction(deps.db, async (trx) => {
    if (await findConnection(trx, data.name))
      throw new OkrError("conflict", `A connection named '${data.name}' exists already`, [
        { path: "name", message: "is taken" },
      ]);
    await insertConnection(trx, record);
    await recordAudit(trx, deps, actor, {
      action: "connection_added",
      entity: "connection",
      entityId: id,
      before: null,
      after: auditedOf(record),
    });
    return viewOf(record);
  });
}

/**
 * Changes a connection's name, base URL, header, token or webhook secret. A secret left blank
 * is kept, null removes it; its sources keep reading through it (by id). The audit trail
 * records what changed, secrets only as `[redacted]` and whether they changed.
 */
export async function updateConnection(
  deps: AppDeps,
  actor: Actor,
  idOrName: string,
  input: unknown,
): Promise<ConnectionView> {
  assertAdmin(actor, "change connections");
  const data = parseInput(ConnectionUpdateSchema, input);
  const newToken = data.token ? data.token : data.token === null ? null : undefined;
  const newSecret = data.webhookSecret
    ? data.webhookSecret
    : data.webhookSecret === null
      ? null
      : undefined;
  const key = newToken || newSecret ? secretKey() : null;
  return withTransaction(deps.db, async (trx) => {
    const before = await getConnection(trx, idOrName);
    if (data.name !== undefined && data.name !== before.name) {
      const taken = await findConnection(trx, data.name);
      if (taken && taken.id !== before.id)
        throw new OkrError("conflict", `A connection named '${data.name}' exists already`, [
          { path: "name", message: "is taken" },
        ]);
    }
    const seal = (secret: string | null | undefined, purpose: string) =>
      secret === undefined
        ? undefined
        : secret === null || key === null
          ? null
          : sealSecret(secret, `${before.id}:${purpose}`, key);
    const patch = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.baseUrl !== undefined ? { baseUrl: data.baseUrl.replace(/\/+$/, "") } : {}),
      ...(data.authHeader !== undefined ? { authHeader: data.authHeader } : {}),
      ...(newToken !== undefined ? { tokenCipher: seal(newToken, "token") ?? null } : {}),
      ...(newSecret !== undefined
        ? { webhookSecretCipher: seal(newSecret, "webhook") ?? null }
        : {}),
    };
    const at = nowIso(deps);
    await updateConnectionRow(trx, before.id, patch, at);
    const after: ConnectionRecord = { ...before, ...patch, updatedAt: at };
    await recordAudit(trx, deps, actor, {
      action: "connection_updated",
      entity: "connection",
      entityId: before.id,
      before: auditedOf(before),
      after: {
        ...auditedOf(after),
        tokenChanged: newToken !== undefined,
        webhookSecretChanged: newSecret !== undefined,
      },
    });
    const own = await listSources(trx, before.id);
    return viewOf(after, own.length, own.filter((s) => s.lastError !== null).length);
  });
}

/** Removes a connection no source reads through (`conflict` naming how many do). */
export async function removeConnection(
  deps: AppDeps,
  actor: Actor,
  idOrName: string,
): Promise<void> {
  assertAdmin(actor, "remove connections");
  await withTransaction(deps.db, async (trx) => {
    const found = await getConnection(trx, idOrName);
    const used = await countSourcesOfConnection(trx, found.id);
    if (used > 0)
      throw new OkrError(
        "conflict",
        used === 1
          ? `1 source reads through '${found.name}': remove it from its key result or KPI first`
          : `${used} sources read through '${found.name}': remove them from their key results or KPIs first`,
      );
    await deleteConnection(trx, found.id);
    await recordAudit(trx, deps, actor, {
      action: "connection_removed",
      entity: "connection",
      entityId: found.id,
      before: auditedOf(found),
      after: null,
    });
  });
}

/** A connection by id or name, or `not_found`. */
export async function getConnection(
  db: AppDeps["db"],
  idOrName: string,
): Promise<ConnectionRecord> {
  const found = await findConnection(db, idOrName);
  if (!found) throw new OkrError("not_found", `Connection ${idOrName} not found`);
  return found;
}

/** The connection with its token opened, for one call. */
export function accessOf(c: ConnectionRecord): ConnectionAccess {
  return {
    kind: c.kind,
    baseUrl: c.baseUrl,
    token: c.tokenCipher ? openSecret(c.tokenCipher, `${c.id}:token`) : null,
    authHeader: c.authHeader,
  };
}

/** The connection's webhook secret in clear, or null when it has none. */
export function webhookSecretOf(c: ConnectionRecord): string | null {
  return c.webhookSecretCipher ? openSecret(c.webhookSecretCipher, `${c.id}:webhook`) : null;
}
