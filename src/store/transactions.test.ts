import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { makeNewObjective, makePeriod, T0, T1, T2 } from "../../test/support/store-fixtures.js";
import { insertAuditEvent, listAuditEvents } from "./audit.repository.js";
import type { OpenedDatabase } from "./database.js";
import { withTransaction } from "./db.js";
import {
  findObjective,
  getObjective,
  insertObjective,
  updateObjective,
} from "./objectives.repository.js";
import { insertPeriod } from "./periods.repository.js";

describe.each(DIALECTS)("transactions and audit on %s", (dialect) => {
  let store: OpenedDatabase;
  beforeAll(async () => {
    store = await openTestDatabase(dialect);
    await insertPeriod(store.db, makePeriod({ id: "P1" }));
  });
  afterAll(async () => {
    await store?.close();
  });

  it("a failure inside a transaction leaves nothing behind, audit included", async () => {
    await expect(
      withTransaction(store.db, async (trx) => {
        await insertObjective(trx, makeNewObjective({ id: "O1", periodId: "P1" }));
        await insertAuditEvent(trx, {
          id: "A1",
          actorId: null,
          actorName: "system",
          at: T0,
          action: "create",
          entity: "objective",
          entityId: "O1",
          before: null,
          after: { title: "x" },
        });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await findObjective(store.db, "O1")).toBeUndefined();
    expect(await listAuditEvents(store.db)).toEqual([]);
  });

  it("a change and its audit event land together", async () => {
    await withTransaction(store.db, async (trx) => {
      const created = await insertObjective(
        trx,
        makeNewObjective({ id: "O2", periodId: "P1", title: "Grow" }),
      );
      await insertAuditEvent(trx, {
        id: "A2",
        actorId: "U1",
        actorName: "Ana",
        at: T1,
        action: "create",
        entity: "objective",
        entityId: "O2",
        before: null,
        after: created,
      });
    });
    const [event] = await listAuditEvents(store.db, { entity: "objective", entityId: "O2" });
    expect(event).toEqual({
      id: "A2",
      actorId: "U1",
      actorName: "Ana",
      at: T1,
      action: "create",
      entity: "objective",
      entityId: "O2",
      before: null,
      after: await getObjective(store.db, "O2"),
    });
  });

  it("a version conflict inside a transaction rolls back the writes before it", async () => {
    await expect(
      withTransaction(store.db, async (trx) => {
        await updateObjective(trx, "O2", 1, { title: "First", updatedAt: T2 });
        await updateObjective(trx, "O2", 1, { title: "Second", updatedAt: T2 });
      }),
    ).rejects.toMatchObject({ code: "version_conflict" });
    expect(await getObjective(store.db, "O2")).toMatchObject({ title: "Grow", version: 1 });
  });

  it("nested withTransaction joins the outer one", async () => {
    await expect(
      withTransaction(store.db, async (trx) => {
        await withTransaction(trx, (inner) =>
          insertObjective(inner, makeNewObjective({ id: "O3", periodId: "P1" })),
        );
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(await findObjective(store.db, "O3")).toBeUndefined();
  });

  it("audit events filter by entity, actor, action and time, newest first", async () => {
    for (const [id, at, actorId, action] of [
      ["A3", "2020-02-01T00:00:00.000Z", "U1", "update"],
      ["A4", "2020-03-01T00:00:00.000Z", "U2", "update"],
      ["A5", "2020-04-01T00:00:00.000Z", "U1", "archive"],
    ] as const) {
      await insertAuditEvent(store.db, {
        id,
        actorId,
        actorName: null,
        at,
        action,
        entity: "key_result",
        entityId: "K1",
        before: { value: 1 },
        after: { value: 2, nested: [1, "two"] },
      });
    }
    const ids = async (filter: Parameters<typeof listAuditEvents>[1]) =>
      (await listAuditEvents(store.db, filter)).map((event) => event.id);
    expect(await ids({ entity: "key_result" })).toEqual(["A5", "A4", "A3"]);
    expect(await ids({ actorId: "U1", entity: "key_result" })).toEqual(["A5", "A3"]);
    expect(await ids({ action: "update" })).toEqual(["A4", "A3"]);
    expect(await ids({ since: "2020-03-01T00:00:00.000Z" })).toEqual(["A5", "A4"]);
    expect(await ids({ before: "2020-03-01T00:00:00.000Z", entity: "key_result" })).toEqual(["A3"]);
    expect(await ids({ limit: 1 })).toEqual(["A5"]);
    expect((await listAuditEvents(store.db, { entityId: "K1", limit: 1 }))[0]?.after).toEqual({
      value: 2,
      nested: [1, "two"],
    });
  });
});
