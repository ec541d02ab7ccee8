/**
 * A key result's status follows its score when its measure changes, as it does at a check-in:
 * done at 100 of 100, back in progress when the target is raised to 200; done again when it
 * comes down to what was reached. A status set by a person with no number stays theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPeriod } from "./periods.js";

describe("a key result's status when its target moves", () => {
  let fx: AppFixture;
  let objectiveId: string;
  beforeAll(async () => {
    fx = await openAppFixture("sqlite", "2020-01-02T09:00:00.000Z");
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    objectiveId = (await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Grow" }))
      .id;
  });
  afterAll(() => fx.close());

  it("is in progress again once a raised target leaves it short, and done when it is lowered", async () => {
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId,
      title: "Sign up users",
      start: 0,
      target: 100,
    });
    await checkIn(fx.deps, EDITOR, kr.id, { value: 100 });
    const done = await getKeyResult(fx.deps, EDITOR, kr.id);
    expect(done.status).toBe("done");

    const raised = await updateKeyResult(fx.deps, EDITOR, kr.id, {
      version: done.version,
      target: 200,
    });
    expect(raised.progress).toBeCloseTo(0.5, 9);
    expect(raised.status).toBe("in_progress");

    const lowered = await updateKeyResult(fx.deps, EDITOR, kr.id, {
      version: raised.version,
      target: 100,
    });
    expect(lowered.progress).toBe(1);
    expect(lowered.status).toBe("done");
  });

  it("keeps a status given in the same change, and one marked with no number", async () => {
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId,
      title: "Hire a designer",
      start: 0,
      target: 1,
    });
    const marked = await updateKeyResult(fx.deps, EDITOR, kr.id, {
      version: kr.version,
      status: "done",
    });
    const raised = await updateKeyResult(fx.deps, EDITOR, kr.id, {
      version: marked.version,
      target: 2,
    });
    expect(raised.status).toBe("done");

    await checkIn(fx.deps, EDITOR, kr.id, { value: 1 });
    const half = await getKeyResult(fx.deps, EDITOR, kr.id);
    expect(half.status).toBe("in_progress");
    const both = await updateKeyResult(fx.deps, EDITOR, kr.id, {
      version: half.version,
      target: 4,
      status: "missed",
    });
    expect(both.status).toBe("missed");
  });
});
