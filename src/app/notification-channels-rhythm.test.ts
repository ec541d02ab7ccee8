/**
 * Reminders and the weekly digest by each person's channel, on SQLite and PostgreSQL: in the
 * app only (even with mail off), in their own chat at a real HTTP listener, or by email as
 * before; the plan says which.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { type ChatListener, startChatListener } from "../../test/support/chat-listener.js";
import { DIALECTS } from "../../test/support/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import { createUser } from "./accounts.js";
import { actorOf } from "./auth.js";
import type { Actor } from "./deps.js";
import { sendDigest } from "./digest.js";
import { planDigests } from "./digest-plan.js";
import { createKeyResult } from "./key-results.js";
import { putMyChannels } from "./notification-channels.js";
import { listMyNotifications } from "./notifications.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { putMyReminders } from "./reminder-preferences.js";
import { planReminders, sendReminder } from "./reminders.js";

// Monday 2 March 2026, 09:00 UTC.
const MONDAY_9 = "2026-03-02T09:00:00.000Z";

describe.each(DIALECTS)("reminders and digests by channel (%s)", (dialect) => {
  let fx: AppFixture;
  let smtp: TestSmtp;
  let chat: ChatListener;
  const people: Record<"ria" | "sol", { id: string; actor: Actor }> = {} as never;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    chat = await startChatListener();
    fx = await openAppFixture(dialect, "2026-02-20T12:00:00.000Z");
    fx.deps.rhythm = {
      mail: { smtpUrl: smtp.url, from: "okr <okr@okr.test>" },
      publicUrl: "http://okr.test:8080",
    };
    const period = await createPeriod(fx.deps, EDITOR, { label: "2026-Q1" });
    for (const [key, name] of [
      ["ria", "Ria Sen"],
      ["sol", "Sol Vik"],
    ] as const) {
      const email = `${key}@example.com`;
      const person = await createPerson(fx.deps, EDITOR, { name, email });
      const user = await createUser(fx.deps, ADMIN, {
        email,
        name,
        password: "long password",
        personId: person.id,
      });
      const actor = actorOf(user, "user");
      people[key] = { id: person.id, actor };
      const objective = await createObjective(fx.deps, EDITOR, {
        periodId: period.id,
        title: `Faster releases (${name})`,
        owner: name,
      });
      await createKeyResult(fx.deps, EDITOR, {
        objectiveId: objective.id,
        title: `Release weekly (${name})`,
        owner: name,
        kind: "metric",
        start: 0,
        target: 10,
      });
      await putMyReminders(fx.deps, actor, {
        preference: { cadence: "weekly", weekday: 1, hour: 9, timeZone: "UTC" },
      });
    }
    await putMyChannels(fx.deps, people.ria.actor, {
      chat: { provider: "teams", url: chat.urlFor("ria") },
      channels: { reminder: "chat", digest: "chat" },
    });
    await putMyChannels(fx.deps, people.sol.actor, {
      channels: { reminder: "in-app", digest: "in-app" },
    });
  });
  afterAll(async () => {
    await fx?.close();
    await smtp?.stop();
    await chat?.stop();
  });

  it("posts Ria's reminder to her chat and puts Sol's under the bell only, mailing neither", async () => {
    fx.setNow(MONDAY_9);
    const planned = await planReminders(fx.deps, fx.deps.now());
    expect(planned.map((p) => [p.name, p.channel, p.skipped])).toEqual([
      ["Ria Sen", "chat", null],
      ["Sol Vik", "in-app", null],
    ]);
    expect(await sendReminder(fx.deps, people.ria.id, MONDAY_9)).toBe("sent");
    const [post] = await chat.waitFor(1);
    expect(post?.path).toBe("/hook/ria");
    const card = JSON.stringify(post?.body);
    expect(card).toContain("AdaptiveCard");
    expect(card).toContain("Check-in reminder: 1 key result due");
    expect(card).toContain("Release weekly (Ria Sen)");
    expect(card).toMatch(/http:\/\/okr\.test:8080\/#\/key-results\/\w+\?check-in=1/);

    // Sol's reminder needs no mail at all.
    const config = fx.deps.rhythm;
    fx.deps.rhythm = { mail: null, publicUrl: "http://okr.test:8080" };
    expect(await sendReminder(fx.deps, people.sol.id, MONDAY_9)).toBe("sent");
    fx.deps.rhythm = config;
    for (const who of [people.ria, people.sol]) {
      const bell = await listMyNotifications(fx.deps, who.actor);
      expect(bell.notifications.map((n) => [n.kind, n.title])).toEqual([
        ["reminder", "Check-in reminder: 1 key result due"],
      ]);
    }
    expect(smtp.received).toHaveLength(0);
    expect(chat.posts).toHaveLength(1);
  });

  it("sends the digest by channel: Ria's chat, Sol's bell, and by email once Sol chooses it", async () => {
    const slot = new Date("2026-03-09T08:00:00.000Z");
    fx.setNow(slot.toISOString());
    const digests = await planDigests(fx.deps, slot);
    expect(digests.map((d) => [d.name, d.channel])).toEqual([
      ["Ria Sen", "chat"],
      ["Sol Vik", "in-app"],
    ]);
    for (const digest of digests) await sendDigest(fx.deps, digest);
    const post = (await chat.waitFor(2)).at(-1);
    expect(JSON.stringify(post?.body)).toContain("Faster releases (Ria Sen) (2026-Q1)");
    const bell = await listMyNotifications(fx.deps, people.sol.actor);
    expect(bell.notifications[0]).toMatchObject({ kind: "digest", link: "/" });
    expect(bell.notifications[0]?.title).toMatch(/^Weekly OKR digest: 1 objective/);
    expect(smtp.received).toHaveLength(0);

    await putMyChannels(fx.deps, people.sol.actor, { channels: { digest: "email" } });
    const [sol] = (await planDigests(fx.deps, slot)).filter((d) => d.name === "Sol Vik");
    expect(sol?.channel).toBe("email");
    if (sol) await sendDigest(fx.deps, sol);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(["sol@example.com"]);
    expect(mail?.subject).toMatch(/^Weekly OKR digest: 1 objective/);
  });
});
