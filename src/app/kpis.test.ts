import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  actorOf,
  EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Objective, Period } from "../core/types.js";
import { listCheckIns } from "./check-ins.js";
import { createKeyResult, getKeyResult } from "./key-results.js";
import {
  createKpi,
  deleteKpi,
  getKpi,
  listKpis,
  recordKpiReading,
  setKeyResultKpi,
  updateKpi,
} from "./kpis.js";
import { createObjective } from "./objectives.js";
import { createPerson, createTeam } from "./people.js";
import { closePeriod, createPeriod } from "./periods.js";

describe.each(DIALECTS)("KPIs (%s)", (dialect) => {
  let fx: AppFixture;
  let period: Period;
  let objective: Objective;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Recover faster",
    });
  });
  afterAll(() => fx.close());

  it("keeps a KPI's readings as its history and says where the newest stands against the band", async () => {
    const mttr = await createKpi(fx.deps, EDITOR, {
      name: "MTTR",
      unit: "min",
      targetHigh: 20,
      description: "Mean time to recovery",
    });
    expect(mttr).toMatchObject({ current: null, bandStatus: "unknown", sourceKind: "manual" });
    await recordKpiReading(fx.deps, EDITOR, mttr.id, { value: 34, at: "2020-01-10T09:00:00Z" });
    fx.advanceDays(1);
    const second = await recordKpiReading(fx.deps, EDITOR, mttr.id, { value: 18 });
    expect(second.kpi).toMatchObject({ current: 18, bandStatus: "in_band" });
    // A late entry for an earlier day joins the history without becoming the current value.
    const late = await recordKpiReading(fx.deps, EDITOR, mttr.id, {
      value: 40,
      at: "2020-01-12T09:00:00Z",
    });
    expect(late.kpi.current).toBe(18);
    const detail = await getKpi(fx.deps, VIEWER, mttr.id);
    expect(detail.readings.map((r) => r.value)).toEqual([34, 40, 18]);
    expect(detail.kpi.bandStatus).toBe("in_band");
  });

  it("refuses a second KPI of the same name, a band upside down, and viewers defining KPIs", async () => {
    await createKpi(fx.deps, EDITOR, { name: "ARR", unit: "EUR", targetLow: 1_000_000 });
    await expect(createKpi(fx.deps, EDITOR, { name: "ARR" })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      createKpi(fx.deps, EDITOR, { name: "Uptime", targetLow: 100, targetHigh: 99 }),
    ).rejects.toMatchObject({ code: "invalid_input", details: [{ path: "targetHigh" }] });
    await expect(createKpi(fx.deps, VIEWER, { name: "Uptime" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("lets a KPI's owner record readings as a viewer, finds it by the owner's team, and refuses others", async () => {
    const team = await createTeam(fx.deps, EDITOR, { name: "Site Reliability" });
    const person = await createPerson(fx.deps, EDITOR, {
      name: "Ana Ops",
      title: "SRE Lead",
      teamId: team.id,
    });
    const kpi = await createKpi(fx.deps, EDITOR, { name: "Error budget", owner: "SRE Lead" });
    expect(kpi.owner).toEqual({ kind: "role", id: null, name: "SRE Lead" });
    const owner = actorOf("viewer", { personId: person.id, name: "ana" });
    await recordKpiReading(fx.deps, owner, kpi.id, { value: 0.4 });
    await expect(recordKpiReading(fx.deps, VIEWER, kpi.id, { value: 1 })).rejects.toMatchObject({
      code: "forbidden",
    });
    const mine = await listKpis(fx.deps, VIEWER, { personId: person.id });
    expect(mine.map((k) => k.name)).toEqual(["Error budget"]);
    const theirs = await listKpis(fx.deps, VIEWER, { teamId: team.id });
    expect(theirs.map((k) => k.name)).toEqual(["Error budget"]);
  });

  it("checks each new reading in on the key results that follow the KPI, authored by the KPI", async () => {
    const kpi = await createKpi(fx.deps, EDITOR, { name: "Lead time", unit: "min" });
    await recordKpiReading(fx.deps, EDITOR, kpi.id, { value: 34 });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Move lead time from 34 to 20 minutes",
      kind: "metric",
      unit: "duration",
      start: 34,
      target: 20,
    });
    await setKeyResultKpi(fx.deps, EDITOR, kr.id, { kpiId: kpi.id });
    // Following a KPI with a value checks that value in at once.
    expect((await getKeyResult(fx.deps, EDITOR, kr.id)).current).toBe(34);
    fx.advanceDays(1);
    const result = await recordKpiReading(fx.deps, EDITOR, kpi.id, {
      value: 27,
      note: "new runbook",
    });
    expect(result.checkedIn).toEqual([kr.id]);
    const after = await getKeyResult(fx.deps, EDITOR, kr.id);
    expect(after).toMatchObject({ current: 27, progress: 0.5 });
    const history = await listCheckIns(fx.deps, EDITOR, kr.id);
    expect(history.at(-1)).toMatchObject({
      value: 27,
      authorName: "KPI Lead time",
      note: "Lead time: new runbook",
    });
    expect((await getKpi(fx.deps, EDITOR, kpi.id)).keyResultIds).toEqual([kr.id]);
  });

  it("records the reading but checks nothing in on a key result whose period is closed", async () => {
    const other = await createPeriod(fx.deps, EDITOR, { label: "2019-Q4" });
    const o = await createObjective(fx.deps, EDITOR, { periodId: other.id, title: "Old" });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: o.id,
      title: "Cut queue to 5",
      kind: "metric",
      start: 10,
      target: 5,
    });
    const kpi = await createKpi(fx.deps, EDITOR, { name: "Queue" });
    await setKeyResultKpi(fx.deps, EDITOR, kr.id, { kpiId: kpi.id });
    await closePeriod(fx.deps, actorOf("admin"), other.id);
    const result = await recordKpiReading(fx.deps, EDITOR, kpi.id, { value: 7 });
    expect(result.kpi.current).toBe(7);
    expect(result.checkedIn).toEqual([]);
    expect((await getKeyResult(fx.deps, EDITOR, kr.id)).current).toBeNull();
  });

  it("changes a KPI by version and removes it", async () => {
    const kpi = await createKpi(fx.deps, EDITOR, { name: "NPS" });
    const changed = await updateKpi(fx.deps, EDITOR, kpi.id, { version: 1, targetLow: 40 });
    expect(changed).toMatchObject({ version: 2, targetLow: 40 });
    await expect(
      updateKpi(fx.deps, EDITOR, kpi.id, { version: 1, unit: "pt" }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    await deleteKpi(fx.deps, EDITOR, kpi.id);
    await expect(getKpi(fx.deps, EDITOR, kpi.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("names a key result under a confidential objective only to insiders, and keeps a confidential target from following a KPI", async () => {
    const kpi = await createKpi(fx.deps, EDITOR, { name: "Pipeline" });
    const secret = await createObjective(fx.deps, ADMIN, {
      periodId: period.id,
      title: "Acquire Initech",
      confidential: true,
    });
    const hiddenKr = await createKeyResult(fx.deps, ADMIN, {
      objectiveId: secret.id,
      title: "Close the deal",
      kind: "milestone",
    });
    await setKeyResultKpi(fx.deps, ADMIN, hiddenKr.id, { kpiId: kpi.id });
    expect((await getKpi(fx.deps, ADMIN, kpi.id)).keyResultIds).toEqual([hiddenKr.id]);
    expect((await getKpi(fx.deps, VIEWER, kpi.id)).keyResultIds).toEqual([]);
    const margin = await createKeyResult(fx.deps, ADMIN, {
      objectiveId: objective.id,
      title: "Margin to 41%",
      kind: "metric",
      start: 30,
      target: 41,
      targetConfidential: true,
    });
    await expect(
      setKeyResultKpi(fx.deps, ADMIN, margin.id, { kpiId: kpi.id }),
    ).rejects.toMatchObject({ code: "invalid_input", details: [{ path: "kpiId" }] });
  });
});
