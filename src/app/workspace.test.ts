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
import { listAudit } from "./audit.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult, updateKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective } from "./objectives.js";
import {
  createPerson,
  createTeam,
  deleteTeam,
  listTeams,
  updatePerson,
  updateTeam,
} from "./people.js";
import { closePeriod, createPeriod } from "./periods.js";
import { getRetrospectives, putRetrospectives } from "./retrospectives.js";
import { search } from "./search.js";
import { getSettings, putSettings } from "./settings.js";

describe.each(DIALECTS)(
  "settings, people, teams, search, my OKRs, retrospectives (%s)",
  (dialect) => {
    let fx: AppFixture;
    beforeAll(async () => {
      fx = await openAppFixture(dialect, "2020-02-10T09:00:00.000Z");
    });
    afterAll(() => fx.close());

    it("settings: everyone reads, only admins write, nonsense is refused", async () => {
      expect((await getSettings(fx.deps, VIEWER)).sweetSpot).toBe(0.7);
      await expect(putSettings(fx.deps, EDITOR, { sweetSpot: 0.6 })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(
        putSettings(fx.deps, ADMIN, { calendar: { startMonth: 13, naming: "end" } }),
      ).rejects.toMatchObject({
        code: "invalid_input",
        details: [{ path: "calendar.startMonth" }],
      });
      const saved = await putSettings(fx.deps, ADMIN, {
        sweetSpot: 0.6,
        rollUp: { cap: 1.2, includeChildObjectives: true },
      });
      expect(saved).toMatchObject({
        sweetSpot: 0.6,
        rollUp: { cap: 1.2, includeChildObjectives: true },
      });
      expect(await getSettings(fx.deps, VIEWER)).toEqual(saved);
      expect((await listAudit(fx.deps, ADMIN, { entity: "settings" }))[0]).toMatchObject({
        before: { sweetSpot: 0.7 },
        after: { sweetSpot: 0.6 },
      });
    });

    it("teams form a tree: a cycle is refused, names are unique, viewers cannot change them", async () => {
      const eng = await createTeam(fx.deps, EDITOR, { name: "Engineering" });
      const infra = await createTeam(fx.deps, EDITOR, { name: "Infra", parentId: eng.id });
      const gitaly = await createTeam(fx.deps, EDITOR, { name: "Gitaly", parentId: infra.id });
      await expect(
        updateTeam(fx.deps, EDITOR, eng.id, { parentId: gitaly.id }),
      ).rejects.toMatchObject({ code: "tree_cycle" });
      await expect(updateTeam(fx.deps, EDITOR, eng.id, { parentId: eng.id })).rejects.toMatchObject(
        { code: "tree_cycle" },
      );
      await expect(createTeam(fx.deps, EDITOR, { name: "infra" })).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(createTeam(fx.deps, VIEWER, { name: "Nope" })).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(
        createPerson(fx.deps, EDITOR, { name: "X", teamId: "missing" }),
      ).rejects.toMatchObject({ code: "not_found" });
      const scratch = await createTeam(fx.deps, EDITOR, { name: "Scratch", parentId: gitaly.id });
      await deleteTeam(fx.deps, EDITOR, scratch.id);
      expect((await listTeams(fx.deps, VIEWER)).map((t) => t.name)).toEqual([
        "Engineering",
        "Gitaly",
        "Infra",
      ]);
    });

    it("search finds by text, owner, team (with its sub-teams), status and health, within what the reader may see", async () => {
      const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
      const teams = await listTeams(fx.deps, VIEWER);
      const gitaly = teams.find((t) => t.name === "Gitaly");
      const ada = await createPerson(fx.deps, EDITOR, { name: "Ada", teamId: gitaly?.id ?? null });
      const o = await createObjective(fx.deps, EDITOR, {
        periodId: period.id,
        title: "Improve Gitaly latency",
        owner: "Gitaly",
      });
      const kr = await createKeyResult(fx.deps, EDITOR, {
        objectiveId: o.id,
        title: "p99 from 800ms to 400ms",
        start: 800,
        target: 400,
        owner: "Ada",
      });
      await checkIn(fx.deps, EDITOR, kr.id, { value: 700, health: "at_risk" });
      await createObjective(fx.deps, EDITOR, {
        periodId: period.id,
        title: "Grow marketing",
        owner: "CMO",
      });

      const titles = async (input: object) =>
        (await search(fx.deps, VIEWER, input)).hits.map((h) => h.item.title);
      expect(await titles({ q: "LATENCY" })).toEqual(["Improve Gitaly latency"]);
      expect(await titles({ owner: "cmo" })).toEqual(["Grow marketing"]);
      expect(await titles({ team: "Engineering" })).toEqual([
        "Improve Gitaly latency",
        "p99 from 800ms to 400ms",
      ]);
      expect(await titles({ health: "at_risk" })).toEqual(["p99 from 800ms to 400ms"]);
      expect(await titles({ status: "in_progress", periodId: period.id })).toEqual([
        "p99 from 800ms to 400ms",
      ]);
      expect((await search(fx.deps, VIEWER, { q: "a", limit: 1 })).truncated).toBe(true);
      await expect(search(fx.deps, VIEWER, { status: "finished" })).rejects.toMatchObject({
        code: "invalid_input",
      });

      // My OKRs: Ada owns the key result; through her team she owns the objective too.
      const me = actorOf("viewer", { personId: ada.id, name: "ada" });
      const mine = await getMyOkrs(fx.deps, me);
      expect(mine.objectives.map((x) => x.title)).toEqual(["Improve Gitaly latency"]);
      expect(mine.keyResults.map((x) => x.title)).toEqual(["p99 from 800ms to 400ms"]);
      expect(mine.waitingForCheckIn).toEqual([]);
      fx.advanceDays(8);
      expect((await getMyOkrs(fx.deps, me)).waitingForCheckIn.map((x) => x.title)).toEqual([
        "p99 from 800ms to 400ms",
      ]);
      // Through her team she may check in on an ownerless key result of the team's objective.
      const teamKr = await createKeyResult(fx.deps, EDITOR, {
        objectiveId: o.id,
        title: "Error budget",
        kind: "percentage",
      });
      expect((await checkIn(fx.deps, me, teamKr.id, { value: 30 })).keyResult.progress).toBeCloseTo(
        0.3,
      );
      await updatePerson(fx.deps, EDITOR, ada.id, { teamId: null });
      await expect(checkIn(fx.deps, me, teamKr.id, { value: 40 })).rejects.toMatchObject({
        code: "forbidden",
      });
      expect((await getMyOkrs(fx.deps, me)).objectives).toEqual([]);
      expect(await getMyOkrs(fx.deps, VIEWER)).toEqual({
        objectives: [],
        keyResults: [],
        waitingForCheckIn: [],
        staleDays: 14,
      });
      const current = (await search(fx.deps, VIEWER, { q: "p99" })).hits[0]?.item;
      await updateKeyResult(fx.deps, EDITOR, kr.id, {
        version: current?.version ?? 0,
        status: "done",
      });
      expect((await getMyOkrs(fx.deps, me)).waitingForCheckIn).toEqual([]);
    });

    it("retrospectives: GOOD/BAD/TRY per team, final once the period closed", async () => {
      const period = await createPeriod(fx.deps, EDITOR, { label: "2019-Q4" });
      const retros = [
        {
          team: "Infrastructure",
          good: ["Shipped Gitaly HA"],
          bad: ["Too many KRs"],
          try: ["Fewer, bigger KRs"],
        },
        { team: "Sales", good: [], bad: ["Pipeline visibility"], try: [] },
      ];
      const saved = await putRetrospectives(fx.deps, EDITOR, period.id, { retrospectives: retros });
      expect(saved.map(({ team, good, bad, try: t }) => ({ team, good, bad, try: t }))).toEqual(
        retros,
      );
      expect((await getRetrospectives(fx.deps, VIEWER, period.id)).map((r) => r.team)).toEqual([
        "Infrastructure",
        "Sales",
      ]);
      await expect(
        putRetrospectives(fx.deps, VIEWER, period.id, { retrospectives: [] }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        putRetrospectives(fx.deps, EDITOR, period.id, {
          retrospectives: [{ team: "Sales" }, { team: "sales" }],
        }),
      ).rejects.toMatchObject({ code: "invalid_input" });
      await putRetrospectives(fx.deps, EDITOR, period.id, {
        retrospectives: [{ team: "Sales", good: ["Closed Q4"] }],
      });
      expect(await getRetrospectives(fx.deps, VIEWER, period.id)).toMatchObject([
        { team: "Sales", good: ["Closed Q4"], bad: [], try: [] },
      ]);
      await closePeriod(fx.deps, EDITOR, period.id);
      await expect(
        putRetrospectives(fx.deps, EDITOR, period.id, { retrospectives: [] }),
      ).rejects.toMatchObject({ code: "period_closed" });
      expect(await getRetrospectives(fx.deps, VIEWER, period.id)).toHaveLength(1);
    });
  },
);
