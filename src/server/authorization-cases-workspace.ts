/**
 * The authorization matrix's cases for periods, people, teams, search, jobs, the audit trail,
 * import and export.
 */
import {
  ADMINS,
  CAN_PRINT,
  type Case,
  EDITORS,
  freshLabel,
  HANDBOOK_PAGE,
  SIGNED_IN,
  unique,
} from "./authorization-support.js";

export const WORKSPACE_CASES: Record<string, Case> = {
  "GET /api/periods": { call: () => ({ path: "/api/periods" }), expect: SIGNED_IN(200) },
  "POST /api/periods": {
    call: () => ({ path: "/api/periods", body: { label: freshLabel() } }),
    expect: EDITORS(201),
  },
  "GET /api/periods/{id}": {
    call: (f) => ({ path: `/api/periods/${f.periodId}` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/periods/{id}/close": {
    call: async (f) => {
      const period = await f.admin("POST", "/api/periods", { label: freshLabel() });
      return { path: `/api/periods/${period.id}/close` };
    },
    expect: EDITORS(200),
  },
  "POST /api/periods/{id}/reopen": {
    call: async (f) => {
      const period = await f.admin("POST", "/api/periods", { label: freshLabel() });
      await f.admin("POST", `/api/periods/${period.id}/close`);
      return { path: `/api/periods/${period.id}/reopen` };
    },
    expect: ADMINS(200),
  },
  "GET /api/periods/{id}/review": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/review` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/periods/{id}/review.pdf": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/review.pdf` }),
    // Printed by Chromium from the built web app: without either, 503 renderer_unavailable.
    expect: SIGNED_IN(CAN_PRINT ? 200 : 503),
  },
  "GET /api/periods/{id}/dashboard": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/dashboard?staleDays=7` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/periods/{id}/dashboard/{list}": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/dashboard/stale?offset=0&limit=5` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/periods/{id}/retrospectives": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/retrospectives` }),
    expect: SIGNED_IN(200),
  },
  "PUT /api/periods/{id}/retrospectives": {
    call: (f) => ({
      path: `/api/periods/${f.periodId}/retrospectives`,
      body: { retrospectives: [{ team: "Support", good: ["fast"], bad: [], try: ["faster"] }] },
    }),
    expect: EDITORS(200),
  },
  "GET /api/people": { call: () => ({ path: "/api/people" }), expect: SIGNED_IN(200) },
  "POST /api/people": {
    call: () => ({ path: "/api/people", body: { name: `Person ${unique()}` } }),
    expect: EDITORS(201),
  },
  "GET /api/people/{id}": {
    call: (f) => ({ path: `/api/people/${f.personId}` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/people/{id}": {
    call: async (f) => {
      const person = await f.admin("POST", "/api/people", { name: `Person ${unique()}` });
      return { path: `/api/people/${person.id}`, body: { title: "CFO" } };
    },
    expect: EDITORS(200),
  },
  "DELETE /api/people/{id}": {
    call: async (f) => {
      const person = await f.admin("POST", "/api/people", { name: `Person ${unique()}` });
      return { path: `/api/people/${person.id}` };
    },
    expect: EDITORS(204),
  },
  "GET /api/teams": { call: () => ({ path: "/api/teams" }), expect: SIGNED_IN(200) },
  "POST /api/teams": {
    call: () => ({ path: "/api/teams", body: { name: `Team ${unique()}` } }),
    expect: EDITORS(201),
  },
  "GET /api/teams/{id}": {
    call: (f) => ({ path: `/api/teams/${f.teamId}` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/teams/{id}": {
    call: async (f) => {
      const team = await f.admin("POST", "/api/teams", { name: `Team ${unique()}` });
      return { path: `/api/teams/${team.id}`, body: { parentId: f.teamId } };
    },
    expect: EDITORS(200),
  },
  "DELETE /api/teams/{id}": {
    call: async (f) => {
      const team = await f.admin("POST", "/api/teams", { name: `Team ${unique()}` });
      return { path: `/api/teams/${team.id}` };
    },
    expect: EDITORS(204),
  },
  "GET /api/me/okrs": { call: () => ({ path: "/api/me/okrs" }), expect: SIGNED_IN(200) },
  "GET /api/search": {
    call: () => ({ path: "/api/search?q=objective&status=in_progress" }),
    expect: SIGNED_IN(200),
  },
  "GET /api/jobs": {
    call: () => ({ path: "/api/jobs" }),
    expect: ADMINS(200),
  },
  "GET /api/audit": {
    call: () => ({ path: "/api/audit?entity=objective&limit=5" }),
    expect: ADMINS(200),
  },
  "POST /api/import/preview": {
    call: () => ({ path: "/api/import/preview", body: { markdown: HANDBOOK_PAGE } }),
    expect: EDITORS(200),
  },
  "POST /api/import/apply": {
    call: () => ({ path: "/api/import/apply", body: { markdown: HANDBOOK_PAGE } }),
    expect: EDITORS(200),
  },
  "GET /api/export": {
    call: (f) => ({ path: `/api/export?periodId=${f.periodId}&format=md` }),
    expect: SIGNED_IN(200),
  },
};
