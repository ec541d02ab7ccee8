/**
 * A check-in that tells its followers, written in one statement with their notifications
 * (decisions/0042, PostgreSQL): no transaction, nothing told twice where the key result moved
 * between the read and the write, and the transaction where a mail or chat copy is to be queued.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/support/databases.js";
import { createIdGenerator } from "../core/ids.js";
import type { User } from "../core/types.js";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { getKeyResult } from "../store/key-results.repository.js";
import { createUser } from "./accounts.js";
import { actorOf } from "./auth.js";
import { checkIn } from "./check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { createKeyResult } from "./key-results.js";
import { putMyChannels } from "./notification-channels.js";
import { listMyNotifications } from "./notifications.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";

describe("a check-in that tells, in one statement (postgres)", () => {
  let opened: OpenedDatabase;
  let logged: OpenedDatabase;
  let deps: AppDeps;
  let objectiveId: string;
  let editor: User;
  let clock = Date.parse("2020-01-15T12:00:00.000Z");
  /** Statements the process under test ran since the last `beforeEach`. */
  let statements: string[] = [];
  /** Run once, awaited, right after the process under test reads who is to be told. */
  let afterReadingWhoIsTold: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    opened = await openTestDatabase("postgres");
    logged = await openDatabase(opened.url, {
      log: async (event) => {
        statements.push(event.query.sql);
        if (
          afterReadingWhoIsTold &&
          /from "users" where "disabled_at" is null/.test(event.query.sql)
        ) {
          const between = afterReadingWhoIsTold;
          afterReadingWhoIsTold = undefined;
          await between();
        }
      },
    });
    deps = {
      db: logged.db,
      dialect: logged.dialect,
      now: () => new Date(clock),
      newId: createIdGenerator(
        () => clock,
        (n) => crypto.getRandomValues(new Uint8Array(n)),
      ),
    };
    const periodId = (await createPeriod(deps, SYSTEM_ACTOR, { label: "2020-Q1" })).id;
    objectiveId = (await createObjective(deps, SYSTEM_ACTOR, { periodId, title: "Grow" })).id;
    editor = await createUser(deps, SYSTEM_ACTOR, {
      email: "eda@example.com",
      name: "Eda",
      role: "editor",
      password: "long password",
    });
  });
  afterAll(async () => {
    await logged?.close();
    await opened?.close();
  });
  beforeEach(() => {
    clock += 60_000;
    statements = [];
  });

  /** A key result owned by a new person whose account follows it as its owner. */
  async function ownedKeyResult(name: string): Promise<{ id: string; owner: User }> {
    const person = await createPerson(deps, SYSTEM_ACTOR, { name });
    const owner = await createUser(deps, SYSTEM_ACTOR, {
      email: `${name.toLowerCase()}@example.com`,
      name,
      password: "long password",
    });
    await sql`update users set person_id = ${person.id} where id = ${owner.id}`.execute(opened.db);
    const kr = await createKeyResult(deps, SYSTEM_ACTOR, {
      objectiveId,
      title: "Revenue from 0 to 10",
      kind: "metric",
      start: 0,
      target: 10,
      owner: name,
    });
    return { id: kr.id, owner };
  }

  const checkInsTold = async (user: User) =>
    (await listMyNotifications(deps, actorOf(user, "user"))).notifications.filter(
      (n) => n.kind === "check_in",
    );

  it("writes the check-in and its owner's notification in one statement, no transaction", async () => {
    const kr = await ownedKeyResult("Olu");
    statements = [];
    const answer = await checkIn(deps, actorOf(editor, "user"), kr.id, { value: 4, note: "On it" });
    expect(answer.keyResult).toMatchObject({ current: 4, progress: 0.4 });
    // Nothing read locked (the transaction's read), no notification written on its own.
    expect(statements.filter((text) => /for update of "kr"$/.test(text))).toEqual([]);
    expect(
      statements.filter((text) => /^insert into "notifications"/.test(text.trim())),
    ).toHaveLength(0);
    expect(
      statements.filter((text) => /"told" as \(insert into "notifications"/.test(text)),
    ).toHaveLength(1);
    const told = await checkInsTold(kr.owner);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      title: "Eda checked in on “Revenue from 0 to 10”",
      body: "Progress 40% · On it",
      link: `/key-results/${kr.id}`,
      itemId: kr.id,
      readAt: null,
    });
  });

  it("tells once, as the transaction does, when the key result moved between read and write", async () => {
    const kr = await ownedKeyResult("Ravi");
    const before = await getKeyResult(opened.db, kr.id);
    // Another process checks in right after this one read who is to be told.
    afterReadingWhoIsTold = async () => {
      await sql`update key_results set version = version + 1 where id = ${kr.id}`.execute(
        opened.db,
      );
    };
    statements = [];
    await checkIn(deps, actorOf(editor, "user"), kr.id, { value: 7 });
    expect(afterReadingWhoIsTold).toBeUndefined();
    // The one statement wrote nothing; the transaction that followed wrote it all, once.
    expect(statements.some((text) => /for update of "kr"$/.test(text))).toBe(true);
    expect(await checkInsTold(kr.owner)).toHaveLength(1);
    const after = await getKeyResult(opened.db, kr.id);
    expect(after).toMatchObject({ current: 7, version: before.version + 2 });
    const history = await sql<{
      n: string;
    }>`select count(*) as n from check_ins where key_result_id = ${kr.id}`.execute(opened.db);
    expect(Number(history.rows[0]?.n)).toBe(1);
  });

  it("takes the transaction where a chat copy is to be queued with the notification", async () => {
    const kr = await ownedKeyResult("Sol");
    await putMyChannels(deps, actorOf(kr.owner, "user"), {
      chat: { provider: "slack", url: "https://hooks.slack.com/services/T0/B0/sol" },
      channels: { change: "chat" },
    });
    statements = [];
    await checkIn(deps, actorOf(editor, "user"), kr.id, { value: 2 });
    expect(statements.some((text) => /for update of "kr"$/.test(text))).toBe(true);
    expect(await checkInsTold(kr.owner)).toHaveLength(1);
    const copies = await sql<{
      channel: string;
    }>`select channel from notification_deliveries where user_id = ${kr.owner.id}`.execute(
      opened.db,
    );
    expect(copies.rows.map((row) => row.channel)).toEqual(["chat"]);
  });
});
