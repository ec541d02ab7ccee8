/**
 * What a check-in tells, kept per process between writes (notify-targets.ts): two app instances
 * over one database, as two processes are; each keeps its own. A follow, an account linked to
 * the owning person, or a webhook added through the other instance (or straight in SQL) is
 * heard by the next check-in here: the write counters' triggers step on every path.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase, DIALECTS, type EmptyDatabase } from "../../test/support/databases.js";
import { createIdGenerator } from "../core/ids.js";
import type { User } from "../core/types.js";
import { type OpenedDatabase, openDatabase } from "../store/database.js";
import { createUser } from "./accounts.js";
import { actorOf } from "./auth.js";
import { checkIn } from "./check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "./deps.js";
import { setFollowing } from "./follows.js";
import { createKeyResult } from "./key-results.js";
import { listMyNotifications } from "./notifications.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { createWebhook, updateWebhook } from "./webhooks.js";

function depsOf(opened: OpenedDatabase, seed: number): AppDeps {
  let tick = Date.parse("2020-01-15T12:00:00.000Z") + seed;
  return {
    db: opened.db,
    dialect: opened.dialect,
    now: () => {
      tick += 1000;
      return new Date(tick);
    },
    newId: createIdGenerator(
      () => tick,
      (n) => new Uint8Array(n).fill(seed),
    ),
  };
}

describe.each(DIALECTS)("what a check-in tells, kept between writes (%s)", (dialect) => {
  let empty: EmptyDatabase;
  let here: OpenedDatabase;
  let there: OpenedDatabase;
  let a: AppDeps;
  let b: AppDeps;
  let keyResultId: string;
  let follower: User;
  let owner: User;
  let ownerPersonId: string;

  const unread = async (user: User) =>
    (await listMyNotifications(a, actorOf(user, "user"))).notifications.filter(
      (n) => n.kind === "check_in",
    ).length;
  const deliveries = async () =>
    Number(
      (
        await sql<{ n: number | string }>`select count(*) as n from webhook_deliveries`.execute(
          here.db,
        )
      ).rows[0]?.n,
    );
  const checkInHere = (value: number) => checkIn(a, SYSTEM_ACTOR, keyResultId, { value });

  beforeAll(async () => {
    empty = await createEmptyDatabase(dialect);
    here = await openDatabase(empty.url, { migrate: true, poolSize: 2 });
    there = await openDatabase(empty.url, { migrate: false, poolSize: 2 });
    a = depsOf(here, 1);
    b = depsOf(there, 2);
    ownerPersonId = (await createPerson(b, SYSTEM_ACTOR, { name: "Olu" })).id;
    const period = await createPeriod(b, SYSTEM_ACTOR, { label: "2020-Q1" });
    const objective = await createObjective(b, SYSTEM_ACTOR, {
      periodId: period.id,
      title: "Grow",
    });
    keyResultId = (
      await createKeyResult(b, SYSTEM_ACTOR, {
        objectiveId: objective.id,
        title: "Revenue to 10",
        kind: "metric",
        start: 0,
        target: 10,
        owner: "Olu",
      })
    ).id;
    const user = (email: string) =>
      createUser(b, SYSTEM_ACTOR, { email, name: email, password: "long password" });
    follower = await user("fay@example.com");
    owner = await user("olu@example.com");
  });
  afterAll(async () => {
    await here.close();
    await there.close();
    await empty.drop();
  });

  it("hears a follow, an owner's account and a webhook written through the other instance", async () => {
    // Nobody follows yet, no webhook: this instance keeps that.
    await checkInHere(1);
    await checkInHere(2);
    expect([await unread(follower), await unread(owner), await deliveries()]).toEqual([0, 0, 0]);

    await setFollowing(b, actorOf(follower, "user"), keyResultId, true);
    await checkInHere(3);
    expect(await unread(follower)).toBe(1);

    // Linked to the owning person in plain SQL: no use case in between, the trigger still steps.
    await sql`update users set person_id = ${ownerPersonId} where id = ${owner.id}`.execute(
      there.db,
    );
    await checkInHere(4);
    expect([await unread(follower), await unread(owner)]).toEqual([2, 1]);

    const hook = await createWebhook(b, SYSTEM_ACTOR, { url: "https://hooks.example.com/okr" });
    await checkInHere(5);
    expect(await deliveries()).toBe(1);

    // Unfollowed, the webhook paused: the next check-in tells neither.
    await setFollowing(b, actorOf(follower, "user"), keyResultId, false);
    await updateWebhook(b, SYSTEM_ACTOR, hook.webhook.id, { active: false });
    await checkInHere(6);
    expect([await unread(follower), await unread(owner), await deliveries()]).toEqual([3, 3, 1]);
  });
});
