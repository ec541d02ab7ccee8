import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { scoreDistribution } from "../core/distribution.js";
import { checkIn } from "./check-ins.js";
import { getDashboard, getDashboardList } from "./dashboard.js";
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
    expect(d.company).toMatchObject({ score: expect.closeTo(0.6, 5), scored: 2, unscored: 0 });
    expect(d.byTeam.items).toEqual([
      { id: infra.id, name: "Infrastructure", kind: "team", score: 0.8, scored: 1, unscored: 0 },
    ]);
    expect(d.byOwner.items.map((g) => [g.name, g.kind, g.score])).toEqual([
      ["CRO", "role", 0.4],
      ["Ola", "person", 0.8],
    ]);
    expect(d.distribution).toMatchObject({ count: 3, unscored: 0, sweetSpot: 0.7 });
    expect(d.distribution.buckets.find((b) => b.label === "0.2–0.3")?.count).toBe(1);
    expect(d.distribution.atOrAboveSweetSpot).toBeCloseTo(1 / 3);
    expect(d.atRisk.items.map((a) => [a.title, a.health])).toEqual([
      ["Deals", "at_risk"],
      ["Leads", "needs_attention"],
    ]);
    expect(d.atRisk.items.map((a) => [a.daysSince, typeof a.lastCheckInAt])).toEqual([
      [20, "string"],
      [13, "string"],
    ]);
    expect(d.stale.items.map((s) => [s.title, s.daysSince])).toEqual([["Deals", 20]]);
    expect(d.stale).toMatchObject({ total: 1, offset: 0, nextOffset: null });
    expect(d.progressOverTime).toEqual([
      // Week 1: only Deals has progress (0.2); Leads and the SLA are not scored yet.
      { date: "2020-01-07", score: expect.closeTo(0.2, 5) },
      { date: "2020-01-14", score: expect.closeTo(0.6, 5) },
      { date: "2020-01-21", score: expect.closeTo(0.6, 5) },
      { date: "2020-01-23", score: expect.closeTo(0.6, 5) },
    ]);

    const tighter = await getDashboard(fx.deps, VIEWER, period.id, { staleDays: 7 });
    expect(tighter.stale.items.map((s) => s.title)).toEqual(["Deals", "Leads", "SLA"]);
    await expect(getDashboard(fx.deps, VIEWER, period.id, { staleDays: 0 })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("counts only scored items, says how many are not, shows every team and pages its lists", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q2" });
    fx.setNow("2020-04-02T09:00:00.000Z");
    const marketing = await createTeam(fx.deps, EDITOR, { name: "Marketing" });
    const quiet = await createTeam(fx.deps, EDITOR, { name: "Quiet team" });
    await createPerson(fx.deps, EDITOR, { name: "Mia", title: "CMO", teamId: marketing.id });
    const empty = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Nothing to score yet",
      owner: "CMO",
    });
    const d0 = await getDashboard(fx.deps, VIEWER, period.id);
    // Nothing scored: "not scored", never 0.
    expect(d0.company).toEqual({ score: null, capped: false, scored: 0, unscored: 1 });
    expect(d0.byTeam.items.map((t) => [t.name, t.score, t.scored, t.unscored])).toEqual([
      ["Infrastructure", null, 0, 0],
      ["Marketing", null, 0, 1],
      ["Quiet team", null, 0, 0],
    ]);
    expect(quiet.id).toMatch(/^[0-9A-Z]{26}$/);

    const grow = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grow",
      owner: "CMO",
    });
    const krs = [];
    for (let i = 0; i < 25; i++) {
      krs.push(
        await createKeyResult(fx.deps, EDITOR, {
          objectiveId: grow.id,
          title: `Channel ${String(i).padStart(2, "0")}`,
          kind: "percentage",
        }),
      );
    }
    for (const [i, kr] of krs.entries()) {
      if (i === 24) continue; // one key result never checked in: not scored
      await checkIn(fx.deps, EDITOR, kr.id, { value: 40 + i, health: "at_risk" });
    }
    expect(empty.id).toMatch(/^[0-9A-Z]{26}$/);

    const d = await getDashboard(fx.deps, VIEWER, period.id, { limit: 10 });
    expect(d.distribution).toMatchObject({ count: 24, unscored: 1 });
    expect(d.distribution.buckets.reduce((n, b) => n + b.count, 0)).toBe(24);
    // The role title counts for the person holding it and for her team.
    expect(d.byOwner.items.map((o) => [o.name, o.kind, o.scored, o.unscored])).toEqual([
      ["Mia", "person", 1, 1],
    ]);
    expect(d.byTeam.items.find((t) => t.name === "Marketing")).toMatchObject({
      scored: 1,
      unscored: 1,
    });
    expect(d.atRisk).toMatchObject({ total: 24, offset: 0, nextOffset: 10 });
    expect(d.atRisk.items.map((a) => a.title)).toEqual(krs.slice(0, 10).map((kr) => kr.title));
    const next = await getDashboardList(fx.deps, VIEWER, period.id, "atRisk", {
      offset: 20,
      limit: 10,
    });
    expect(next).toMatchObject({ total: 24, offset: 20, nextOffset: null });
    expect(next.items.map((a) => ("title" in a ? a.title : ""))).toEqual(
      krs.slice(20, 24).map((kr) => kr.title),
    );
    const past = await getDashboardList(fx.deps, VIEWER, period.id, "stale", {
      offset: 500,
      staleDays: 1,
    });
    // A day into the quarter, only the key result never checked in has been silent a day;
    // past the end the total still says so.
    expect(past).toMatchObject({ items: [], total: 1, nextOffset: null });
    const teams = await getDashboardList(fx.deps, VIEWER, period.id, "byTeam", {
      offset: 1,
      limit: 1,
    });
    expect(teams).toMatchObject({ total: 3, offset: 1, nextOffset: 2 });
    await expect(
      getDashboardList(fx.deps, VIEWER, period.id, "atRisk", { offset: -1 }),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("counts the distribution exactly as core's buckets do, edges included", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q3" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Edges",
    });
    const values = [0, 0.1, 0.3, 0.69, 0.7, 0.9, 0.95, 1, 1.2, 1.27];
    for (const [i, progress] of [...values, null].entries()) {
      const kr = await createKeyResult(fx.deps, EDITOR, {
        objectiveId: objective.id,
        title: `Edge ${i}`,
        kind: "percentage",
      });
      if (progress !== null) await checkIn(fx.deps, EDITOR, kr.id, { progress });
    }
    const { distribution } = await getDashboard(fx.deps, VIEWER, period.id);
    const expected = scoreDistribution([...values, null], distribution.sweetSpot);
    expect(distribution.buckets.map((b) => b.count)).toEqual(expected.buckets.map((b) => b.count));
    expect(distribution).toMatchObject({
      count: expected.count,
      unscored: 1,
      atOrAboveFull: expected.atOrAboveFull,
    });
    expect(distribution.mean).toBeCloseTo(expected.mean ?? Number.NaN);
    expect(distribution.atOrAboveSweetSpot).toBeCloseTo(expected.atOrAboveSweetSpot ?? Number.NaN);
  });

  it("leaves out of a reader's distribution and at-risk list all that sits under a confidential objective, however it hangs there", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2021-Q3" });
    const secret = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId: period.id,
      title: "Acquire a competitor",
      confidential: true,
    });
    const deal = await createKeyResult(fx.deps, INSIDER_EDITOR, {
      objectiveId: secret.id,
      title: "Sign the term sheet",
      start: 0,
      target: 1,
    });
    // Under it as a child objective, and aligned to its key result.
    const child = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId: period.id,
      title: "Due diligence",
      parentObjectiveId: secret.id,
    });
    const aligned = await createObjective(fx.deps, INSIDER_EDITOR, {
      periodId: period.id,
      title: "Integration plan",
      parentKeyResultId: deal.id,
    });
    const open = await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Ship" });
    const titles = ["Audit the books", "Map the teams", "Ship the app"];
    for (const [i, objective] of [child, aligned, open].entries()) {
      const kr = await createKeyResult(fx.deps, INSIDER_EDITOR, {
        objectiveId: objective.id,
        title: titles[i] as string,
        start: 0,
        target: 10,
      });
      await checkIn(fx.deps, INSIDER_EDITOR, kr.id, { value: 3, health: "at_risk" });
    }
    const seen = await getDashboard(fx.deps, VIEWER, period.id);
    expect(seen.atRisk.items.map((kr) => kr.title)).toEqual(["Ship the app"]);
    expect(seen.distribution.count).toBe(1);
    const insider = await getDashboard(fx.deps, INSIDER_EDITOR, period.id);
    expect(insider.atRisk.total).toBe(3);
    expect(insider.distribution.count).toBe(3);
  });
});
