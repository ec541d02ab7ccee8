import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, DIALECTS, type EmptyDatabase } from "../../test/support/databases.js";
import type { AuditEvent } from "../core/types.js";
import {
  type AuditFilter,
  insertAuditEvents,
  listAuditEvents,
  moveAuditJournal,
} from "./audit.repository.js";
import { type OpenedDatabase, openDatabase } from "./database.js";
import type { Db } from "./db.js";

/** Events of two key results and an objective, by two people; three share one instant. */
function events(): AuditEvent[] {
  const at = (day: number) => `2026-03-${String(day).padStart(2, "0")}T09:00:00.000Z`;
  return [
    ["E01", 1, "U1", "update", "key_result", "K1"],
    ["E02", 2, "U2", "check_in", "key_result", "K1"],
    ["E03", 3, "U1", "check_in", "key_result", "K2"],
    ["E04", 3, "U2", "update", "objective", "O1"],
    ["E05", 3, "U1", "check_in", "key_result", "K1"],
    ["E06", 4, "U2", "archive", "key_result", "K2"],
    ["E07", 5, "U1", "check_in", "key_result", "K1"],
  ].map(([id, day, actorId, action, entity, entityId]) => ({
    id: id as string,
    actorId: actorId as string,
    actorName: actorId === "U1" ? "Ana" : "Ben",
    at: at(day as number),
    action: action as string,
    entity: entity as string,
    entityId: entityId as string,
    before: { value: 1, note: `before ${id}` },
    after: { value: 2, note: `after ${id}` },
  }));
}

const FILTERS: AuditFilter[] = [
  {},
  { entity: "key_result", entityId: "K1" },
  { actorId: "U1" },
  { action: "check_in" },
  { since: "2026-03-03T00:00:00.000Z" },
  { before: "2026-03-04T00:00:00.000Z", entity: "key_result" },
  { limit: 2 },
  { olderThan: { at: "2026-03-03T09:00:00.000Z", id: "E04" } },
];

/** What each filter lists, as ids. */
async function listed(db: Db): Promise<string[][]> {
  const lists: string[][] = [];
  for (const filter of FILTERS) lists.push((await listAuditEvents(db, filter)).map((e) => e.id));
  return lists;
}

/** Every event, newest first, read page by page (`olderThan`) with pages of `size`. */
async function pages(db: Db, size: number): Promise<string[]> {
  const seen: string[] = [];
  let olderThan: AuditFilter["olderThan"];
  for (;;) {
    const page = await listAuditEvents(db, { limit: size, ...(olderThan ? { olderThan } : {}) });
    seen.push(...page.map((e) => e.id));
    const last = page.at(-1);
    if (page.length < size || !last) return seen;
    olderThan = { at: last.at, id: last.id };
  }
}

async function countOf(db: Db, table: "audit_events" | "audit_journal"): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DIALECTS)("the audit journal on %s", (dialect) => {
  let empty: EmptyDatabase;
  let store: OpenedDatabase;
  beforeAll(async () => {
    empty = await createEmptyDatabase(dialect);
    store = await openDatabase(empty.url, { migrate: true, poolSize: 4 });
  });
  afterAll(async () => {
    await store?.close();
    await empty?.drop();
  });

  it("lists the same events, in the same order, journaled, half moved and all moved", async () => {
    const db = store.db;
    await insertAuditEvents(db, events());
    expect(await countOf(db, "audit_journal")).toBe(7);
    expect(await countOf(db, "audit_events")).toBe(0);
    const journaled = await listed(db);
    expect(journaled[0]).toEqual(["E07", "E06", "E05", "E04", "E03", "E02", "E01"]);
    expect(journaled[1]).toEqual(["E07", "E05", "E02", "E01"]);
    expect(journaled[2]).toEqual(["E07", "E05", "E03", "E01"]);
    expect(journaled[7]).toEqual(["E03", "E02", "E01"]);
    expect(await pages(db, 2)).toEqual(journaled[0]);

    // The oldest three written move first; the others stay in the journal.
    expect(await moveAuditJournal(db, 3)).toBe(3);
    expect(await countOf(db, "audit_events")).toBe(3);
    expect(await listed(db)).toEqual(journaled);
    expect(await pages(db, 2)).toEqual(journaled[0]);
    expect(await pages(db, 3)).toEqual(journaled[0]);

    expect(await moveAuditJournal(db, 3)).toBe(3);
    expect(await moveAuditJournal(db, 3)).toBe(1);
    expect(await moveAuditJournal(db, 3)).toBe(0);
    expect(await countOf(db, "audit_journal")).toBe(0);
    expect(await countOf(db, "audit_events")).toBe(7);
    expect(await listed(db)).toEqual(journaled);
    const [latest] = await listAuditEvents(db, { limit: 1 });
    expect(latest?.after).toEqual({ value: 2, note: "after E07" });
  });

  it("two processes moving at once move each event exactly once", async () => {
    const other = await openDatabase(empty.url, { poolSize: 4 });
    try {
      const many: AuditEvent[] = Array.from({ length: 300 }, (_, i) => ({
        id: `M${String(i).padStart(4, "0")}`,
        actorId: null,
        actorName: "system",
        at: new Date(Date.UTC(2026, 5, 1, 0, 0, i)).toISOString(),
        action: "update",
        entity: "objective",
        entityId: `O${i % 7}`,
        before: null,
        after: { i },
      }));
      await insertAuditEvents(store.db, many);
      const drain = async (db: Db) => {
        let moved = 0;
        for (;;) {
          const n = await moveAuditJournal(db, 7);
          if (n === 0) return moved;
          moved += n;
        }
      };
      const [a, b, c] = await Promise.all([drain(store.db), drain(other.db), drain(store.db)]);
      expect((a ?? 0) + (b ?? 0) + (c ?? 0)).toBe(300);
      expect(await countOf(store.db, "audit_journal")).toBe(0);
      expect(await countOf(store.db, "audit_events")).toBe(307);
      const listedIds = await pages(store.db, 100);
      expect(listedIds).toHaveLength(307);
      expect(new Set(listedIds).size).toBe(307);
    } finally {
      await other.close();
    }
  });
});
