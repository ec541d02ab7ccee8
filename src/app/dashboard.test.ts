import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { checkIn } from "./check-ins.js";
import { getDashboard } from "./dashboard.js";
import { createKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPerson, createTeam } from "./people.js";
import { createPeriod } from "./periods.js";

describe.each(DIALECTS)("the dashboard (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect, "2020-01-01T09:00:00.000Z");
  });
  afterAll(() => fx.close());

  it("shows the company score, scores by team and owner, distribution, at-risk, stale and progress over time", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const infra = await createTeam(fx.deps, EDITOR, { name: "Infrastructure" });
    await createPerson(fx.deps, EDITOR, { name: "Ola", teamId: infra.id });
    const sales = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Sell more",
      owner: "CRO",
    });
    const uptime = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Stay up",
      owner: "Ola",
    });
    const deals = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: sales.id,
      title: "Deals",
      start: 0,
      target: 10,
    });
    const leads = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: sales.id,
      title: "Leads",
      start: 0,
      target: 100,
    });
    const sla = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: uptime.id,
      title: "SLA",
      kind: "percentage",
    });

    // Week 1: deals at 20%; week 2: leads at 60% and the SLA at 80%.
    fx.setNow("2020-01-03T10:00:00.000Z");
    await checkIn(fx.deps, EDITOR, deals.id, { value: 2, health: "at_risk" });
    fx.setNow("2020-01-10T10:00:00.000Z");
    await checkIn(fx.deps, EDITOR, leads.id, { value: 60, health: "needs_attention" });
    await checkIn(fx.deps, EDITOR, sla.id, { value: 80, health: "on_track" });
    fx.setNow("2020-01-23T12:00:00.000Z");

    const d = await getDashboard(fx.deps, VIEWER, period.id, { staleDays: 14 });
    // Sales = (0.2 + 0.6) / 2 = 0.4; uptime = 0.8; company = (0.4 + 0.8) / 2.
    expect(d.company.score).toBeCloseTo(0.6);
    expect(d.byTeam).toEqual([
      { id: infra.id, name: "Infrastructure", kind: "team", score: 0.8, objectives: 1 },
    ]);
    expect(d.byOwner.map((g) => [g.name, g.kind, g.score])).toEqual([
      ["CRO", "role", 0.4],
      ["Ola", "person", 0.8],
    ]);
    expect(d.distribution).toMatchObject({ count: 3, sweetSpot: 0.7 });
    expect(d.distribution.buckets.find((b) => b.label === "0.2–0.3")?.count).toBe(1);
    expect(d.distribution.atOrAboveSweetSpot).toBeCloseTo(1 / 3);
    expect(d.atRisk.map((a) => [a.title, a.health])).toEqual([
      ["Deals", "at_risk"],
      ["Leads", "needs_attention"],
    ]);
    expect(d.atRisk.map((a) => [a.daysSince, typeof a.lastCheckInAt])).toEqual([
      [20, "string"],
      [13, "string"],
    ]);
    expect(d.stale.map((s) => [s.title, s.daysSince])).toEqual([["Deals", 20]]);
    expect(d.progressOverTime).toEqual([
      // Week 1: only Deals has progress (0.2); Leads and the SLA are not scored yet.
      { date: "2020-01-07", score: expect.closeTo(0.2, 5) },
      { date: "2020-01-14", score: expect.closeTo(0.6, 5) },
      { date: "2020-01-21", score: expect.closeTo(0.6, 5) },
      { date: "2020-01-23", score: expect.closeTo(0.6, 5) },
    ]);

    const tighter = await getDashboard(fx.deps, VIEWER, period.id, { staleDays: 7 });
    expect(tighter.stale.map((s) => s.title)).toEqual(["Deals", "Leads", "SLA"]);
    await expect(getDashboard(fx.deps, VIEWER, period.id, { staleDays: 0 })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
