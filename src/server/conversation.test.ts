/**
 * The conversation through the API on both databases: comments (sanitised Markdown, mentions
 * that notify, author-only edits), following, the bell's notifications, check-in corrections
 * that move the key result's shown progress, and the stale threshold as a setting.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import type { OpenedDatabase } from "../store/database.js";
import { insertPerson } from "../store/people.repository.js";
import { addAccount, openTestServer, readJson, type TestServer } from "./test-harness.js";

describe.each(DIALECTS)("the conversation on a key result (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let server: TestServer;
  let olive: string;
  let periodId: string;
  let objectiveId: string;
  let keyResultId: string;
  let secretObjectiveId: string;

  async function call(token: string, method: string, path: string, body?: unknown) {
    const response = await server.call(token, method, path, body);
    return {
      status: response.status,
      body: response.status === 204 ? null : await readJson(response),
    };
  }
  async function ok(token: string, method: string, path: string, body?: unknown) {
    const answer = await call(token, method, path, body);
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  const admin = () => server.accounts.admin.token;
  const editor = () => server.accounts.editor.token;
  const viewer = () => server.accounts.viewer.token;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    server = await openTestServer(opened);
    const personId = server.deps.newId();
    await insertPerson(server.deps.db, {
      id: personId,
      name: "Olive Owner",
      email: null,
      title: null,
      teamId: null,
    });
    olive = (await addAccount(server.deps, "olive@example.com", "viewer", { personId })).token;
    periodId = (await ok(admin(), "POST", "/api/periods", { label: "2026-Q1" })).id;
    objectiveId = (
      await ok(admin(), "POST", "/api/objectives", { periodId, title: "Delight customers" })
    ).id;
    keyResultId = (
      await ok(admin(), "POST", "/api/key-results", {
        objectiveId,
        title: "Raise NPS from 0 to 100",
        kind: "metric",
        start: 0,
        target: 100,
        owner: "Olive Owner",
      })
    ).id;
    secretObjectiveId = (
      await ok(admin(), "POST", "/api/objectives", {
        periodId,
        title: "Quiet acquisition",
        confidential: true,
      })
    ).id;
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("renders Markdown without script, event handlers or javascript: links", async () => {
    const body = [
      "**bold** <script>alert(1)</script>",
      '<img src=x onerror="alert(2)">',
      "[click](javascript:alert(3)) [ok](https://example.com/a) [mail](mailto:a@example.com)",
      "![pic](https://example.com/p.png)",
    ].join("\n\n");
    const comment = await ok(editor(), "POST", `/api/objectives/${objectiveId}/comments`, { body });
    expect(comment.html).toContain("<strong>bold</strong>");
    expect(comment.html).not.toMatch(/<script|<img|onerror="|href="javascript:/i);
    expect(comment.html).toContain("&lt;script&gt;");
    expect(comment.html).toContain('href="https://example.com/a"');
    expect(comment.html).toContain('href="mailto:a@example.com"');
    expect(comment.body).toBe(body);
  });

  it("notifies the person mentioned, who sees it under the bell and marks it read", async () => {
    const before = await ok(olive, "GET", "/api/notifications");
    const comment = await ok(editor(), "POST", `/api/key-results/${keyResultId}/comments`, {
      body: "What do you think, @olive owner?",
    });
    expect(comment.mentions).toEqual([{ id: expect.any(String), name: "Olive Owner" }]);
    const after = await ok(olive, "GET", "/api/notifications?unread=true");
    expect(after.unread).toBe(before.unread + 1);
    expect(after.notifications[0]).toMatchObject({
      kind: "mention",
      title: "editor mentioned you on “Raise NPS from 0 to 100”",
      link: `/key-results/${keyResultId}?comment=${comment.id}`,
      readAt: null,
    });
    // The author hears nothing of their own comment.
    expect((await ok(editor(), "GET", "/api/notifications")).notifications).toEqual([]);
    const marked = await ok(olive, "POST", "/api/notifications/read", {
      ids: [after.notifications[0].id],
    });
    expect(marked).toEqual({ marked: 1, unread: after.unread - 1 });
    await ok(olive, "POST", "/api/notifications/read", {});
    expect((await ok(olive, "GET", "/api/notifications")).unread).toBe(0);
  });

  it("tells earlier commenters of a reply and followers of a comment", async () => {
    await ok(viewer(), "POST", `/api/objectives/${objectiveId}/follow`);
    await ok(admin(), "POST", `/api/objectives/${objectiveId}/comments`, { body: "A question" });
    const viewerSaw = await ok(viewer(), "GET", "/api/notifications");
    expect(viewerSaw.notifications[0]).toMatchObject({ kind: "comment" });
    // The editor commented on this objective before: a reply.
    const editorSaw = await ok(editor(), "GET", "/api/notifications");
    expect(editorSaw.notifications[0]).toMatchObject({
      kind: "reply",
      title: "admin replied on “Delight customers”",
    });
    await ok(viewer(), "DELETE", `/api/objectives/${objectiveId}/follow`);
    expect(await ok(viewer(), "GET", `/api/objectives/${objectiveId}/follow`)).toEqual({
      following: false,
      owner: false,
    });
  });

  it("lets owners follow their own by default: a check-in notifies them until they unfollow", async () => {
    expect(await ok(olive, "GET", `/api/key-results/${keyResultId}/follow`)).toEqual({
      following: true,
      owner: true,
    });
    const { unread } = await ok(olive, "GET", "/api/notifications");
    await ok(editor(), "POST", `/api/key-results/${keyResultId}/check-ins`, {
      value: 40,
      note: "steady",
    });
    const after = await ok(olive, "GET", "/api/notifications");
    expect(after.unread).toBe(unread + 1);
    expect(after.notifications[0]).toMatchObject({
      kind: "check_in",
      body: "Progress 40% · steady",
    });
    // A change by someone else reaches the owner too.
    const current = await ok(editor(), "GET", `/api/key-results/${keyResultId}`);
    await ok(editor(), "PATCH", `/api/key-results/${keyResultId}`, {
      version: current.version,
      outcome: "Surveys weekly",
    });
    const changed = await ok(olive, "GET", "/api/notifications");
    expect(changed.notifications[0]).toMatchObject({
      kind: "change",
      title: "editor changed “Raise NPS from 0 to 100”",
    });
    const { unread: beforeUnfollow } = changed;
    await ok(olive, "DELETE", `/api/key-results/${keyResultId}/follow`);
    await ok(editor(), "POST", `/api/key-results/${keyResultId}/check-ins`, { value: 45 });
    expect((await ok(olive, "GET", "/api/notifications")).unread).toBe(beforeUnfollow);
    expect(beforeUnfollow).toBe(unread + 2);
    await ok(olive, "POST", `/api/key-results/${keyResultId}/follow`);
  });

  it("lets only the author edit, and the author or an admin delete, each audited", async () => {
    const comment = await ok(editor(), "POST", `/api/objectives/${objectiveId}/comments`, {
      body: "Draft",
    });
    expect(
      (await call(admin(), "PATCH", `/api/comments/${comment.id}`, { body: "x" })).status,
    ).toBe(403);
    const edited = await ok(editor(), "PATCH", `/api/comments/${comment.id}`, {
      body: "Final, @Olive Owner",
    });
    expect(edited).toMatchObject({ body: "Final, @Olive Owner", edited: true, canEdit: true });
    expect((await ok(olive, "GET", "/api/notifications")).notifications[0]).toMatchObject({
      kind: "mention",
    });
    expect((await call(viewer(), "DELETE", `/api/comments/${comment.id}`)).status).toBe(403);
    expect((await call(admin(), "DELETE", `/api/comments/${comment.id}`)).status).toBe(204);
    const list = await ok(viewer(), "GET", `/api/objectives/${objectiveId}/comments`);
    expect(list.comments.map((c: { id: string }) => c.id)).not.toContain(comment.id);
    const audit = await ok(admin(), "GET", `/api/audit?entity=comment&entityId=${comment.id}`);
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual([
      "delete",
      "update",
      "create",
    ]);
    expect((await call(editor(), "PATCH", "/api/comments/nope", { body: "x" })).status).toBe(404);
    expect(
      (await call(editor(), "POST", `/api/objectives/${objectiveId}/comments`, { body: " " })).body,
    ).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining("body") } });
  });

  it("hides comments on a confidential objective from non-insiders, and refuses them as the item", async () => {
    const comment = await ok(admin(), "POST", `/api/objectives/${secretObjectiveId}/comments`, {
      body: "@Olive Owner keep this quiet",
    });
    // Olive is no insider: mentioned, but told nothing of an item she may not see.
    const told = await ok(olive, "GET", "/api/notifications");
    expect(JSON.stringify(told)).not.toContain("Quiet acquisition");
    for (const [method, path, body] of [
      ["GET", `/api/objectives/${secretObjectiveId}/comments`, undefined],
      ["POST", `/api/objectives/${secretObjectiveId}/comments`, { body: "hi" }],
      ["PATCH", `/api/comments/${comment.id}`, { body: "hi" }],
      ["DELETE", `/api/comments/${comment.id}`, undefined],
      ["POST", `/api/objectives/${secretObjectiveId}/follow`, undefined],
    ] as const) {
      const answer = await call(viewer(), method, path, body);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
    const insider = await ok(
      server.accounts.insider.token,
      "GET",
      `/api/objectives/${secretObjectiveId}/comments`,
    );
    expect(insider.comments).toHaveLength(1);
  });

  it("recomputes the key result from its history when a check-in is corrected or deleted", async () => {
    const kr = await ok(admin(), "POST", "/api/key-results", {
      objectiveId,
      title: "Ship 10 releases",
      kind: "metric",
      start: 0,
      target: 10,
      owner: "Olive Owner",
    });
    const first = await ok(olive, "POST", `/api/key-results/${kr.id}/check-ins`, {
      value: 2,
      health: "on_track",
    });
    const second = await ok(olive, "POST", `/api/key-results/${kr.id}/check-ins`, { value: 6 });
    const tree = async () =>
      (await ok(viewer(), "GET", `/api/periods/${periodId}/tree`)) as {
        roots: { keyResults: { keyResult: { id: string; progress: number } }[] }[];
      };
    const progressInTree = async () =>
      (await tree()).roots.flatMap((o) => o.keyResults).find((k) => k.keyResult.id === kr.id)
        ?.keyResult.progress;
    expect(await progressInTree()).toBeCloseTo(0.6);
    const corrected = await ok(olive, "PATCH", `/api/check-ins/${second.checkIn.id}`, {
      value: 5,
      note: "miscounted",
    });
    expect(corrected.checkIn).toMatchObject({ value: 5, progress: 0.5, note: "miscounted" });
    expect(corrected.keyResult).toMatchObject({ current: 5, progress: 0.5, health: "on_track" });
    // The cached tree moved with it.
    expect(await progressInTree()).toBeCloseTo(0.5);
    // Not the author: refused; an editor may delete.
    expect(
      (await call(editor(), "PATCH", `/api/check-ins/${second.checkIn.id}`, { value: 9 })).status,
    ).toBe(403);
    expect((await call(olive, "DELETE", `/api/check-ins/${second.checkIn.id}`)).status).toBe(403);
    const deleted = await ok(editor(), "DELETE", `/api/check-ins/${second.checkIn.id}`);
    expect(deleted.keyResult).toMatchObject({ current: 2, progress: 0.2 });
    expect(await progressInTree()).toBeCloseTo(0.2);
    const history = await ok(viewer(), "GET", `/api/key-results/${kr.id}/check-ins`);
    expect(history.checkIns.map((c: { id: string }) => c.id)).toEqual([first.checkIn.id]);
    const audit = await ok(admin(), "GET", `/api/audit?entity=key_result&entityId=${kr.id}`);
    expect(audit.events.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      "delete_check_in",
      "correct_check_in",
    ]);
    expect(
      (await call(olive, "PATCH", `/api/check-ins/${first.checkIn.id}`, {})).body,
    ).toMatchObject({
      error: { code: "invalid_input" },
    });
  });

  it("scores what is left against the target as it is now when a check-in is deleted", async () => {
    const kr = await ok(admin(), "POST", "/api/key-results", {
      objectiveId,
      title: "Answer 100 tickets a day",
      kind: "metric",
      start: 0,
      target: 100,
      owner: "Olive Owner",
    });
    await ok(olive, "POST", `/api/key-results/${kr.id}/check-ins`, { value: 50 });
    const raised = await ok(admin(), "PATCH", `/api/key-results/${kr.id}`, {
      target: 200,
      version: (await ok(viewer(), "GET", `/api/key-results/${kr.id}`)).version,
    });
    expect(raised).toMatchObject({ current: 50, progress: 0.25 });
    const later = await ok(olive, "POST", `/api/key-results/${kr.id}/check-ins`, { value: 60 });
    expect(later.keyResult).toMatchObject({ current: 60, progress: 0.3 });
    // 50 of 0 → 200 is 25%, not the 50% it was when the target was 100.
    const deleted = await ok(editor(), "DELETE", `/api/check-ins/${later.checkIn.id}`);
    expect(deleted.keyResult).toMatchObject({ current: 50, progress: 0.25 });
  });

  it("refuses a non-insider's value correction on a confidential target, as a check-in", async () => {
    const kr = await ok(admin(), "POST", "/api/key-results", {
      objectiveId,
      title: "Reach the secret number",
      kind: "metric",
      start: 0,
      target: 1000,
      targetConfidential: true,
      owner: "Olive Owner",
    });
    const made = await ok(olive, "POST", `/api/key-results/${kr.id}/check-ins`, { progress: 0.3 });
    const refused = await call(olive, "PATCH", `/api/check-ins/${made.checkIn.id}`, { value: 500 });
    const asCheckIn = await call(olive, "POST", `/api/key-results/${kr.id}/check-ins`, {
      value: 500,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(asCheckIn.body.error.message);
    const note = await ok(olive, "PATCH", `/api/check-ins/${made.checkIn.id}`, { note: "ok" });
    expect(note.checkIn).toMatchObject({ note: "ok", value: null, hidden: true });
  });

  it("makes the stale threshold a setting the dashboard and My OKRs read", async () => {
    const before = await ok(viewer(), "GET", `/api/periods/${periodId}/dashboard`);
    expect(before.staleDays).toBe(14);
    expect((await ok(olive, "GET", "/api/me/okrs")).staleDays).toBe(14);
    const settings = await ok(admin(), "PUT", "/api/settings", { staleDays: 3 });
    expect(settings.staleDays).toBe(3);
    expect((await ok(viewer(), "GET", `/api/periods/${periodId}/dashboard`)).staleDays).toBe(3);
    expect((await ok(olive, "GET", "/api/me/okrs")).staleDays).toBe(3);
    const bad = await call(admin(), "PUT", "/api/settings", { staleDays: 0 });
    expect(bad.body).toMatchObject({
      error: { code: "invalid_input", message: expect.stringContaining("staleDays") },
    });
    await ok(admin(), "PUT", "/api/settings", { staleDays: 14 });
  });
});
