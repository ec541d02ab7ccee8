/**
 * Each person's channels on SQLite and PostgreSQL: who hears of a mention, a reply or a change
 * by which channel, mail over a real SMTP server and chat at a real HTTP listener, both sent
 * by the job queue after the window; bursts as one message; retries with the last error;
 * nothing queued while mail is off; the company default and unsubscribes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { type ChatListener, startChatListener } from "../../test/support/chat-listener.js";
import { DIALECTS } from "../../test/support/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import { createUser } from "./accounts.js";
import { actorOf } from "./auth.js";
import { addComment } from "./comments.js";
import type { Actor } from "./deps.js";
import { JOB_KINDS } from "./job-kinds.js";
import { createJobRunner, enqueueJob, jobStatus } from "./jobs.js";
import { unsubscribeTokenOf } from "./mail.js";
import {
  getCompanyChannels,
  getMyChannels,
  putCompanyChannels,
  putMyChannels,
} from "./notification-channels.js";
import { listMyNotifications } from "./notifications.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";
import { unsubscribe } from "./unsubscribe.js";

const PUBLIC_URL = "http://okr.test:8080";

describe.each(DIALECTS)("notification channels (%s)", (dialect) => {
  let fx: AppFixture;
  let smtp: TestSmtp;
  let chat: ChatListener;
  let objectiveId: string;
  let minutes = 0;
  const as: Record<"ann" | "ben" | "cal" | "eve" | "ada", Actor> = {} as never;

  /** Moves the clock on and runs the queue once. */
  async function runAfter(addMinutes: number): Promise<void> {
    minutes += addMinutes;
    fx.setNow(new Date(Date.parse("2026-03-02T10:01:00.000Z") + minutes * 60_000).toISOString());
    await createJobRunner(fx.deps, { kinds: JOB_KINDS }).runOnce();
  }

  const comment = (actor: Actor, body: string) => addComment(fx.deps, actor, objectiveId, { body });
  const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    smtp = await startTestSmtp();
    chat = await startChatListener();
    fx = await openAppFixture(dialect, "2026-03-02T10:01:00.000Z");
    fx.deps.rhythm = {
      mail: { smtpUrl: smtp.url, from: "okr <okr@okr.test>" },
      publicUrl: PUBLIC_URL,
    };
    for (const [key, name] of [
      ["ann", "Ann Lee"],
      ["ben", "Ben Ode"],
      ["cal", "Cal Roy"],
      ["eve", "Eve Park"],
      ["ada", "Ada Min"],
    ] as const) {
      const email = `${key}@example.com`;
      const person = await createPerson(fx.deps, EDITOR, { name, email });
      const user = await createUser(fx.deps, ADMIN, {
        email,
        name,
        password: "long password",
        role: key === "ada" ? "admin" : "editor",
        personId: person.id,
      });
      as[key] = actorOf(user, "user");
    }
    const period = await createPeriod(fx.deps, EDITOR, { label: "2026-Q1" });
    objectiveId = (
      await createObjective(fx.deps, EDITOR, { periodId: period.id, title: "Fast builds" })
    ).id;
  });
  afterAll(async () => {
    await fx?.close();
    await smtp?.stop();
    await chat?.stop();
  });

  it("sends a mention by the channel each person chose, after the window, a burst as one message", async () => {
    await putMyChannels(fx.deps, as.ann, { channels: { mention: "email" } });
    const ben = await putMyChannels(fx.deps, as.ben, {
      chat: { provider: "slack", url: chat.urlFor("ben") },
      channels: { mention: "chat" },
    });
    expect(ben.chat).toEqual({ provider: "slack", host: new URL(chat.urlFor("ben")).host });
    expect(ben.kinds.find((k) => k.kind === "mention")).toMatchObject({
      own: "chat",
      effective: "chat",
    });

    const first = await comment(as.eve, "Thoughts, @Ann Lee, @Ben Ode and @Cal Roy?");
    // In-app always happens, whatever the channel.
    for (const who of [as.ann, as.ben, as.cal]) {
      const { notifications } = await listMyNotifications(fx.deps, who);
      expect(notifications[0]).toMatchObject({
        kind: "mention",
        link: `/objectives/${objectiveId}?comment=${first.id}`,
      });
    }
    await runAfter(0);
    expect(smtp.received).toHaveLength(0);
    expect(chat.posts).toHaveLength(0);

    minutes += 2;
    fx.setNow(new Date(Date.parse("2026-03-02T10:01:00.000Z") + minutes * 60_000).toISOString());
    const second = await comment(as.eve, "And @Ann Lee, the numbers are in.");
    await runAfter(4);

    const mails = await smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.to).toEqual(["ann@example.com"]);
    expect(mail?.subject).toBe("2 mentions: Eve Park mentioned you on “Fast builds” and 1 more");
    expect(mail?.links).toEqual(
      expect.arrayContaining([
        `${PUBLIC_URL}/#/objectives/${objectiveId}?comment=${first.id}`,
        `${PUBLIC_URL}/#/objectives/${objectiveId}?comment=${second.id}`,
      ]),
    );
    expect(mail?.headers.get("list-unsubscribe")).toContain(`${PUBLIC_URL}/api/unsubscribe?token=`);
    expect(mail?.text).toContain("Thoughts, @Ann Lee");

    const posts = await chat.waitFor(1);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toBe("/hook/ben");
    const slack = posts[0]?.body as { text: string; blocks: { elements?: { url: string }[] }[] };
    expect(slack.text).toContain("Eve Park mentioned you on “Fast builds”");
    expect(slack.blocks.flatMap((b) => b.elements ?? []).map((e) => e.url)).toEqual([
      `${PUBLIC_URL}/#/objectives/${objectiveId}?comment=${first.id}`,
    ]);

    // Cal kept the default (in-app only); a second run sends nothing more.
    await runAfter(10);
    expect(mailsTo("cal@example.com")).toHaveLength(0);
    expect(smtp.received).toHaveLength(1);
    expect(chat.posts).toHaveLength(1);
  });

  it("applies the company default to those without their own choice; admins set it, in-app or email", async () => {
    await expect(putCompanyChannels(fx.deps, as.eve, { reply: "email" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(putCompanyChannels(fx.deps, as.ada, { reply: "chat" })).rejects.toMatchObject({
      code: "invalid_input",
      details: [expect.objectContaining({ path: "reply" })],
    });
    expect(await putCompanyChannels(fx.deps, as.ada, { reply: "email" })).toMatchObject({
      reply: "email",
      mention: "in-app",
      reminder: "email",
    });
    expect((await getCompanyChannels(fx.deps)).reply).toBe("email");
    const cal = await getMyChannels(fx.deps, as.cal);
    expect(cal.kinds.find((k) => k.kind === "reply")).toMatchObject({
      own: null,
      companyDefault: "email",
      effective: "email",
    });

    // Cal replies to Eve, then Eve to Cal: each hears of the other's by mail.
    const before = smtp.received.length;
    await comment(as.cal, "I will look at the cache.");
    await comment(as.eve, "Thanks, the cache it is.");
    await runAfter(6);
    await smtp.waitFor(before + 2);
    expect(mailsTo("cal@example.com").map((m) => m.subject)).toEqual([
      "Eve Park replied on “Fast builds”",
    ]);
    expect(mailsTo("eve@example.com").map((m) => m.subject)).toEqual([
      "Cal Roy replied on “Fast builds”",
    ]);
    expect(smtp.received).toHaveLength(before + 2);
    await putCompanyChannels(fx.deps, as.ada, { reply: "in-app" });
  });

  it("refuses chat without a webhook, and a mail unsubscribe holds until email is chosen again", async () => {
    await expect(
      putMyChannels(fx.deps, as.cal, { channels: { mention: "chat" } }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      details: [{ path: "channels.mention", message: "needs a chat webhook" }],
    });
    await unsubscribe(fx.deps, await unsubscribeTokenOf(fx.deps, "ann@example.com", "mention"));
    expect((await getMyChannels(fx.deps, as.ann)).unsubscribed).toEqual(["mention"]);
    const before = smtp.received.length;
    await comment(as.eve, "@Ann Lee are you there?");
    await runAfter(6);
    expect(smtp.received).toHaveLength(before);
    const again = await putMyChannels(fx.deps, as.ann, { channels: { mention: "email" } });
    expect(again.unsubscribed).toEqual([]);
    await comment(as.eve, "@Ann Lee welcome back.");
    await runAfter(6);
    expect((await smtp.waitFor(before + 1)).at(-1)?.subject).toBe(
      "Eve Park mentioned you on “Fast builds”",
    );
  });

  it("retries a refused mail and a refused chat post with the last error, and queues no mail while mail is off", async () => {
    const mailsBefore = smtp.received.length;
    const postsBefore = chat.posts.length;
    smtp.failing(1);
    chat.failing(1);
    await comment(as.eve, "@Ann Lee and @Ben Ode: one more thing.");
    await runAfter(6);
    const [mailJobs] = await jobStatus(fx.deps, "notification.mail");
    const [chatJobs] = await jobStatus(fx.deps, "notification.chat");
    expect(mailJobs).toMatchObject({ pending: 1, lastError: expect.stringContaining("451") });
    expect(chatJobs).toMatchObject({
      pending: 1,
      lastError: expect.stringContaining("answered 500: chat is down"),
    });
    expect(smtp.received).toHaveLength(mailsBefore);
    // The first retry comes 30 seconds later.
    await runAfter(1);
    expect((await smtp.waitFor(mailsBefore + 1)).at(-1)?.to).toEqual(["ann@example.com"]);
    expect(await chat.waitFor(postsBefore + 1)).toHaveLength(postsBefore + 1);
    expect((await jobStatus(fx.deps, "notification.mail"))[0]?.pending).toBe(0);

    const config = fx.deps.rhythm;
    fx.deps.rhythm = { mail: null, publicUrl: PUBLIC_URL };
    await comment(as.eve, "@Ann Lee nobody mails this.");
    expect((await jobStatus(fx.deps, "notification.mail"))[0]?.pending).toBe(0);
    fx.deps.rhythm = config;
    await runAfter(6);
    expect(smtp.received).toHaveLength(mailsBefore + 1);
  });

  it("mails only the title and link of a comment on an item that only insiders see", async () => {
    const period = await createPeriod(fx.deps, EDITOR, { label: "2026-Q2" });
    const secret = await createObjective(fx.deps, ADMIN, {
      periodId: period.id,
      title: "Acquire Beta Corp",
      confidential: true,
    });
    const person = await createPerson(fx.deps, EDITOR, {
      name: "Ivy Ng",
      email: "ivy@example.com",
    });
    const ivy = actorOf(
      await createUser(fx.deps, ADMIN, {
        email: "ivy@example.com",
        name: "Ivy Ng",
        password: "long password",
        role: "editor",
        insider: true,
        personId: person.id,
      }),
      "user",
    );
    await putMyChannels(fx.deps, ivy, { channels: { mention: "email" } });
    const before = smtp.received.length;
    await addComment(fx.deps, as.ada, secret.id, { body: "@Ivy Ng the price is 40 million" });
    // In the app she reads it all; the mail says who and where, not what.
    const bell = await listMyNotifications(fx.deps, ivy);
    expect(bell.notifications[0]?.body).toBe("@Ivy Ng the price is 40 million");
    await runAfter(6);
    const mail = (await smtp.waitFor(before + 1)).at(-1);
    expect(mail?.to).toEqual(["ivy@example.com"]);
    expect(mail?.subject).toBe("Ada Min mentioned you on “Acquire Beta Corp”");
    expect(mail?.text).not.toContain("40 million");
    expect(mail?.html).not.toContain("40 million");
  });

  it("keeps what went out for 30 days, then the daily purge removes it", async () => {
    const count = async () =>
      Number(
        (
          await fx.deps.db
            .selectFrom("notification_deliveries")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBeGreaterThan(0);
    await runAfter(29 * 24 * 60);
    const runPurge = () => createJobRunner(fx.deps, { kinds: JOB_KINDS }).runOnce();
    await enqueueJob(fx.deps, { kind: "notification.purge" });
    await runPurge();
    expect(await count()).toBeGreaterThan(0);
    minutes += 2 * 24 * 60;
    fx.setNow(new Date(Date.parse("2026-03-02T10:01:00.000Z") + minutes * 60_000).toISOString());
    await enqueueJob(fx.deps, { kind: "notification.purge" });
    await runPurge();
    expect(await count()).toBe(0);
  });
});
