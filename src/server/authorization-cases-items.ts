/**
 * The authorization matrix's cases for objectives, key results, links, comments, follows,
 * notifications and check-ins.
 */
import {
  ADMINS,
  type Case,
  EDITORS,
  freshKeyResult,
  freshObjective,
  OWNERS,
  SIGNED_IN,
  unique,
} from "./authorization-support.js";

export const ITEMS_CASES: Record<string, Case> = {
  "POST /api/objectives": {
    call: (f) => ({
      path: "/api/objectives",
      body: {
        periodId: f.periodId,
        title: `Aligned ${unique()}`,
        parentObjectiveId: f.objectiveId,
      },
    }),
    expect: OWNERS(201),
  },
  "GET /api/objectives/{id}": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/objectives/{id}/roll-up": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/roll-up` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/objectives/{id}": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}`, body: { version: o.version, title: "Renamed" } };
    },
    expect: OWNERS(200),
  },
  "POST /api/objectives/{id}/move": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/move`, body: { version: o.version, position: 0 } };
    },
    expect: OWNERS(200),
  },
  "POST /api/objectives/{id}/reorder": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/reorder`, body: { version: o.version, position: 0 } };
    },
    expect: OWNERS(200),
  },
  "POST /api/objectives/{id}/archive": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/archive`, body: { version: o.version } };
    },
    expect: OWNERS(200),
  },
  "GET /api/periods/{id}/tree": {
    call: (f) => ({ path: `/api/periods/${f.periodId}/tree` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives/{id}/carry-over": {
    call: async (f) => {
      const o = await freshObjective(f);
      return { path: `/api/objectives/${o.id}/carry-over`, body: { version: o.version } };
    },
    expect: OWNERS(201),
  },
  "POST /api/objectives/{id}/links": {
    call: (f) => ({
      path: `/api/objectives/${f.objectiveId}/links`,
      body: { kind: "issue", text: "#1", url: "https://example.com/issues/1" },
    }),
    expect: OWNERS(201),
  },
  "POST /api/key-results/{id}/carry-over": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}/carry-over`, body: { version: kr.version } };
    },
    expect: OWNERS(201),
  },
  "POST /api/key-results/{id}/links": {
    call: (f) => ({
      path: `/api/key-results/${f.keyResultId}/links`,
      body: { kind: "epic", text: "&2", url: "https://example.com/epics/2" },
    }),
    expect: OWNERS(201),
  },
  "DELETE /api/links/{id}": {
    call: async (f) => {
      const link = await f.admin("POST", `/api/objectives/${f.objectiveId}/links`, {
        kind: "document",
        text: "doc",
        url: "https://example.com/doc",
      });
      return { path: `/api/links/${link.id}` };
    },
    expect: OWNERS(204),
  },
  "POST /api/key-results": {
    call: (f) => ({
      path: "/api/key-results",
      body: { objectiveId: f.objectiveId, title: `KR ${unique()}`, kind: "percentage" },
    }),
    expect: OWNERS(201),
  },
  "GET /api/key-results/{id}": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}` }),
    expect: SIGNED_IN(200),
  },
  "PATCH /api/key-results/{id}": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}`, body: { version: kr.version, title: "Renamed" } };
    },
    expect: OWNERS(200),
  },
  "POST /api/key-results/{id}/move": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}/move`, body: { version: kr.version, position: 0 } };
    },
    expect: OWNERS(200),
  },
  "POST /api/key-results/{id}/reorder": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return {
        path: `/api/key-results/${kr.id}/reorder`,
        body: { version: kr.version, position: 0 },
      };
    },
    expect: OWNERS(200),
  },
  "POST /api/key-results/{id}/archive": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      return { path: `/api/key-results/${kr.id}/archive`, body: { version: kr.version } };
    },
    expect: OWNERS(200),
  },
  "GET /api/key-results/{id}/check-ins": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/check-ins` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/key-results/{id}/check-ins": {
    call: (f) => ({
      path: `/api/key-results/${f.keyResultId}/check-ins`,
      body: { value: 5, note: "matrix" },
    }),
    expect: OWNERS(201),
  },
  "GET /api/objectives/{id}/comments": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/comments` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives/{id}/comments": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/comments`, body: { body: "Nice" } }),
    expect: SIGNED_IN(201),
  },
  "GET /api/key-results/{id}/comments": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/comments` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/key-results/{id}/comments": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/comments`, body: { body: "Nice" } }),
    expect: SIGNED_IN(201),
  },
  "GET /api/objectives/{id}/follow": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/objectives/{id}/follow": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "DELETE /api/objectives/{id}/follow": {
    call: (f) => ({ path: `/api/objectives/${f.objectiveId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "GET /api/key-results/{id}/follow": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "POST /api/key-results/{id}/follow": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/follow` }),
    expect: SIGNED_IN(200),
  },
  "DELETE /api/key-results/{id}/follow": {
    call: (f) => ({ path: `/api/key-results/${f.keyResultId}/follow` }),
    expect: SIGNED_IN(200),
  },
  // The admin wrote the comment: only its author edits it; its author (or an admin) deletes it.
  "PATCH /api/comments/{id}": {
    call: async (f) => {
      const comment = await f.admin("POST", `/api/objectives/${f.objectiveId}/comments`, {
        body: "First draft",
      });
      return { path: `/api/comments/${comment.id}`, body: { body: "Second draft" } };
    },
    expect: ADMINS(200),
  },
  "DELETE /api/comments/{id}": {
    call: async (f) => {
      const comment = await f.admin("POST", `/api/key-results/${f.keyResultId}/comments`, {
        body: "To delete",
      });
      return { path: `/api/comments/${comment.id}` };
    },
    expect: ADMINS(204),
  },
  "GET /api/notifications": {
    call: () => ({ path: "/api/notifications?unread=true&limit=5" }),
    expect: SIGNED_IN(200),
  },
  "POST /api/notifications/read": {
    call: () => ({ path: "/api/notifications/read", body: {} }),
    expect: SIGNED_IN(200),
  },
  // The admin made the check-in: only its author corrects it; editors delete any.
  "PATCH /api/check-ins/{id}": {
    call: async (f) => {
      const kr = await freshKeyResult(f);
      const made = (await f.admin("POST", `/api/key-results/${kr.id}/check-ins`, {
        value: 3,
      })) as unknown as { checkIn: { id: string } };
      return { path: `/api/check-ins/${made.checkIn.id}`, body: { note: "corrected" } };
    },
    expect: ADMINS(200),
  },
  "DELETE /api/check-ins/{id}": {
    call: async (f) => {
      const made = (await f.admin("POST", `/api/key-results/${f.keyResultId}/check-ins`, {
        value: 4,
      })) as unknown as { checkIn: { id: string } };
      return { path: `/api/check-ins/${made.checkIn.id}` };
    },
    expect: { ...EDITORS(200), owner: 403 },
  },
};
