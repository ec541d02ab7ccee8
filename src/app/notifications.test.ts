/**
 * `notify`, the one way anything tells people something in the app, and who follows an item
 * by default: on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import type { User } from "../core/types.js";
import { disableUser } from "./account-access.js";
import { createUser } from "./accounts.js";
import { actorOf } from "./auth.js";
import { checkIn } from "./check-ins.js";
import { SYSTEM_ACTOR } from "./deps.js";
import { followersOf, setFollowing } from "./follows.js";
import { createKeyResult } from "./key-results.js";
import {
  listMyNotifications,
  markMyNotificationsRead,
  notify,
  UNSEEN_ITEM_LINK,
  UNSEEN_ITEM_TITLE,
} from "./notifications.js";
import { createObjective, getObjective, updateObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";

describe.each(DIALECTS)("notifications (%s)", (dialect) => {
  let fx: AppFixture;
  let cmo: User;
  let insider: User;
  let gone: User;
  let secretId: string;
  let publicId: string;

  beforeAll(async () => {
    fx = await openAppFixture(dialect);
    const person = await createPerson(fx.deps, SYSTEM_ACTOR, { name: "Cleo", title: "CMO" });
    const user = (email: string, extra: object = {}) =>
      createUser(fx.deps, SYSTEM_ACTOR, {
        email,
        name: email,
        password: "long password",
        ...extra,
      });
    cmo = await user("cleo@example.com", { personId: person.id });
    insider = await user("ines@example.com", { insider: true });
    gone = await user("gone@example.com");
    const period = await createPeriod(fx.deps, SYSTEM_ACTOR, { label: "2020-Q1" });
    secretId = (
      await createObjective(fx.deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Secret",
        confidential: true,
      })
    ).id;
    publicId = (
      await createObjective(fx.deps, SYSTEM_ACTOR, {
        periodId: period.id,
        title: "Grow",
        owner: "CMO",
      })
    ).id;
  });
  afterAll(() => fx.close());

  it("tells each named account once, leaves out unknown ids and, for a hidden item, outsiders", async () => {
    const told = await notify(fx.deps, {
      userIds: [cmo.id, cmo.id, insider.id, "no-such-user"],
      kind: "reminder",
      title: "Check in on 3 key results",
      body: "Due this week",
      link: "/me",
    });
    expect(told.sort()).toEqual([cmo.id, insider.id].sort());
    const list = await listMyNotifications(fx.deps, actorOf(cmo, "user"));
    expect(list.unread).toBe(1);
    expect(list.notifications[0]).toMatchObject({
      kind: "reminder",
      title: "Check in on 3 key results",
      body: "Due this week",
      link: "/me",
      itemId: null,
      readAt: null,
    });
    const hidden = await notify(fx.deps, {
      userIds: [cmo.id, insider.id],
      kind: "mention",
      title: "About the secret",
      link: `/objectives/${secretId}`,
      itemId: secretId,
    });
    expect(hidden).toEqual([insider.id]);
    expect(await markMyNotificationsRead(fx.deps, actorOf(insider, "user"))).toEqual({
      marked: 2,
      unread: 0,
    });
  });

  it("skips disabled accounts", async () => {
    await disableUser(fx.deps, SYSTEM_ACTOR, gone.id);
    const told = await notify(fx.deps, {
      userIds: [gone.id, cmo.id],
      kind: "reminder",
      title: "Check in",
      link: "/me",
    });
    expect(told).toEqual([cmo.id]);
  });

  it("makes the holder of an owning role title a follower until they unfollow", async () => {
    const item = await createKeyResult(fx.deps, SYSTEM_ACTOR, {
      objectiveId: publicId,
      title: "Launch the campaign",
      kind: "milestone",
      owner: "cmo",
    });
    expect([...(await followersOf(fx.deps.db, item))]).toEqual([cmo.id]);
    await setFollowing(fx.deps, actorOf(cmo, "user"), item.id, false);
    await setFollowing(fx.deps, actorOf(insider, "user"), item.id, true);
    expect([...(await followersOf(fx.deps.db, item))]).toEqual([insider.id]);
  });

  it("tells of a check-in under a confidential objective only its followers who are insiders", async () => {
    const secret = await createKeyResult(fx.deps, SYSTEM_ACTOR, {
      objectiveId: secretId,
      title: "Close the deal",
      kind: "milestone",
      owner: "cmo",
    });
    await setFollowing(fx.deps, actorOf(insider, "user"), secret.id, true);
    const unread = async (user: User) =>
      (await listMyNotifications(fx.deps, actorOf(user, "user"))).unread;
    const before = { cmo: await unread(cmo), insider: await unread(insider) };
    await checkIn(fx.deps, SYSTEM_ACTOR, secret.id, { progress: 0.5, note: "signed" });
    // The owner follows it but may not see it: only the insider is told.
    expect(await unread(cmo)).toBe(before.cmo);
    expect(await unread(insider)).toBe(before.insider + 1);
  });

  it("shows nothing of an item made confidential since it was written, to whoever may no longer see it (decisions/0066)", async () => {
    const objective = await createObjective(fx.deps, SYSTEM_ACTOR, {
      periodId: (await createPeriod(fx.deps, SYSTEM_ACTOR, { label: "2020-Q2" })).id,
      title: "Merge with Halvorsen",
    });
    const kr = await createKeyResult(fx.deps, SYSTEM_ACTOR, {
      objectiveId: objective.id,
      title: "Halvorsen signs the letter of intent",
      kind: "milestone",
    });
    await setFollowing(fx.deps, actorOf(cmo, "user"), kr.id, true);
    await checkIn(fx.deps, SYSTEM_ACTOR, kr.id, { progress: 0.5, note: "Halvorsen is in" });
    await notify(fx.deps, {
      userIds: [cmo.id, insider.id],
      kind: "mention",
      title: "Mentioned on Merge with Halvorsen",
      body: "@Cleo the Halvorsen numbers",
      link: `/objectives/${objective.id}`,
      itemId: objective.id,
    });
    const read = (user: User) => listMyNotifications(fx.deps, actorOf(user, "user"));
    const before = await read(cmo);
    const about = (list: typeof before) =>
      list.notifications.filter((n) => [objective.id, kr.id].includes(n.itemId ?? ""));
    expect(about(before)).toHaveLength(2);
    const setConfidential = async (confidential: boolean) => {
      const now = await getObjective(fx.deps, SYSTEM_ACTOR, objective.id);
      await updateObjective(fx.deps, SYSTEM_ACTOR, objective.id, {
        version: now.version,
        confidential,
      });
    };

    await setConfidential(true);
    const after = await read(cmo);
    expect(JSON.stringify(after)).not.toMatch(/Halvorsen|Cleo/);
    expect(JSON.stringify(after)).not.toContain(objective.id);
    expect(JSON.stringify(after)).not.toContain(kr.id);
    expect(after.unread).toBe(before.unread);
    const hiddenOnes = after.notifications.filter((n) => n.title === UNSEEN_ITEM_TITLE);
    expect(hiddenOnes).toHaveLength(2);
    for (const n of hiddenOnes) {
      expect(n).toMatchObject({ body: null, link: UNSEEN_ITEM_LINK, itemId: null });
    }
    // An insider still reads it whole.
    expect(JSON.stringify(await read(insider))).toContain("Mentioned on Merge with Halvorsen");

    // Decided when read: public again, it reads whole again.
    await setConfidential(false);
    expect(await read(cmo)).toEqual(before);
  });
});
