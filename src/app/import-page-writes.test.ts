/**
 * An import writes a page's new items and audit events together when the page is done, yet
 * what follows from each holds as if they were written one by one: the webhook outbox judges a
 * new key result by the objective it is under, a refused line leaves nothing of its page, and
 * each new item keeps its links in the page's order. Real SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { Id, KeyResult, Objective } from "../core/types.js";
import { listPeriodItems } from "../store/period-items.repository.js";
import { listAudit } from "./audit.js";
import { importMarkdown } from "./import.js";
import { updateObjective } from "./objectives.js";
import { createWebhook, listWebhookDeliveries } from "./webhooks.js";

async function itemsOf(fx: AppFixture, periodId: Id): Promise<(Objective | KeyResult)[]> {
  const { objectives, keyResults } = await listPeriodItems(fx.deps.db, periodId);
  return [...objectives, ...keyResults];
}

/** A page of quarter `label`: its title, then `lines`. */
function pageOf(label: string, lines: readonly string[]): string {
  return [`# ${label} OKRs`, "", ...lines, ""].join("\n");
}

/** The item whose title starts with `title` (a title keeps its links' Markdown). */
function titled(items: readonly (Objective | KeyResult)[], title: string): Objective | KeyResult {
  const found = items.find((item) => item.title.startsWith(title));
  if (!found) throw new Error(`no item titled "${title}" in ${items.map((i) => i.title)}`);
  return found;
}

for (const dialect of DIALECTS) {
  describe(`an import's page written at once (${dialect})`, () => {
    let fx: AppFixture;
    beforeAll(async () => {
      fx = await openAppFixture(dialect, "2026-02-10T09:00:00.000Z");
    });
    afterAll(() => fx.close());

    it("sends no webhook event for a new key result under a confidential objective", async () => {
      const { webhook } = await createWebhook(fx.deps, ADMIN, {
        url: "http://127.0.0.1:9/hooks/okr",
        events: ["item.created"],
      });
      const lines = [
        "- CEO: Grow the business",
        "    - CRO KR: Renew 90% of accounts => 80%",
        "- CFO: Buy Initech",
        "    - CFO KR: Sign the letter of intent => 10%",
      ];
      const first = await importMarkdown(fx.deps, ADMIN, pageOf("2026-Q1", lines));
      const sent = async () =>
        (await listWebhookDeliveries(fx.deps, ADMIN, webhook.id)).map((d) => d.entityId);
      expect(await sent()).toHaveLength(4);

      const buy = titled(await itemsOf(fx, first.periodId), "Buy Initech");
      await updateObjective(fx.deps, ADMIN, buy.id, { version: 1, confidential: true });
      lines.splice(2, 0, "    - CRO KR: Win 5 new logos => 20%");
      lines.push("    - CFO KR: Agree the price => 0%");
      const again = await importMarkdown(fx.deps, ADMIN, pageOf("2026-Q1", lines));
      expect(again).toMatchObject({ created: 2, unchanged: 4 });

      const items = await itemsOf(fx, first.periodId);
      const win = titled(items, "Win 5 new logos");
      const price = titled(items, "Agree the price");
      expect(price).toMatchObject({ objectiveId: buy.id });
      const after = await sent();
      expect(after).toHaveLength(5);
      expect(after).toContain(win.id);
      expect(after).not.toContain(price.id);
      // Both are audited all the same, once each.
      for (const item of [win, price]) {
        const events = await listAudit(fx.deps, ADMIN, { entityId: item.id });
        expect(events.map((e) => e.action)).toEqual(["import"]);
      }
    });

    it("leaves nothing of a page whose later line is refused: no item, no change, no event", async () => {
      const page = (extra: string[]) =>
        pageOf("2026-Q2", [
          "- CEO: Grow the business",
          "    - CRO KR: Renew 90% of accounts => 80%",
          ...extra,
        ]);
      const { periodId } = await importMarkdown(fx.deps, EDITOR, page([]));
      const before = JSON.stringify(await itemsOf(fx, periodId));
      const events = async () => (await listAudit(fx.deps, ADMIN, { limit: 200 })).length;
      const counted = await events();
      // A changed line (written at once), a new objective (held), then a line only an insider
      // may write: the whole page is refused.
      const refused = page([
        "- CTO: Ship faster",
        "    - VPE KR: Deploy daily => 50%",
        "    - VPE KR: Hold [*$N0*][N0] in reserve => 0%",
        "",
        "[N0]: https://example.com/plan#n0",
      ]).replace("accounts => 80%", "accounts => 90%");
      await expect(importMarkdown(fx.deps, EDITOR, refused)).rejects.toMatchObject({
        code: "forbidden",
        message: expect.stringMatching(/^Line 7: /),
      });
      expect(JSON.stringify(await itemsOf(fx, periodId))).toBe(before);
      expect(await events()).toBe(counted);
    });

    it("gives each new item its links, in the page's order, as its audit event shows them", async () => {
      const { periodId } = await importMarkdown(
        fx.deps,
        EDITOR,
        pageOf("2026-Q3", [
          "- CEO: Grow the business ([plan](https://example.com/plan), [board](https://example.com/board))",
          "    - CRO KR: Renew 90% of accounts ([list](https://example.com/list)) => 80%",
          "    - CMO KR: Launch the partner page => 50%",
        ]),
      );
      const items = await itemsOf(fx, periodId);
      const urls = (item: Objective | KeyResult) => item.links.map((link) => link.url);
      const grow = titled(items, "Grow the business");
      expect(urls(grow)).toEqual(["https://example.com/plan", "https://example.com/board"]);
      expect(urls(titled(items, "Renew 90% of accounts"))).toEqual(["https://example.com/list"]);
      expect(urls(titled(items, "Launch the partner page"))).toEqual([]);
      const events = await listAudit(fx.deps, ADMIN, { entityId: grow.id });
      expect(events.map((e) => (e.after as Objective).links.map((link) => link.url))).toEqual([
        urls(grow),
      ]);
    });
  });
}
