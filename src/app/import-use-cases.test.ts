/**
 * An import writes objectives and key results through the API's own use cases, so each rule
 * that used to be checked twice (once by the API, once by the import) holds for both by one
 * function: audit events, the confidentiality (insider) rule, the closed-period rule, the
 * editor role, the title rule. Real SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  type AppFixture,
  EDITOR,
  INSIDER_EDITOR,
  openAppFixture,
  VIEWER,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listAudit } from "./audit.js";
import { exportPeriod } from "./export.js";
import { importMarkdown, previewImport } from "./import.js";
import { moveKeyResult, updateKeyResult } from "./key-results.js";
import { updateObjective } from "./objectives.js";

/** A page of one objective and two key results; `second` is the second key result's line. */
const page = (label: string, second = "Launch the partner page") =>
  [
    `# ${label} OKRs`,
    "",
    "- CEO: Grow the business",
    "    - CRO KR: Renew 90% of accounts => 80%",
    `    - CMO KR: ${second} => 50%`,
    "",
  ].join("\n");

async function itemsOf(fx: AppFixture, periodId: Id) {
  const { objectives, keyResults } = await listPeriodItems(fx.deps.db, periodId);
  return [...objectives, ...keyResults];
}

for (const dialect of DIALECTS) {
  describe(`import through the use cases (${dialect})`, () => {
    let fx: AppFixture;
    beforeAll(async () => {
      fx = await openAppFixture(dialect, "2026-02-10T09:00:00.000Z");
    });
    afterAll(() => fx.close());

    it("audits every item it creates or changes, as the API audits its writes", async () => {
      const first = await importMarkdown(fx.deps, EDITOR, page("2026-Q1"));
      const items = await itemsOf(fx, first.periodId);
      expect(items.map((i) => i.title).sort()).toEqual([
        "Grow the business",
        "Launch the partner page",
        "Renew 90% of accounts",
      ]);
      for (const item of items) {
        const events = await listAudit(fx.deps, ADMIN, { entityId: item.id });
        expect(events.map((e) => [e.action, e.actorName, e.before])).toEqual([
          ["import", "editor", null],
        ]);
        expect(events[0]?.after).toMatchObject({ id: item.id, title: item.title, version: 1 });
      }

      // The page changes one line: one more event, for that key result, with before and after.
      const changed = page("2026-Q1", "Launch the partner page in 3 languages");
      fx.setNow("2026-02-11T09:00:00.000Z");
      const again = await importMarkdown(fx.deps, EDITOR, changed);
      expect(again).toMatchObject({ created: 1, updated: 0, unchanged: 2 });
      const renew = items.find((i) => i.title === "Renew 90% of accounts") as { id: Id };
      // The API's update of the same key result leaves the same kind of event.
      await updateKeyResult(fx.deps, EDITOR, renew.id, { version: 1, outcome: "80% renewed" });
      const progress = page("2026-Q1", "Launch the partner page in 3 languages").replace(
        "accounts => 80%",
        "accounts => 85%",
      );
      const third = await importMarkdown(fx.deps, EDITOR, progress);
      expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
      const events = await listAudit(fx.deps, ADMIN, { entityId: renew.id });
      expect(events.map((e) => e.action)).toEqual(["import", "update", "import"]);
      const [imported, updated] = events;
      expect(updated?.before).toMatchObject({ version: 1, outcome: "80%" });
      expect(updated?.after).toMatchObject({ version: 2, outcome: "80% renewed" });
      expect(imported?.before).toMatchObject({ version: 2, outcome: "80% renewed" });
      expect(imported?.after).toMatchObject({ version: 3, outcome: "85%", progress: 0.85 });
    });

    it("lets only insiders make a target confidential or public, naming the line", async () => {
      const secret = page("2026-Q2", "Reach [*$N0*][N0] in partner bookings").concat(
        "\n[N0]: https://example.com/plan#n0\n",
      );
      await expect(importMarkdown(fx.deps, EDITOR, secret)).rejects.toMatchObject({
        code: "forbidden",
        message: expect.stringMatching(/^Line 5: Only insiders may make/),
      });
      // The refused apply wrote nothing: no period, no items.
      const preview = await previewImport(fx.deps, EDITOR, secret);
      expect(preview.period).toMatchObject({ label: "2026-Q2", exists: false });
      expect(preview.problems).toContainEqual(
        expect.objectContaining({ line: 5, severity: "error", code: "forbidden" }),
      );

      const made = await importMarkdown(fx.deps, INSIDER_EDITOR, secret);
      const hidden = (await itemsOf(fx, made.periodId)).find((i) => i.title.includes("$N0"));
      expect(hidden).toMatchObject({ type: "key_result", targetConfidential: true });

      // The same line without its reference would make the target public again.
      const plain = page("2026-Q2", "Reach $N0 in partner bookings");
      await expect(importMarkdown(fx.deps, EDITOR, plain)).rejects.toMatchObject({
        code: "forbidden",
        message: expect.stringMatching(/^Line 5: /),
      });
      const still = (await itemsOf(fx, made.periodId)).find((i) => i.id === hidden?.id);
      expect(still).toMatchObject({ targetConfidential: true, version: 1 });
      const insider = await importMarkdown(fx.deps, INSIDER_EDITOR, plain);
      expect(insider).toMatchObject({ updated: 1 });
      const shown = (await itemsOf(fx, made.periodId)).find((i) => i.id === hidden?.id);
      expect(shown).toMatchObject({ targetConfidential: false, version: 2 });
    });

    it("refuses a change to a closed period, and takes the same page again as no change", async () => {
      // Imported as a closed (historical) quarter: its statuses stand as the page says.
      const { periodId } = await importMarkdown(fx.deps, EDITOR, page("2026-Q3"), { closed: true });
      const before = JSON.stringify(await itemsOf(fx, periodId));
      await expect(
        importMarkdown(fx.deps, EDITOR, page("2026-Q3", "Launch the partner page twice")),
      ).rejects.toMatchObject({ code: "period_closed" });
      await expect(
        importMarkdown(fx.deps, EDITOR, page("2026-Q3").replace("=> 80%", "=> 90%")),
      ).rejects.toMatchObject({ code: "period_closed" });
      expect(JSON.stringify(await itemsOf(fx, periodId))).toBe(before);
      const same = await importMarkdown(fx.deps, EDITOR, page("2026-Q3"));
      expect(same).toMatchObject({ closed: true, created: 0, updated: 0, unchanged: 3 });
    });

    it("refuses viewers, as every write of objectives does", async () => {
      await expect(importMarkdown(fx.deps, VIEWER, page("2026-Q4"))).rejects.toMatchObject({
        code: "forbidden",
      });
      await expect(previewImport(fx.deps, VIEWER, page("2026-Q4"))).rejects.toMatchObject({
        code: "forbidden",
      });
    });

    it("keeps a page's owner line, an objective its owner names", async () => {
      const text = [
        "# 2027-Q1 OKRs",
        "",
        "- **Sales**:",
        "    - Sales KR: Sign 10 partners => 40%",
        "",
      ].join("\n");
      const { periodId } = await importMarkdown(fx.deps, EDITOR, text);
      const owned = (await itemsOf(fx, periodId)).find((i) => i.type === "objective");
      expect(owned).toMatchObject({ title: "", owner: { name: "Sales" } });
      // The API asks for a title: an owner line is a page's alone.
      await expect(
        updateObjective(fx.deps, EDITOR, owned?.id as Id, { version: 1, title: " " }),
      ).rejects.toMatchObject({ code: "invalid_input" });
    });

    it("leaves a key result the API moved where it is while its page line says what it said", async () => {
      const text = [
        "# 2027-Q2 OKRs",
        "",
        "- CEO: Grow the business",
        "    - CRO KR: Renew 90% of accounts => 80%",
        "- CTO: Ship faster",
        "    - VPE KR: Deploy daily => 50%",
        "",
      ].join("\n");
      const { periodId } = await importMarkdown(fx.deps, EDITOR, text);
      const items = await itemsOf(fx, periodId);
      const ship = items.find((i) => i.title === "Ship faster") as { id: Id };
      const renew = items.find((i) => i.title === "Renew 90% of accounts") as { id: Id };
      await moveKeyResult(fx.deps, EDITOR, renew.id, { version: 1, objectiveId: ship.id });
      // The page still says what it said: the app's move stands (decisions/0061).
      const again = await importMarkdown(fx.deps, EDITOR, text);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
      const moved = (await itemsOf(fx, periodId)).find((i) => i.id === renew.id);
      expect(moved).toMatchObject({ objectiveId: ship.id, version: 2 });
      const events = await listAudit(fx.deps, ADMIN, { entityId: renew.id });
      expect(events.map((e) => e.action)).toEqual(["move", "import"]);
      // Written back, the page has the line under its new objective.
      const page = (await exportPeriod(fx.deps, ADMIN, periodId, { format: "md" })).content;
      expect(page.split("\n").slice(2)).toEqual([
        "- CEO: Grow the business",
        "- CTO: Ship faster",
        "    - VPE KR: Deploy daily => 50%",
        "    - CRO KR: Renew 90% of accounts => 80%",
        "",
      ]);
    });
  });
}
