/**
 * The story the product is for, told through the API with nothing but a token: a period, an
 * objective with a decreasing metric, a milestone and a percentage, a check-in on each, and a
 * tree whose roll-up says how it got its score.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { createApiToken, createUser } from "../app/accounts.js";
import { SYSTEM_ACTOR } from "../app/deps.js";
import type { OpenedDatabase } from "../store/database.js";
import { createApp } from "./app.js";
import { depsOf, readJson, request } from "./test-harness.js";

// biome-ignore lint/suspicious/noExplicitAny: assertions read the JSON loosely
type Json = any;

describe.each(DIALECTS)("a script with an API token runs a quarter (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let call: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: Json }>;

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    const deps = depsOf(opened);
    const user = await createUser(deps, SYSTEM_ACTOR, {
      email: "ci@example.com",
      name: "CI",
      role: "editor",
      password: "ci password 1",
    });
    const { secret } = await createApiToken(deps, SYSTEM_ACTOR, { name: "ci" }, user.id);
    const app = createApp(deps);
    call = async (method, path, body) => {
      const response = await request(app, method, path, body, {
        authorization: `Bearer ${secret}`,
      });
      return {
        status: response.status,
        body: response.status === 204 ? null : await readJson(response),
      };
    };
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("creates, checks in, and reads the roll-up with its explanation", async () => {
    const period = await call("POST", "/api/periods", { label: "2026-Q1" });
    expect(period.status).toBe(201);
    expect(period.body).toMatchObject({ label: "2026-Q1", start: "2026-01-01", end: "2026-03-31" });

    const objective = await call("POST", "/api/objectives", {
      periodId: period.body.id,
      title: "Answer customers faster",
      owner: "VP Support",
    });
    expect(objective.status).toBe(201);

    const decreasing = await call("POST", "/api/key-results", {
      objectiveId: objective.body.id,
      title: "Reduce first response time from 70 mins to 56 mins",
      kind: "metric",
      unit: "duration",
      start: 70,
      target: 56,
    });
    const milestone = await call("POST", "/api/key-results", {
      objectiveId: objective.body.id,
      title: "Launch the help center",
      kind: "milestone",
    });
    const percentage = await call("POST", "/api/key-results", {
      objectiveId: objective.body.id,
      title: "Cover the top 100 questions in the docs",
      kind: "percentage",
    });
    for (const created of [decreasing, milestone, percentage]) expect(created.status).toBe(201);

    const first = await call("POST", `/api/key-results/${decreasing.body.id}/check-ins`, {
      value: 63,
      health: "on_track",
      confidence: 7,
      note: "half way there",
    });
    expect(first.status).toBe(201);
    expect(first.body.keyResult.progress).toBeCloseTo(0.5);
    const second = await call("POST", `/api/key-results/${milestone.body.id}/check-ins`, {
      progress: 1,
    });
    expect(second.body.keyResult.progress).toBe(1);
    const third = await call("POST", `/api/key-results/${percentage.body.id}/check-ins`, {
      progress: 0.4,
      health: "needs_attention",
    });
    expect(third.body.keyResult.progress).toBeCloseTo(0.4);

    const history = await call("GET", `/api/key-results/${decreasing.body.id}/check-ins`);
    expect(history.body.checkIns).toHaveLength(1);
    expect(history.body.checkIns[0]).toMatchObject({
      value: 63,
      note: "half way there",
      authorName: "CI",
    });

    const tree = await call("GET", `/api/periods/${period.body.id}/tree`);
    expect(tree.status).toBe(200);
    expect(tree.body.roots).toHaveLength(1);
    const root = tree.body.roots[0];
    expect(root.objective.title).toBe("Answer customers faster");
    expect(root.keyResults.map((n: { keyResult: { kind: string } }) => n.keyResult.kind)).toEqual([
      "metric",
      "milestone",
      "percentage",
    ]);
    // (0.5 + 1 + 0.4) / 3
    expect(root.rollUp.score).toBeCloseTo(0.6333, 3);
    // The tree carries the score; what makes it up is one more request per objective.
    expect(root.rollUp).toEqual({ score: root.rollUp.score, capped: false });
    const rollUp = await call("GET", `/api/objectives/${root.objective.id}/roll-up`);
    expect(rollUp.status).toBe(200);
    expect(rollUp.body.contributions.map((c: { share: number }) => c.share)).toEqual([
      1 / 3,
      1 / 3,
      1 / 3,
    ]);
    expect(rollUp.body.explanation).toMatch(/0\.63/);
    expect(rollUp.body.explanation).toMatch(/0\.5/);
    expect(rollUp.body.explanation).toMatch(/0\.4/);
    expect(tree.body.score.score).toBeCloseTo(0.6333, 3);
  });
});
