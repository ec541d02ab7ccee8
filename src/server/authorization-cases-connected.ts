/**
 * The authorization matrix's cases for sources, connections, incoming hooks, KPIs and outgoing
 * webhooks.
 */
import {
  ADMINS,
  type Case,
  EDITORS,
  freshKpi,
  freshWebhook,
  OWNERS,
  PUBLIC,
  SIGNED_IN,
  sourceBody,
  unique,
} from "./authorization-support.js";

export const CONNECTED_CASES: Record<string, Case> = {
  "GET /api/key-results/{id}/source": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/source` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/key-results/{id}/source": {
    call: async (f) => ({
      path: `/api/key-results/${f.keyResultId}/source`,
      body: await sourceBody(f),
    }),
    expect: EDITORS(200),
  },
  "DELETE /api/key-results/{id}/source": {
    call: async (f) => {
      await f.admin("PUT", `/api/key-results/${f.keyResultId}/source`, await sourceBody(f));
      return { path: `/api/key-results/${f.keyResultId}/source` };
    },
    expect: OWNERS(204),
  },
  "POST /api/key-results/{id}/source/preview": {
    // Nothing listens where the connection points: the read fails, saying so (502).
    call: async (f) => ({
      path: `/api/key-results/${f.keyResultId}/source/preview`,
      body: await sourceBody(f),
    }),
    expect: EDITORS(502),
  },
  "POST /api/key-results/{id}/source/refresh": {
    call: async (f) => {
      await f.admin("PUT", `/api/key-results/${f.keyResultId}/source`, await sourceBody(f));
      return { path: `/api/key-results/${f.keyResultId}/source/refresh` };
    },
    expect: SIGNED_IN(202),
  },
  "GET /api/connections": { call: () => ({ path: "/api/connections" }), expect: SIGNED_IN(200) },
  "POST /api/connections": {
    call: () => ({
      path: "/api/connections",
      body: { name: `c${unique()}`, kind: "http", baseUrl: "http://127.0.0.1:9" },
    }),
    expect: ADMINS(201),
  },
  "DELETE /api/connections/{id}": {
    call: async (f) => {
      const made = await f.admin("POST", "/api/connections", {
        name: `c${unique()}`,
        kind: "http",
        baseUrl: "http://127.0.0.1:9",
      });
      return { path: `/api/connections/${made.id}` };
    },
    expect: ADMINS(204),
  },
  "POST /api/hooks/gitlab": {
    call: () => ({ path: "/api/hooks/gitlab", body: { object_kind: "issue" } }),
    expect: PUBLIC(401),
  },
  "POST /api/hooks/github": {
    call: () => ({ path: "/api/hooks/github", body: { action: "closed" } }),
    expect: PUBLIC(401),
  },
  "GET /api/kpis": { call: () => ({ path: "/api/kpis" }), expect: SIGNED_IN(200) },
  "POST /api/kpis": {
    call: () => ({ path: "/api/kpis", body: { name: `KPI ${unique()}`, targetHigh: 20 } }),
    expect: EDITORS(201),
  },
  "GET /api/kpis/{id}": {
    call: async (f) => ({
      path: `/api/kpis/${(await f.admin("POST", "/api/kpis", { name: `KPI ${unique()}` })).id}`,
    }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/kpis/{id}": {
    call: async (f) => {
      const kpi = await f.admin("POST", "/api/kpis", { name: `KPI ${unique()}` });
      return { path: `/api/kpis/${kpi.id}`, body: { version: kpi.version, unit: "min" } };
    },
    expect: EDITORS(200),
  },
  "DELETE /api/kpis/{id}": {
    call: async (f) => ({
      path: `/api/kpis/${(await f.admin("POST", "/api/kpis", { name: `KPI ${unique()}` })).id}`,
    }),
    expect: EDITORS(204),
  },
  "POST /api/kpis/{id}/readings": {
    call: async (f) => {
      const kpi = await f.admin("POST", "/api/kpis", {
        name: `KPI ${unique()}`,
        owner: "Olive Owner",
      });
      return { path: `/api/kpis/${kpi.id}/readings`, body: { value: 31 } };
    },
    expect: OWNERS(201),
  },
  "GET /api/key-results/{id}/kpi": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/kpi` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/key-results/{id}/kpi": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/kpi`, body: { kpiId: null } }),
    expect: OWNERS(200),
  },
  "GET /api/webhooks": { call: () => ({ path: "/api/webhooks" }), expect: ADMINS(200) },
  "POST /api/webhooks": {
    call: () => ({
      path: "/api/webhooks",
      body: { url: "http://127.0.0.1:9/matrix", events: ["period.closed"], active: false },
    }),
    expect: ADMINS(201),
  },
  "GET /api/webhooks/{id}": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}` }),
    expect: ADMINS(200),
  },
  "PATCH /api/webhooks/{id}": {
    call: async (f) => ({
      path: `/api/webhooks/${(await freshWebhook(f)).id}`,
      body: { description: "renamed" },
    }),
    expect: ADMINS(200),
  },
  "DELETE /api/webhooks/{id}": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}` }),
    expect: ADMINS(204),
  },
  "GET /api/webhooks/{id}/deliveries": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}/deliveries` }),
    expect: ADMINS(200),
  },
  "POST /api/webhooks/{id}/ping": {
    call: async (f) => ({ path: `/api/webhooks/${(await freshWebhook(f)).id}/ping` }),
    expect: ADMINS(202),
  },
  "POST /api/webhook-deliveries/{id}/redeliver": {
    call: async (f) => {
      const delivery = await f.admin("POST", `/api/webhooks/${(await freshWebhook(f)).id}/ping`);
      return { path: `/api/webhook-deliveries/${delivery.id}/redeliver` };
    },
    expect: ADMINS(202),
  },
  "PATCH /api/connections/{id}": {
    call: async (f) => {
      const made = await f.admin("POST", "/api/connections", {
        name: `c${unique()}`,
        kind: "http",
        baseUrl: "http://127.0.0.1:9",
      });
      return { path: `/api/connections/${made.id}`, body: { baseUrl: "http://127.0.0.1:10" } };
    },
    expect: ADMINS(200),
  },
  "GET /api/kpis/{id}/source": {
    call: async (f) => ({ path: `/api/kpis/${(await freshKpi(f)).id}/source` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/kpis/{id}/source": {
    call: async (f) => ({
      path: `/api/kpis/${(await freshKpi(f)).id}/source`,
      body: await sourceBody(f),
    }),
    expect: EDITORS(200),
  },
  "DELETE /api/kpis/{id}/source": {
    call: async (f) => {
      const kpi = await freshKpi(f);
      await f.admin("PUT", `/api/kpis/${kpi.id}/source`, await sourceBody(f));
      return { path: `/api/kpis/${kpi.id}/source` };
    },
    expect: EDITORS(204),
  },
  "POST /api/kpis/{id}/source/preview": {
    // Nothing listens where the connection points: the read fails, saying so (502).
    call: async (f) => ({
      path: `/api/kpis/${(await freshKpi(f)).id}/source/preview`,
      body: await sourceBody(f),
    }),
    expect: EDITORS(502),
  },
  "POST /api/kpis/{id}/source/refresh": {
    call: async (f) => {
      const kpi = await freshKpi(f);
      await f.admin("PUT", `/api/kpis/${kpi.id}/source`, await sourceBody(f));
      return { path: `/api/kpis/${kpi.id}/source/refresh` };
    },
    expect: SIGNED_IN(202),
  },
};
