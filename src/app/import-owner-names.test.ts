/**
 * An imported page's owners compare with the workspace's people and teams as names do
 * (decisions/0059): "ÉMILIE DUPONT" on a page is Émilie Dupont, and with attach-owners her
 * lines become hers. Real SQLite and PostgreSQL.
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
import { listPeriodItems } from "../store/period-items.repository.js";
import { importMarkdown, previewImport } from "./import.js";
import { getMyOkrs } from "./my-okrs.js";
import { createPerson, createTeam } from "./people.js";

const PAGE = [
  "---",
  "title: 2026-Q1 OKRs",
  "period: 2026-Q1",
  "start: 2026-01-01",
  "end: 2026-03-31",
  "---",
  "",
  "1. **ÉMILIE DUPONT: Ship the data platform**",
  "    1. E\u0301milie Dupont KR: Move 12 pipelines",
  "    1. ÉQUIPE DONNÉES KR: Cut the warehouse bill by a tenth",
].join("\n");

for (const dialect of DIALECTS) {
  describe(`an import's owners compared as names (${dialect})`, () => {
    let fx: AppFixture;
    beforeAll(async () => {
      fx = await openAppFixture(dialect, "2026-01-15T12:00:00.000Z");
    });
    afterAll(() => fx.close());

    it("matches 'ÉMILIE DUPONT' on the page to Émilie Dupont, and attaches her lines when asked", async () => {
      const team = await createTeam(fx.deps, ADMIN, { name: "Équipe données" });
      const emilie = await createPerson(fx.deps, ADMIN, { name: "Émilie Dupont", teamId: team.id });

      const preview = await previewImport(fx.deps, EDITOR, PAGE, { attachMatchingOwners: true });
      expect(preview.owners.find((o) => o.name === "ÉMILIE DUPONT")).toMatchObject({
        matches: { kind: "person", name: "Émilie Dupont" },
        owner: { kind: "person", id: emilie.id, name: "Émilie Dupont" },
        mapped: true,
      });
      expect(preview.owners.find((o) => o.name === "ÉQUIPE DONNÉES")).toMatchObject({
        matches: { kind: "team", name: "Équipe données" },
        owner: { kind: "team", id: team.id, name: "Équipe données" },
      });

      const result = await importMarkdown(fx.deps, EDITOR, PAGE, { attachMatchingOwners: true });
      const items = await listPeriodItems(fx.deps.db, result.periodId);
      expect(items.objectives.map((o) => o.owner)).toEqual([
        { kind: "person", id: emilie.id, name: "Émilie Dupont" },
      ]);
      expect(Object.fromEntries(items.keyResults.map((k) => [k.title, k.owner]))).toEqual({
        "Move 12 pipelines": { kind: "person", id: emilie.id, name: "Émilie Dupont" },
        "Cut the warehouse bill by a tenth": {
          kind: "team",
          id: team.id,
          name: "Équipe données",
        },
      });
      const hers = await getMyOkrs(fx.deps, actorOf("viewer", { personId: emilie.id }));
      expect(hers.objectives.map((o) => o.title)).toEqual(["Ship the data platform"]);
      expect(hers.keyResults.map((k) => k.title)).toContain("Move 12 pipelines");

      // The same page again is the same items: its owners' identity is their name's key.
      const again = await importMarkdown(fx.deps, EDITOR, PAGE, { attachMatchingOwners: true });
      expect(again).toMatchObject({ periodId: result.periodId, created: 0 });
    });
  });
}
