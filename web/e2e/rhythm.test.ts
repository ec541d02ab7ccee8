/**
 * The weekly rhythm in Chromium at desktop and phone width, with mail received by a real SMTP
 * server: a person sets their reminder cadence, the clock moves to their slot, the reminder
 * arrives, its link opens the key result's check-in form, and they check in; an admin invites
 * someone who sets their password from the mail; "forgot password" mails a working reset link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_KINDS, SCHEDULES } from "../../src/app/job-kinds.js";
import { createJobRunner } from "../../src/app/jobs.js";
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

/** The first link in a mail's text that contains `part`, made relative to the harness. */
function linkIn(text: string, part: string): string {
  const link = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).find((l) => l.includes(part));
  if (!link) throw new Error(`no link with ${part} in:\n${text}`);
  return link;
}

describe.skipIf(!chromiumPath)("reminders, invites and resets by real mail in Chromium", () => {
  let harness: Harness;
  let smtp: TestSmtp;
  let objectiveId: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    // The test runs the job queue itself, on a clock it moves.
    harness = await startApp({ exampleData: false, jobs: false, smtpUrl: smtp.url });
    const { page, context } = await harness.newPage();
    await signIn(page, harness.url);
    const period = await api<{ id: string }>(page, "POST", "/api/periods", { label: "2030-Q1" });
    objectiveId = (
      await api<{ id: string }>(page, "POST", "/api/objectives", {
        periodId: period.id,
        title: "Make builds boringly fast",
      })
    ).id;
    await context.close();
  });
  afterAll(async () => {
    await harness?.close();
    await smtp?.stop();
  });

  it.each(WIDTHS)(
    "sets a cadence, gets the reminder at its slot and checks in from it (%s)",
    async (width, viewport) => {
      const admin = await harness.newPage(viewport);
      await signIn(admin.page, harness.url);
      const email = `mia-${width}@example.com`;
      const password = "mia's own password";
      const person = await api<{ id: string }>(admin.page, "POST", "/api/people", {
        name: `Mia ${width}`,
        email,
      });
      await api(admin.page, "POST", "/api/users", {
        email,
        name: `Mia ${width}`,
        password,
        personId: person.id,
      });
      const kr = await api<{ id: string }>(admin.page, "POST", "/api/key-results", {
        objectiveId,
        title: `Cut queue time (${width})`,
        owner: `Mia ${width}`,
        kind: "metric",
        start: 60,
        target: 10,
      });
      await admin.context.close();

      const { page, context } = await harness.newPage(viewport);
      await signInAs(page, harness.url, email, password);
      await page.goto(`${harness.url}/#/settings`);
      const section = page.locator("#reminders");
      await section.getByLabel("How often").selectOption("weekly");
      await section.getByLabel("Day").selectOption("1");
      await section.getByLabel("Hour").selectOption("9");
      await section.getByLabel("Time zone").fill("Europe/Berlin");
      await section.getByRole("button", { name: "Save my reminders" }).click();
      await section.getByRole("status").filter({ hasText: "Saved." }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
      await saveScreenshot(page, `rhythm-reminders-${width}`);

      // Monday 7 January 2030: 07:30 UTC is before Mia's slot, 08:05 UTC is 09:05 in Berlin.
      let clock = new Date(width === "desktop" ? "2030-01-07T07:30:00Z" : "2030-01-14T07:30:00Z");
      const runner = createJobRunner(
        { ...harness.server.deps, now: () => new Date(clock.getTime()) },
        { kinds: JOB_KINDS, schedules: SCHEDULES },
      );
      const before = smtp.received.length;
      await runner.runOnce();
      expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
      clock = new Date(clock.getTime() + 35 * 60_000);
      await runner.runOnce();
      const mails = await smtp.waitFor(before + 1);
      const reminder = mails.find((m) => m.to.includes(email));
      expect(reminder?.subject).toBe("Check-in reminder: 1 key result due");
      const link = linkIn(reminder?.text ?? "", `/key-results/${kr.id}`);
      expect(link).toBe(`${harness.url}/#/key-results/${kr.id}?check-in=1`);
      // A second run in the same hour sends nothing more.
      await runner.runOnce();
      expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);

      await page.goto(link);
      const value = page.getByLabel("Value");
      await value.waitFor();
      await expect.poll(() => value.evaluate((el) => el === document.activeElement)).toBe(true);
      await value.fill("42");
      await page.getByRole("button", { name: "Save check-in" }).click();
      await page.getByText("No check-ins yet.").waitFor({ state: "detached" });
      const checkIns = await api<{ checkIns: { value: number }[] }>(
        page,
        "GET",
        `/api/key-results/${kr.id}/check-ins`,
      );
      expect(checkIns.checkIns.map((c) => c.value)).toEqual([42]);

      // The unsubscribe link in the mail works without signing in.
      const anonymous = await harness.newPage(viewport);
      await anonymous.page.goto(linkIn(reminder?.text ?? "", "/unsubscribe"));
      await anonymous.page.getByRole("button", { name: "Unsubscribe" }).click();
      await anonymous.page
        .getByRole("status")
        .filter({ hasText: "no more check-in reminders" })
        .waitFor();
      expect(pageProblems(page)).toEqual([]);
      await anonymous.context.close();
      await context.close();
    },
  );

  it.each(WIDTHS)(
    "invites someone who sets a password from the mail, then resets it (%s)",
    async (width, viewport) => {
      const admin = await harness.newPage(viewport);
      await signIn(admin.page, harness.url);
      await admin.page.goto(`${harness.url}/#/settings`);
      const invite = admin.page.locator("#invite");
      const email = `noah-${width}@example.com`;
      await invite.getByLabel("Their email").fill(email);
      await invite.getByLabel("Their name").fill(`Noah ${width}`);
      await invite.getByRole("button", { name: "Send invite" }).click();
      await invite
        .getByRole("status")
        .filter({ hasText: `Invited ${email}` })
        .waitFor();
      expect(await overflowsHorizontally(admin.page)).toBe(false);
      await admin.context.close();

      const runner = createJobRunner(harness.server.deps, { kinds: JOB_KINDS });
      const before = smtp.received.length;
      await runner.runOnce();
      const mail = (await smtp.waitFor(before + 1)).find((m) => m.to.includes(email));
      expect(mail?.subject).toBe("Ada Admin invited you to okr");
      const inviteLink = linkIn(mail?.text ?? "", "/set-password");

      const { page, context } = await harness.newPage(viewport);
      await page.goto(inviteLink);
      await page.getByLabel("New password").fill("noah's first password");
      await page.getByLabel("The same password again").fill("noah's first password");
      await page.getByRole("button", { name: "Set password" }).click();
      await page.getByRole("status").filter({ hasText: "Your password is set" }).waitFor();
      await saveScreenshot(page, `rhythm-set-password-${width}`);
      // The link works once. Leave the page before following it again: two hash changes in a
      // row can be rendered as one, which would keep the page that says the password is set.
      await page.goto(`${harness.url}/#/`);
      await page
        .getByRole("status")
        .filter({ hasText: "Your password is set" })
        .waitFor({ state: "detached" });
      await page.goto(inviteLink);
      await page.getByLabel("New password").fill("someone else's password");
      await page.getByLabel("The same password again").fill("someone else's password");
      await page.getByRole("button", { name: "Set password" }).click();
      await page.getByRole("alert").filter({ hasText: "expired or was used already" }).waitFor();
      await signInAs(page, harness.url, email, "noah's first password");
      await context.close();

      // Forgot password: the same answer for a stranger, a mail for Noah.
      const reset = await harness.newPage(viewport);
      for (const address of ["stranger@example.com", email]) {
        await reset.page.goto(harness.url);
        await reset.page.getByRole("button", { name: "Forgot password?" }).click();
        await reset.page.getByLabel("Email").fill(address);
        await reset.page.getByRole("button", { name: "Send me a link" }).click();
        await reset.page
          .getByRole("status")
          .filter({ hasText: "If that address has an account" })
          .waitFor();
      }
      const count = smtp.received.length;
      await runner.runOnce();
      const resetMail = (await smtp.waitFor(count + 1)).slice(count);
      expect(resetMail.map((m) => m.to)).toEqual([[email]]);
      await reset.page.goto(linkIn(resetMail[0]?.text ?? "", "/set-password"));
      await reset.page.getByLabel("New password").fill("noah's second password");
      await reset.page.getByLabel("The same password again").fill("noah's second password");
      await reset.page.getByRole("button", { name: "Set password" }).click();
      await reset.page.getByRole("button", { name: "Go to sign-in" }).click();
      await signInAs(reset.page, harness.url, email, "noah's second password");
      expect(pageProblems(reset.page)).toEqual([]);
      await reset.context.close();
    },
  );
});
