/**
 * Each person's channels in Chromium at desktop and phone width: a person chooses email for
 * mentions on My account ▸ Notifications, someone mentions them in a comment, the mail arrives
 * over a real SMTP server once the job queue runs, and its link opens the comment; another
 * chooses their own chat, sends a test message, and the mention is posted to a real HTTP
 * listener standing in for their chat.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_KINDS } from "../../src/app/job-kinds.js";
import { createJobRunner } from "../../src/app/jobs.js";
import { type ChatListener, startChatListener } from "../../test/support/chat-listener.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import {
  api,
  findChromium,
  type Harness,
  overflowsHorizontally,
  pageProblems,
  saveScreenshot,
  signIn,
  WIDTHS,
} from "./harness.js";
import { signInAs, startApp } from "./start-app.js";

const chromiumPath = findChromium();
const PASSWORD = "a person's own password";

describe.skipIf(!chromiumPath)("notification channels by real mail and chat in Chromium", () => {
  let harness: Harness;
  let smtp: TestSmtp;
  let chat: ChatListener;
  let periodId: string;

  /** Runs the job queue as it will run once the five-minute window and its grace are over. */
  async function runQueueLater(minutes = 6) {
    const later = new Date(Date.now() + minutes * 60_000);
    await createJobRunner(
      { ...harness.server.deps, now: () => later },
      { kinds: JOB_KINDS },
    ).runOnce();
  }

  /** A person with an account, and an objective of theirs; answers the objective's id. */
  async function personWithObjective(name: string, email: string): Promise<string> {
    const admin = await harness.newPage();
    await signIn(admin.page, harness.url);
    const person = await api<{ id: string }>(admin.page, "POST", "/api/people", { name, email });
    await api(admin.page, "POST", "/api/users", {
      email,
      name,
      password: PASSWORD,
      personId: person.id,
    });
    const objective = await api<{ id: string }>(admin.page, "POST", "/api/objectives", {
      periodId,
      title: `Ship the new onboarding (${name})`,
      owner: name,
    });
    await admin.context.close();
    return objective.id;
  }

  /** Ada Admin mentions `name` in a comment on the objective; answers the comment's id. */
  async function mention(objectiveId: string, name: string): Promise<string> {
    const admin = await harness.newPage();
    await signIn(admin.page, harness.url);
    const comment = await api<{ id: string }>(
      admin.page,
      "POST",
      `/api/objectives/${objectiveId}/comments`,
      { body: `@${name} can you review the welcome mail?` },
    );
    await admin.context.close();
    return comment.id;
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    chat = await startChatListener();
    // The test runs the job queue itself, on a clock past the window.
    harness = await startApp({ exampleData: false, jobs: false, smtpUrl: smtp.url });
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    periodId = (await api<{ id: string }>(page, "POST", "/api/periods", { label: "2030-Q2" })).id;
    await context.close();
  });
  afterAll(async () => {
    await harness?.close();
    await smtp?.stop();
    await chat?.stop();
  });

  it.each(WIDTHS)(
    "chooses email for mentions; a mention arrives by mail and its link opens the comment (%s)",
    async (width, viewport) => {
      const name = `Lena ${width}`;
      const email = `lena-${width}@example.com`;
      const objectiveId = await personWithObjective(name, email);

      const { page, context } = await harness.newPage(viewport);
      await signInAs(page, harness.url, email, PASSWORD);
      await page.goto(`${harness.url}/#/account`);
      const section = page.locator("#notifications");
      await section.getByRole("heading", { name: "Notifications" }).waitFor();
      await section.getByLabel("Mentions of me").selectOption("email");
      await section.getByRole("button", { name: "Save my notifications" }).click();
      await section.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(await section.getByLabel("Mentions of me").inputValue()).toBe("email");
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `notification-channels-${width}`);

      const before = smtp.received.length;
      const commentId = await mention(objectiveId, name);
      // Nothing goes out inside the request, nor before the window is over.
      expect(smtp.received).toHaveLength(before);
      // The mail server refuses once: Settings ▸ Background work shows it, and it is retried.
      smtp.failing(1);
      await runQueueLater();
      expect(smtp.received).toHaveLength(before);
      const admin = await harness.newPage(viewport);
      await signIn(admin.page, harness.url);
      await admin.page.goto(`${harness.url}/#/settings`);
      const failed = admin.page
        .locator("#jobs")
        .getByRole("row")
        .filter({ hasText: "notification.mail" });
      await failed.waitFor();
      expect(await failed.textContent()).toContain("451");
      await admin.context.close();
      await runQueueLater(7);
      const mails = await smtp.waitFor(before + 1);
      const mail = mails.filter((m) => m.to.includes(email));
      expect(mail).toHaveLength(1);
      expect(mail[0]?.subject).toBe(
        `Ada Admin mentioned you on “Ship the new onboarding (${name})”`,
      );
      const link = `${harness.url}/#/objectives/${objectiveId}?comment=${commentId}`;
      expect(mail[0]?.links).toContain(link);
      expect(mail[0]?.headers.get("list-unsubscribe")).toContain("/api/unsubscribe?token=");

      await page.goto(link);
      const comment = page.getByRole("listitem", { name: "Comment by Ada Admin" });
      await comment.waitFor();
      expect(await comment.getAttribute("aria-current")).toBe("true");
      expect(await comment.textContent()).toContain("can you review the welcome mail?");
      await expect.poll(() => comment.isVisible()).toBe(true);
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)(
    "pastes a chat webhook, sends a test message, and a mention is posted there (%s)",
    async (width, viewport) => {
      const name = `Omar ${width}`;
      const email = `omar-${width}@example.com`;
      const objectiveId = await personWithObjective(name, email);

      const { page, context } = await harness.newPage(viewport);
      await signInAs(page, harness.url, email, PASSWORD);
      await page.goto(`${harness.url}/#/account`);
      const section = page.locator("#notifications");
      const mentions = section.getByLabel("Mentions of me");
      await mentions.waitFor();
      // Chat needs a webhook first.
      expect(await mentions.locator("option[value=chat]").isDisabled()).toBe(true);
      await section.getByLabel("Chat service").selectOption("mattermost");
      await section.getByLabel("My incoming webhook URL").fill(chat.urlFor(name));
      await mentions.selectOption("chat");
      await section.getByRole("button", { name: "Save my notifications" }).click();
      await section.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      const host = new URL(chat.urlFor(name)).host;
      await section.getByText(`Posting to mattermost at ${host}.`).waitFor();

      const postsBefore = chat.posts.length;
      await section.getByRole("button", { name: "Send a test message" }).click();
      await section
        .getByRole("status")
        .filter({ hasText: `Test message posted to ${host}.` })
        .waitFor();
      const test = (await chat.waitFor(postsBefore + 1)).at(-1);
      expect(test?.path).toBe(`/hook/${encodeURIComponent(name)}`);
      expect((test?.body as { text?: string } | undefined)?.text).toContain(
        "Test message from okr",
      );
      expect(await overflowsHorizontally(page)).toBe(false);

      const mailsBefore = smtp.received.length;
      const commentId = await mention(objectiveId, name);
      await runQueueLater();
      const post = (await chat.waitFor(postsBefore + 2)).at(-1);
      expect(post?.path).toBe(`/hook/${encodeURIComponent(name)}`);
      const text = (post?.body as { text?: string } | undefined)?.text ?? "";
      expect(text).toContain(`Ada Admin mentioned you on “Ship the new onboarding (${name})”`);
      const link = `${harness.url}/#/objectives/${objectiveId}?comment=${commentId}`;
      expect(text).toContain(`(${link})`);
      // Chat instead of mail: nothing for Omar in the mailbox.
      expect(smtp.received.slice(mailsBefore).filter((m) => m.to.includes(email))).toHaveLength(0);

      await page.goto(link);
      const comment = page.getByRole("listitem", { name: "Comment by Ada Admin" });
      await comment.waitFor();
      expect(await comment.getAttribute("aria-current")).toBe("true");
      expect(pageProblems(page)).toEqual([]);
      await context.close();
    },
  );

  it.each(WIDTHS)(
    "an admin sets the company default, which people without their own choice see (%s)",
    async (width, viewport) => {
      const { page, context } = await harness.newPage(viewport);
      await signIn(page, harness.url);
      await page.goto(`${harness.url}/#/settings`);
      const section = page.locator("#mail-chat");
      const replies = section.getByLabel("Replies", { exact: true });
      await replies.waitFor();
      const choice = width === "desktop" ? "email" : "in-app";
      await replies.selectOption(choice);
      await section.getByRole("button", { name: "Save the default notifications" }).click();
      await section
        .getByRole("status")
        .filter({ hasText: "Default notifications saved." })
        .waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      expect(pageProblems(page)).toEqual([]);
      await context.close();

      // Someone who never chose sees the company default on their own page.
      const email = `pia-${width}@example.com`;
      await personWithObjective(`Pia ${width}`, email);
      const pia = await harness.newPage(viewport);
      await signInAs(pia.page, harness.url, email, PASSWORD);
      await pia.page.goto(`${harness.url}/#/account`);
      const mine = pia.page.locator("#notifications").getByLabel("Replies to my comments");
      await mine.waitFor();
      expect(await mine.inputValue()).toBe("default");
      expect(await mine.locator("option[value=default]").textContent()).toBe(
        `Company default (${choice === "email" ? "email" : "in the app only"})`,
      );
      await pia.context.close();
    },
  );
});
