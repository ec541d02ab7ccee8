import { afterEach, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { getDashboard } from "../app/dashboard.js";
import { type AppDeps, SYSTEM_ACTOR } from "../app/deps.js";
import { getPeriodTree } from "../app/tree.js";
import { createIdGenerator } from "../core/ids.js";
import { countRows } from "../store/bulk.repository.js";
import type { OpenedDatabase } from "../store/database.js";
import { writeSyntheticOrg } from "./write-organisation.js";

const SIZE = {
  people: 200,
  teams: 50,
  quarters: 2,
  objectives: 300,
  keyResults: 900,
  checkIns: 4000,
};

describe.each(DIALECTS)("synthetic organisation in the database (%s)", (dialect) => {
  let opened: OpenedDatabase | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  function depsOf(db: OpenedDatabase): AppDeps {
    let n = 0;
    return {
      db: db.db,
      dialect: db.dialect,
      now: () => new Date("2024-06-15T12:00:00.000Z"),
      newId: createIdGenerator(
        () => Date.parse("2024-06-15T12:00:00.000Z"),
        (size) => new Uint8Array(size).fill(n++ % 256),
      ),
    };
  }

  it("writes every row, and the app reads it as a tree six levels deep and a dashboard", async () => {
    opened = await openTestDatabase(dialect);
    const progress: string[] = [];
    const result = await writeSyntheticOrg(opened.db, SIZE, (p) => progress.push(p.step));
    expect(result.counts).toMatchObject({
      teams: 50,
      people: 200,
      periods: 2,
      objectives: 300,
      keyResults: 900,
      checkIns: 4000,
    });
    const rows = await countRows(opened.db);
    expect(rows).toMatchObject({
      teams: 50,
      people: 200,
      periods: 2,
      objectives: 300,
      key_results: 900,
      check_ins: 4000,
    });
    expect(progress).toContain("2024-Q2 check-ins");

    const latest = result.periods[1];
    if (!latest) throw new Error("no period");
    const deps = depsOf(opened);
    const tree = await getPeriodTree(deps, SYSTEM_ACTOR, latest.id);
    expect(tree.count).toEqual({ objectives: 150, keyResults: 450 });
    expect(tree.score.score).not.toBeNull();
    const depthOf = (nodes: typeof tree.roots): number =>
      nodes.length === 0
        ? 0
        : 1 +
          Math.max(
            ...nodes.map((node) =>
              Math.max(
                depthOf(node.children),
                ...node.keyResults.map((kr) => depthOf(kr.children)),
              ),
            ),
          );
    expect(depthOf(tree.roots)).toBe(6);
    const dashboard = await getDashboard(deps, SYSTEM_ACTOR, latest.id);
    expect(dashboard.company.scored + dashboard.company.unscored).toBeGreaterThan(0);
  });

  it("refuses to write the same organisation twice into one database", async () => {
    opened = await openTestDatabase(dialect);
    const small = { people: 5, teams: 3, quarters: 1, objectives: 3, keyResults: 6, checkIns: 10 };
    await writeSyntheticOrg(opened.db, small);
    await expect(writeSyntheticOrg(opened.db, small)).rejects.toThrow(
      /already holds the synthetic organisation/,
    );
  });
});
