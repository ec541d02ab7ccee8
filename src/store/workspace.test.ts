import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { makePeriod, T0, T1 } from "../../test/support/store-fixtures.js";
import { DEFAULT_SETTINGS } from "../core/settings.js";
import type { OpenedDatabase } from "./database.js";
import {
  deletePeriod,
  findPeriodByLabel,
  getPeriod,
  insertPeriod,
  listPeriods,
  setPeriodClosedAt,
} from "./periods.repository.js";
import { listRetrospectives, replaceRetrospectives } from "./retrospectives.repository.js";
import { getSettings, putSettings } from "./settings.repository.js";

describe.each(DIALECTS)("settings, periods and retrospectives on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("settings start as the defaults and keep what was put, merged", async () => {
    expect(await getSettings(store.db)).toEqual(DEFAULT_SETTINGS);
    const put = await putSettings(
      store.db,
      { calendar: { startMonth: 2, naming: "end" }, sweetSpot: 0.65 },
      T0,
    );
    expect(put).toEqual({
      ...DEFAULT_SETTINGS,
      calendar: { startMonth: 2, naming: "end" },
      sweetSpot: 0.65,
    });
    await putSettings(store.db, { rollUp: { cap: 1.5 } }, T1);
    expect(await getSettings(store.db)).toEqual({
      ...DEFAULT_SETTINGS,
      calendar: { startMonth: 2, naming: "end" },
      sweetSpot: 0.65,
      rollUp: { cap: 1.5, includeChildObjectives: true, unscored: "excluded" },
    });
  });

  it("invalid settings are refused and nothing changes", async () => {
    const before = await getSettings(store.db);
    await expect(putSettings(store.db, { calendar: { startMonth: 13 } })).rejects.toMatchObject({
      code: "invalid_config",
    });
    expect(await getSettings(store.db)).toEqual(before);
  });

  it("periods: by id, by label, in date order; labels unique; closing", async () => {
    const q4 = makePeriod({ id: "P2", label: "FY20-Q4", start: "2019-11-01", end: "2020-01-31" });
    const q3 = makePeriod({ id: "P1", label: "FY20-Q3", start: "2019-08-01", end: "2019-10-31" });
    await insertPeriod(store.db, q4, T0);
    await insertPeriod(store.db, q3, T0);
    expect(await getPeriod(store.db, "P2")).toEqual(q4);
    expect(await findPeriodByLabel(store.db, "FY20-Q3")).toEqual(q3);
    expect(await findPeriodByLabel(store.db, "FY21-Q1")).toBeUndefined();
    expect(await listPeriods(store.db)).toEqual([q3, q4]);
    await expect(insertPeriod(store.db, { ...q3, id: "P9" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await setPeriodClosedAt(store.db, "P1", T1)).toEqual({ ...q3, closedAt: T1 });
    await expect(getPeriod(store.db, "P9")).rejects.toMatchObject({ code: "not_found" });
  });

  it("retrospectives are replaced as a whole, in order; one team per period", async () => {
    const infra = {
      id: "R1",
      periodId: "P2",
      team: "Infrastructure",
      good: ["Shipped"],
      bad: [],
      try: ["Fewer KRs", "é"],
    };
    const sales = { id: "R2", periodId: "P2", team: "Sales", good: [], bad: ["Late"], try: [] };
    expect(await replaceRetrospectives(store.db, "P2", [sales, infra], T0)).toEqual([sales, infra]);
    expect(await replaceRetrospectives(store.db, "P2", [infra], T1)).toEqual([infra]);
    expect(await listRetrospectives(store.db, "P2")).toEqual([infra]);
    await expect(
      replaceRetrospectives(store.db, "P2", [infra, { ...sales, team: "Infrastructure" }]),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("deleting a period takes its retrospectives", async () => {
    await deletePeriod(store.db, "P2");
    expect(await listRetrospectives(store.db, "P2")).toEqual([]);
  });
});
