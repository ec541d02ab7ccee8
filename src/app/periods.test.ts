import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, getKeyResult, updateKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import {
  closePeriod,
  createPeriod,
  findPeriodByLabel,
  listPeriods,
  reopenPeriod,
} from "./periods.js";
import { putSettings } from "./settings.js";

describe.each(DIALECTS)("periods (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    await putSettings(fx.deps, ADMIN, { calendar: { startMonth: 2, naming: "end" } });
  });
  afterAll(() => fx.close());

  it("creates a period from its label through the workspace's fiscal calendar", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "FY20-Q2" });
    expect(period).toMatchObject({
      label: "FY20-Q2",
      kind: "quarter",
      start: "2019-05-01",
      end: "2019-07-31",
      closedAt: null,
    });
    expect(await findPeriodByLabel(fx.deps, VIEWER, "FY20-Q2")).toEqual(period);
    expect(await listPeriods(fx.deps, VIEWER, { label: "FY20-Q2" })).toEqual([period]);
    // Other spellings of the label find the same period.
    expect(await findPeriodByLabel(fx.deps, VIEWER, "Q2FY20")).toEqual(period);
    expect(await listPeriods(fx.deps, VIEWER, { label: "FY2020-Q2" })).toEqual([period]);
    expect(await findPeriodByLabel(fx.deps, VIEWER, "FY20-Q3")).toBeUndefined();
    expect(await findPeriodByLabel(fx.deps, VIEWER, "next quarter")).toBeUndefined();
    // Labels without FY are plain calendar quarters, whatever the calendar.
    expect(await createPeriod(fx.deps, EDITOR, { label: "2017-Q3" })).toMatchObject({
      start: "2017-07-01",
      end: "2017-09-30",
    });
  });

  it("refuses an unknown label, a label already used, and viewers", async () => {
    await expect(createPeriod(fx.deps, EDITOR, { label: "next quarter" })).rejects.toMatchObject({
      code: "unknown_period_label",
    });
    await createPeriod(fx.deps, EDITOR, { label: "FY21-Q1" });
    await expect(createPeriod(fx.deps, EDITOR, { label: "FY21-Q1" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(createPeriod(fx.deps, VIEWER, { label: "FY21-Q2" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(createPeriod(fx.deps, EDITOR, { label: "" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("closes with grading: unfinished key results become missed, finished ones stay; then refuses writes until an admin reopens", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "FY20-Q3" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Ship it",
    });
    const make = (title: string) =>
      createKeyResult(fx.deps, EDITOR, {
        objectiveId: objective.id,
        title,
        kind: "metric",
        start: 0,
        target: 10,
      });
    const reached = await make("Reached");
    const halfway = await make("Halfway");
    const cancelled = await make("Cancelled");
    const untouched = await make("Untouched");
    await checkIn(fx.deps, EDITOR, reached.id, { value: 10 });
    await checkIn(fx.deps, EDITOR, halfway.id, { value: 5 });
    await updateKeyResult(fx.deps, EDITOR, cancelled.id, {
      version: cancelled.version,
      status: "cancelled",
    });

    const { period: closed, graded } = await closePeriod(fx.deps, EDITOR, period.id);
    expect(closed.closedAt).toBe(fx.deps.now().toISOString());
    expect(new Set(graded.map((g) => g.id))).toEqual(new Set([halfway.id, untouched.id]));
    expect((await getKeyResult(fx.deps, VIEWER, reached.id)).status).toBe("done");
    expect(await getKeyResult(fx.deps, VIEWER, halfway.id)).toMatchObject({
      status: "missed",
      progress: 0.5,
    });
    expect((await getKeyResult(fx.deps, VIEWER, untouched.id)).status).toBe("missed");
    expect((await getKeyResult(fx.deps, VIEWER, cancelled.id)).status).toBe("cancelled");

    await expect(checkIn(fx.deps, ADMIN, halfway.id, { value: 7 })).rejects.toMatchObject({
      code: "period_closed",
    });
    await expect(
      createObjective(fx.deps, ADMIN, { periodId: period.id, title: "Late" }),
    ).rejects.toMatchObject({ code: "period_closed" });
    await expect(closePeriod(fx.deps, EDITOR, period.id)).rejects.toMatchObject({
      code: "period_closed",
    });
    await expect(reopenPeriod(fx.deps, EDITOR, period.id)).rejects.toMatchObject({
      code: "forbidden",
    });

    expect((await reopenPeriod(fx.deps, ADMIN, period.id)).closedAt).toBeNull();
    const { keyResult } = await checkIn(fx.deps, EDITOR, halfway.id, { value: 7 });
    expect(keyResult.progress).toBeCloseTo(0.7);
  });
});
