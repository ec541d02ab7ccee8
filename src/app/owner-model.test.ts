/**
 * One owner model everywhere: a line owned by a role title belongs to whoever holds it and to
 * their team — in search's owner and team filters, in My OKRs and in what a viewer may write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  actorOf,
  EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { checkIn } from "./check-ins.js";
import { createKeyResult } from "./key-results.js";
import { getMyOkrs } from "./my-okrs.js";
import { createObjective } from "./objectives.js";
import { createPerson, createTeam } from "./people.js";
import { createPeriod } from "./periods.js";
import { search } from "./search.js";

for (const dialect of DIALECTS) {
  describe(`the owner model in search, My OKRs and permissions (${dialect})`, () => {
    let fx: AppFixture;
    beforeAll(async () => {
      fx = await openAppFixture(dialect);
    });
    afterAll(() => fx.close());

    it("treats a role title as its holder's and their team's", async () => {
      const gtm = await createTeam(fx.deps, ADMIN, { name: "Go-to-market" });
      const marketing = await createTeam(fx.deps, ADMIN, { name: "Marketing", parentId: gtm.id });
      await createTeam(fx.deps, ADMIN, { name: "Sales", parentId: gtm.id });
      const ola = await createPerson(fx.deps, ADMIN, {
        name: "Ola Berg",
        title: "CMO",
        teamId: marketing.id,
      });
      const period = await createPeriod(fx.deps, EDITOR, { label: "2020-Q1" });
      const objective = await createObjective(fx.deps, EDITOR, {
        periodId: period.id,
        title: "Be known",
        owner: "CMO",
      });
      const kr = await createKeyResult(fx.deps, EDITOR, {
        objectiveId: objective.id,
        title: "Reach 10 analysts",
        owner: "cmo",
        start: 0,
        target: 10,
      });
      await createObjective(fx.deps, EDITOR, {
        periodId: period.id,
        title: "Sell more",
        owner: "Sales",
      });

      const titles = async (filter: object) =>
        (await search(fx.deps, EDITOR, { periodId: period.id, ...filter })).hits
          .map((h) => h.item.title)
          .sort();
      expect(await titles({ team: "Marketing" })).toEqual(["Be known", "Reach 10 analysts"]);
      expect(await titles({ team: "Go-to-market" })).toEqual([
        "Be known",
        "Reach 10 analysts",
        "Sell more",
      ]);
      expect(await titles({ owner: "Ola" })).toEqual(["Be known", "Reach 10 analysts"]);
      expect(await titles({ team: "Sales" })).toEqual(["Sell more"]);

      const viewer = actorOf("viewer", { personId: ola.id, name: "ola" });
      const mine = await getMyOkrs(fx.deps, viewer);
      expect(mine.objectives.map((o) => o.title)).toEqual(["Be known"]);
      expect(mine.keyResults.map((k) => k.title)).toEqual(["Reach 10 analysts"]);
      // A viewer may check in on what their title owns, not on another team's line.
      await expect(checkIn(fx.deps, viewer, kr.id, { value: 4 })).resolves.toMatchObject({
        checkIn: { keyResultId: kr.id, value: 4 },
      });
      const stranger = actorOf("viewer", { name: "stranger" });
      await expect(checkIn(fx.deps, stranger, kr.id, { value: 5 })).rejects.toMatchObject({
        code: "forbidden",
      });
    });
  });
}
