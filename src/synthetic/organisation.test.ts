import { describe, expect, it } from "vitest";
import { createSyntheticOrg, MAX_DEPTH } from "./organisation.js";

const SMALL = {
  people: 300,
  teams: 120,
  quarters: 3,
  objectives: 400,
  keyResults: 1100,
  checkIns: 5000,
};

function collect(options = SMALL) {
  const org = createSyntheticOrg(options);
  const quarters = [...org.quarters()];
  const checkIns = quarters.flatMap((quarter) => [...org.checkInsOf(quarter)]);
  return { org, quarters, checkIns };
}

describe("synthetic organisation", () => {
  it("has exactly the sizes asked for", () => {
    const { org, quarters, checkIns } = collect();
    expect(org.teams).toHaveLength(120);
    expect(org.people).toHaveLength(300);
    expect(quarters.map((q) => q.period.label)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
    expect(quarters.reduce((n, q) => n + q.objectives.length, 0)).toBe(400);
    expect(quarters.reduce((n, q) => n + q.keyResults.length, 0)).toBe(1100);
    expect(checkIns).toHaveLength(5000);
  });

  it("is the same on every run with the same seed, and different with another", () => {
    const a = collect();
    const b = collect();
    expect(b.quarters[1]?.keyResults.slice(0, 20)).toEqual(a.quarters[1]?.keyResults.slice(0, 20));
    expect(b.checkIns.slice(-50)).toEqual(a.checkIns.slice(-50));
    const other = createSyntheticOrg({ ...SMALL, seed: 2 });
    expect([...other.quarters()][0]?.keyResults[0]?.id).not.toBe(a.quarters[0]?.keyResults[0]?.id);
  });

  it("gives unique 26-character ids", () => {
    const { org, quarters, checkIns } = collect();
    const ids = [
      ...org.teams.map((t) => t.id),
      ...org.people.map((p) => p.id),
      ...quarters.flatMap((q) => [
        q.period.id,
        ...q.objectives.map((o) => o.id),
        ...q.keyResults.map((k) => k.id),
        ...q.links.map((l) => l.id),
      ]),
      ...checkIns.map((c) => c.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9A-Z]{26}$/.test(id))).toBe(true);
  });

  it("cascades up to six levels, each objective under an objective or a key result of the level above", () => {
    const { quarters } = collect({ ...SMALL, objectives: 3000, keyResults: 9000, checkIns: 0 });
    const quarter = quarters[0];
    if (!quarter) throw new Error("no quarter");
    const byId = new Map(quarter.objectives.map((o) => [o.id, o]));
    const krParent = new Map(quarter.keyResults.map((k) => [k.id, k.objective_id]));
    const depthOf = (id: string): number => {
      const o = byId.get(id);
      if (!o) throw new Error(`unknown objective ${id}`);
      const parent =
        o.parent_objective_id ??
        (o.parent_key_result_id ? krParent.get(o.parent_key_result_id) : undefined);
      return parent === undefined || parent === null ? 1 : 1 + depthOf(parent);
    };
    const depths = quarter.objectives.map((o) => depthOf(o.id));
    expect(Math.max(...depths)).toBe(MAX_DEPTH);
    expect(quarter.objectives.some((o) => o.parent_key_result_id !== null)).toBe(true);
    expect(quarter.objectives.some((o) => o.parent_objective_id !== null)).toBe(true);
  });

  it("keeps teams within six levels and gives every line an owner", () => {
    const { org, quarters } = collect({ ...SMALL, teams: 2000, people: 3000 });
    const parent = new Map(org.teams.map((t) => [t.id, t.parent_id]));
    const depth = (id: string | null): number =>
      id === null ? 0 : 1 + depth(parent.get(id) ?? null);
    expect(Math.max(...org.teams.map((t) => depth(t.id)))).toBeLessThanOrEqual(MAX_DEPTH);
    expect(org.people[0]?.title).toBe("CEO");
    expect(quarters.every((q) => q.objectives.every((o) => o.owner_name))).toBe(true);
  });

  it("leaves each key result holding its latest check-in", () => {
    const { quarters, checkIns } = collect();
    const latest = new Map<string, (typeof checkIns)[number]>();
    for (const c of checkIns) {
      const seen = latest.get(c.key_result_id);
      if (!seen || seen.created_at <= c.created_at) latest.set(c.key_result_id, c);
    }
    for (const kr of quarters.flatMap((q) => q.keyResults)) {
      const last = latest.get(kr.id);
      if (!last) {
        expect(kr.last_check_in_at).toBeNull();
        continue;
      }
      expect(kr.last_check_in_at).toBe(last.created_at);
      expect(kr.progress).toBe(last.progress);
      if (kr.kind !== "percentage") expect(kr.current_value).toBe(last.value);
    }
  });

  it("refuses sizes that are not whole numbers", () => {
    expect(() => createSyntheticOrg({ people: -1 })).toThrow(/people must be a whole number/);
  });
});
