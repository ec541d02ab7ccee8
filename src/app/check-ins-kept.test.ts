/**
 * A check-in planned from what the process keeps (decisions/0041, 0047): on PostgreSQL one
 * statement, on SQLite no read of the key result, where the kept key result still holds; and
 * the same outcome as a read would give where it does not — a link added, the period closed,
 * an objective made confidential, a follower added since it was kept.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EDITOR, INSIDER_EDITOR } from "../../test/support/app-fixtures.js";
import { DIALECTS, openTestDatabase } from "../../test/support/databases.js";
import { createIdGenerator } from "../core/ids.js";
import type { KeyResult } from "../core/types.js";
import { listAuditEvents } from "../store/audit.repository.js";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { getKeyResult as readKeyResult } from "../store/key-results.repository.js";
import { createUser } from "./accounts.js";
import { actorOf as actorOfUser } from "./auth.js";
import { checkIn, listCheckInsFromTables } from "./check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { setFollowing } from "./follows.js";
import { createKeyResult, updateKeyResult } from "./key-results.js";
import { addLink } from "./links.js";
import { listMyNotifications } from "./notifications.js";
import { createObjective, updateObjective } from "./objectives.js";
import { periodModelAt } from "./period-model.js";
import { closePeriod, createPeriod } from "./periods.js";
import { readVersionOfPeriod } from "./read-cache.js";

describe.each(DIALECTS)("check-ins planned from what the process keeps (%s)", (dialect) => {
  let opened: OpenedDatabase;
  let logged: OpenedDatabase;
  let deps: AppDeps;
  let periodId: string;
  let objectiveId: string;
  /** Statements run through `deps.db` since the last `beforeEach`. */
  let statements: string[] = [];
  let clock = Date.parse("2020-01-15T12:00:00.000Z");

  beforeAll(async () => {
    opened = await openTestDatabase(dialect);
    // The process under test: its own pool, each statement it runs noted.
    logged = await openDatabase(opened.url, {
      log: (event) => {
        statements.push(event.query.sql);
      },
    });
    deps = {
      db: logged.db,
      dialect: logged.dialect,
      now: () => new Date(clock),
      newId: createIdGenerator(
        () => clock,
        (n) => new Uint8Array(n),
      ),
    };
    periodId = (await createPeriod(deps, EDITOR, { label: "2020-Q1" })).id;
    objectiveId = (await createObjective(deps, EDITOR, { periodId, title: "Grow" })).id;
  });
  afterAll(async () => {
    await logged?.close();
    await opened?.close();
  });

  beforeEach(() => {
    clock += 60_000;
  });

  async function newKeyResult(): Promise<KeyResult> {
    return createKeyResult(deps, INSIDER_EDITOR, {
      objectiveId,
      title: "Raise the count from 0 to 100",
      kind: "metric",
      start: 0,
      target: 100,
    });
  }

  /** The period's model read now, and one check-in read the usual way to keep the targets. */
  async function keepEverything(): Promise<void> {
    const warm = await newKeyResult();
    await checkIn(deps, INSIDER_EDITOR, warm.id, { value: 1 });
    await periodModelAt(deps, periodId, await readVersionOfPeriod(deps, periodId));
    statements = [];
  }

  /**
   * That the check-in was written without a read: in one statement on PostgreSQL; on SQLite
   * with the key result read by no statement of its own, its history row appended first.
   */
  function expectWrittenWithoutRead(): void {
    if (dialect === "postgres") {
      expect(statements).toHaveLength(1);
      return;
    }
    const reads = statements.filter((text) => /^\s*select\b[\s\S]*"key_results"/i.test(text));
    expect(reads).toEqual([]);
    expect(statements[0]).toMatch(/^insert into "check_ins"[\s\S]* where exists/);
  }

  it("writes a check-in on a kept key result without reading it, as a read would have", async () => {
    const kr = await readKeyResult(opened.db, (await newKeyResult()).id);
    await keepEverything();
    const answer = await checkIn(deps, INSIDER_EDITOR, kr.id, { value: 40, note: "kept" });
    expectWrittenWithoutRead();
    expect(answer.keyResult).toMatchObject({ current: 40, progress: 0.4, version: kr.version + 1 });
    const now = await readKeyResult(opened.db, kr.id);
    expect(now).toMatchObject({ current: 40, progress: 0.4, version: kr.version + 1 });
    const [event] = await listAuditEvents(opened.db, { entityId: kr.id, action: "check_in" });
    expect(event?.before).toEqual(JSON.parse(JSON.stringify(kr)));
    expect(event?.after).toEqual(JSON.parse(JSON.stringify(now)));
    // The next one on the same key result starts from what this one left.
    statements = [];
    await checkIn(deps, INSIDER_EDITOR, kr.id, { value: 50 });
    expectWrittenWithoutRead();
    const later = await readKeyResult(opened.db, kr.id);
    expect(later).toMatchObject({ current: 50 });
    // Its audit event goes from the state the first left to the one it left.
    const events = await listAuditEvents(opened.db, { entityId: kr.id, action: "check_in" });
    const second = events.find((e) => (e.after as KeyResult | null)?.current === 50);
    expect(second?.before).toEqual(event?.after);
    expect(second?.after).toEqual(JSON.parse(JSON.stringify(later)));
  });

  it("sees a link added since the key result was kept", async () => {
    const kr = await newKeyResult();
    await keepEverything();
    const link = await addLink(deps, INSIDER_EDITOR, kr.id, { url: "https://example.com/epic" });
    const answer = await checkIn(deps, INSIDER_EDITOR, kr.id, { value: 10 });
    expect(answer.keyResult.links.map((l) => l.id)).toEqual([link.id]);
    const [event] = await listAuditEvents(opened.db, { entityId: kr.id, action: "check_in" });
    expect((event?.before as KeyResult | undefined)?.links.map((l) => l.id)).toEqual([link.id]);
    // Kept with its link now: the next check-in needs no read.
    statements = [];
    const next = await checkIn(deps, INSIDER_EDITOR, kr.id, { value: 20 });
    expectWrittenWithoutRead();
    expect(next.keyResult.links.map((l) => l.id)).toEqual([link.id]);
  });

  it("refuses a check-in once the period is closed, writing nothing", async () => {
    const other = await createPeriod(deps, EDITOR, { label: "2020-Q2" });
    const objective = await createObjective(deps, EDITOR, { periodId: other.id, title: "Ship" });
    const kr = await createKeyResult(deps, INSIDER_EDITOR, {
      objectiveId: objective.id,
      title: "Ship 10 things",
      kind: "metric",
      start: 0,
      target: 10,
    });
    // Cancelled, so closing the period grades it not (its version stays).
    const cancelled = await updateKeyResult(deps, INSIDER_EDITOR, kr.id, {
      version: kr.version,
      status: "cancelled",
    });
    await checkIn(deps, INSIDER_EDITOR, kr.id, { value: 1 });
    await periodModelAt(deps, other.id, await readVersionOfPeriod(deps, other.id));
    const versionBefore = (await readKeyResult(opened.db, kr.id)).version;
    await closePeriod(deps, EDITOR, other.id);
    expect((await readKeyResult(opened.db, kr.id)).version).toBe(versionBefore);
    expect(cancelled.status).toBe("cancelled");
    await expect(checkIn(deps, INSIDER_EDITOR, kr.id, { value: 2 })).rejects.toMatchObject({
      code: "period_closed",
    });
    expect(await listCheckInsFromTables(deps, INSIDER_EDITOR, kr.id)).toHaveLength(1);
  });

  it("hides a key result whose objective became confidential from who is no insider", async () => {
    const objective = await createObjective(deps, EDITOR, { periodId, title: "Quiet" });
    const kr = await createKeyResult(deps, INSIDER_EDITOR, {
      objectiveId: objective.id,
      title: "Hire 3",
      kind: "metric",
      start: 0,
      target: 3,
    });
    await keepEverything();
    await updateObjective(deps, INSIDER_EDITOR, objective.id, {
      version: objective.version,
      confidential: true,
    });
    await expect(checkIn(deps, EDITOR, kr.id, { value: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await listCheckInsFromTables(deps, INSIDER_EDITOR, kr.id)).toHaveLength(0);
  });

  it("tells a follower who started following since the targets were kept", async () => {
    const kr = await newKeyResult();
    await keepEverything();
    const user = await createUser(deps, SYSTEM_ACTOR, {
      email: "fern@example.com",
      name: "Fern",
      password: "long password",
      role: "viewer",
    });
    const follower = actorOfUser(user, "user");
    await setFollowing(deps, follower, kr.id, true);
    await checkIn(deps, INSIDER_EDITOR, kr.id, { value: 70, note: "told" });
    const { notifications } = await listMyNotifications(deps, follower);
    expect(notifications.map((n) => n.itemId)).toContain(kr.id);
  });
});
