/** A key result's source of progress, the workspace's connections, and webhooks in. */
import {
  addConnection,
  listConnections,
  removeConnection,
  updateConnection,
} from "../../app/connections.js";
import { keyResultOwner } from "../../app/owner-sources.js";
import { receiveGithubHook, receiveGitlabHook } from "../../app/source-hooks.js";
import { ConnectionInputSchema, ConnectionUpdateSchema } from "../../app/source-schemas.js";
import { IdParamsSchema } from "../../contract/schemas.js";
import {
  ConnectionListSchema,
  ConnectionSchema,
  HookOutcomeSchema,
} from "../../contract/sources.js";
import type { RouteContext } from "../context.js";
import { actorOf } from "../present.js";
import { defineRoute, jsonBody, jsonResponse } from "../route.js";
import { registerOwnerSourceRoutes } from "./owner-source-routes.js";

export function registerSourceRoutes(ctx: RouteContext): void {
  const { deps } = ctx;
  registerOwnerSourceRoutes(ctx, {
    segment: "key-results",
    tags: ["sources"],
    owner: keyResultOwner,
    write: "signed_in",
    summaries: {
      get: "The key result's source of progress (null when it has none), with its last reading and error",
      set: "Set the key result's source (as for editing it); its first refresh is queued",
      remove: "Remove the key result's source (its check-ins stay in the history)",
      preview:
        "Read a source without saving it: what it would check in (502 upstream_failed says why it could not be read)",
      refresh: "Queue a refresh of the key result's source now; the answer does not wait for it",
    },
    previewReading: "The reading, e.g. 7 of 12 closed → 58%",
  });

  defineRoute(
    ctx,
    {
      method: "get",
      path: "/api/connections",
      access: "signed_in",
      tags: ["connections"],
      summary: "The workspace's connections with their last errors (never their tokens)",
      responses: { 200: jsonResponse(ConnectionListSchema, "The connections") },
    },
    async (c) => c.json({ connections: await listConnections(deps, actorOf(c)) }, 200),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/connections",
      access: "admin",
      tags: ["connections"],
      summary: "Add a connection: base URL, token (stored encrypted), webhook secret",
      request: { body: jsonBody(ConnectionInputSchema) },
      responses: { 201: jsonResponse(ConnectionSchema, "The connection") },
    },
    async (c) => c.json(await addConnection(deps, actorOf(c), c.req.valid("json")), 201),
  );
  defineRoute(
    ctx,
    {
      method: "patch",
      path: "/api/connections/{id}",
      access: "admin",
      tags: ["connections"],
      summary:
        "Change a connection's name, base URL, header, token or webhook secret (a secret left blank is kept, null removes it); its sources keep reading through it",
      request: { params: IdParamsSchema, body: jsonBody(ConnectionUpdateSchema) },
      responses: { 200: jsonResponse(ConnectionSchema, "The connection, never its token") },
    },
    async (c) =>
      c.json(
        await updateConnection(deps, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
        200,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "delete",
      path: "/api/connections/{id}",
      access: "admin",
      tags: ["connections"],
      summary: "Remove a connection no source reads through (409 names how many do)",
      request: { params: IdParamsSchema },
      responses: { 204: { description: "Removed" } },
    },
    async (c) => {
      await removeConnection(deps, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/hooks/gitlab",
      access: "public",
      conflicts: false,
      tags: ["webhooks in"],
      summary:
        "GitLab webhook (issue, merge request, milestone events): refreshes the matching sources; X-Gitlab-Token must be a GitLab connection's webhook secret (else 401)",
      responses: { 202: jsonResponse(HookOutcomeSchema, "The key results being refreshed") },
    },
    async (c) =>
      c.json(
        await receiveGitlabHook(deps, c.req.header("x-gitlab-token"), await c.req.text()),
        202,
      ),
  );
  defineRoute(
    ctx,
    {
      method: "post",
      path: "/api/hooks/github",
      access: "public",
      conflicts: false,
      tags: ["webhooks in"],
      summary:
        "GitHub webhook: refreshes the matching sources; X-Hub-Signature-256 must be the HMAC-SHA256 of the raw body under a GitHub connection's webhook secret (else 401)",
      responses: { 202: jsonResponse(HookOutcomeSchema, "The key results being refreshed") },
    },
    async (c) =>
      c.json(
        await receiveGithubHook(deps, c.req.header("x-hub-signature-256"), await c.req.text()),
        202,
      ),
  );
}
