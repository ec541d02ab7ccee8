/**
 * Every write path bumps the read version of what it changed, through the one place writes go
 * (the audit writer, flushed at commit), so no cached answer outlives a write. Reads bump
 * nothing, and a write to one period leaves another period's answers cached.
 */
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
import { getDashboard } from "./dashboard.js";
import { importMarkdown } from "./import.js";
import { archiveKeyResult, createKeyResult, updateKeyResult } from "./key-results.js";
import { addLink, removeLink } from "./links.js";
import { createObjective, updateObjective } from "./objectives.js";
import { createPerson, createTeam, updatePerson } from "./people.js";
import { closePeriod, createPeriod, reopenPeriod } from "./periods.js";
import { AnswerCache, readVersionOfPeriod } from "./read-cache.js";
import { putRetrospectives } from "./retrospectives.js";
import { getSettings, putSettings } from "./settings.js";
import { getPeriodTree } from "./tree.js";

const PAGE = [
  "---",
  'title: "FY21-Q1 OKRs"',
  "---",
  "",
  "1. **CRO: Build pipeline.** => 80%",
  "    1. CRO KR: Pipeline at 2X target => 100%",
  "",
].join("\n");

describe.each(DIALECTS)("read versions (%s)", (dialect) => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await openAppFixture(dialect);
  });
  afterAll(() => fx.close());

  it("moves on every write that changes what a period shows, and only then", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
    const other = await createPeriod(fx.deps, EDITOR, { label: "2020-Q2" });
    const versionOf = () => readVersionOfPeriod(fx.deps, period.id);
    const otherVersion = () => readVersionOfPeriod(fx.deps, other.id);

    /** Runs a write and says whether the period's (and the other period's) version moved. */
    const moves = async (write: () => Promise<unknown>) => {
      const [before, otherBefore] = [await versionOf(), await otherVersion()];
      await write();
      return [(await versionOf()) !== before, (await otherVersion()) !== otherBefore];
    };

    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Grow",
    });
    const kr = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Deals",
      start: 0,
      target: 10,
    });
    // Writes to this period: this period's answers go stale, the other period's stay.
    expect(
      await moves(() => createObjective(fx.deps, EDITOR, { periodId: period.id, title: "More" })),
    ).toEqual([true, false]);
    expect(await moves(() => checkIn(fx.deps, EDITOR, kr.id, { value: 3 }))).toEqual([true, false]);
    expect(
      await moves(() =>
        updateKeyResult(fx.deps, EDITOR, kr.id, { version: 2, title: "Big deals" }),
      ),
    ).toEqual([true, false]);
    expect(
      await moves(() =>
        updateObjective(fx.deps, EDITOR, objective.id, { version: 1, title: "Grow more" }),
      ),
    ).toEqual([true, false]);
    const link = await addLink(fx.deps, EDITOR, objective.id, {
      kind: "issue",
      text: "Plan",
      url: "https://example.com/plan",
    });
    expect(await moves(() => removeLink(fx.deps, EDITOR, link.id))).toContain(true);
    expect(
      await moves(() =>
        putRetrospectives(fx.deps, EDITOR, period.id, {
          retrospectives: [{ team: "Sales", good: ["a"], bad: [], try: [] }],
        }),
      ),
    ).toContain(true);
    expect(await moves(() => archiveKeyResult(fx.deps, EDITOR, kr.id, { version: 3 }))).toEqual([
      true,
      false,
    ]);
    expect(await moves(() => closePeriod(fx.deps, EDITOR, period.id))).toEqual([true, false]);
    expect(await moves(() => reopenPeriod(fx.deps, ADMIN, period.id))).toEqual([true, false]);

    // People, teams and settings show in every period's views: every period goes stale.
    const team = await createTeam(fx.deps, EDITOR, { name: "Sales" });
    expect(await moves(() => createPerson(fx.deps, EDITOR, { name: "Ola" }))).toEqual([true, true]);
    const person = await createPerson(fx.deps, EDITOR, { name: "Kim" });
    expect(
      await moves(() => updatePerson(fx.deps, EDITOR, person.id, { teamId: team.id })),
    ).toEqual([true, true]);
    const settings = await getSettings(fx.deps, ADMIN);
    expect(await moves(() => putSettings(fx.deps, ADMIN, { ...settings, sweetSpot: 0.6 }))).toEqual(
      [true, true],
    );

    // An import writes its own period.
    const [, importedInto] = await moves(() => importMarkdown(fx.deps, EDITOR, PAGE));
    expect(importedInto).toBe(false);

    // Reads change nothing.
    expect(
      await moves(async () => {
        await getPeriodTree(fx.deps, VIEWER, period.id);
        await getDashboard(fx.deps, VIEWER, period.id);
      }),
    ).toEqual([false, false]);
  });

  it("a write that fails changes no version: it rolled back with everything else", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q3" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Stay",
    });
    const before = await readVersionOfPeriod(fx.deps, period.id);
    await expect(
      updateObjective(fx.deps, EDITOR, objective.id, { version: 99, title: "Lost" }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    expect(await readVersionOfPeriod(fx.deps, period.id)).toBe(before);
  });
});

describe("the answer cache", () => {
  it("gives back only what was stored at the same version, and forgets the oldest when full", () => {
    const cache = new AnswerCache(100);
    cache.set("a", "1.1", "A", 40);
    expect(cache.get("a", "1.1")).toBe("A");
    expect(cache.get("a", "1.2")).toBeUndefined();
    expect(cache.get("a", "1.1")).toBeUndefined();
    cache.set("a", "1.2", "A2", 40);
    cache.set("b", "1.2", "B", 40);
    cache.get("a", "1.2");
    cache.set("c", "1.2", "C", 40);
    // "b" was the least recently used.
    expect(cache.get("b", "1.2")).toBeUndefined();
    expect(cache.get("a", "1.2")).toBe("A2");
    expect(cache.get("c", "1.2")).toBe("C");
    cache.set("huge", "1.2", "H", 101);
    expect(cache.get("huge", "1.2")).toBeUndefined();
  });
});
