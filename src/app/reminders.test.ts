import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AppFixture,
  actorOf,
  EDITOR,
  openAppFixture,
} from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import { insertUnsubscribe } from "../store/rhythm.repository.js";
import { createUser } from "./accounts.js";
import { checkIn } from "./check-ins.js";
import { SYSTEM_ACTOR } from "./deps.js";
import { createKeyResult } from "./key-results.js";
import { readUnsubscribeToken } from "./mail.js";
import { listMyNotifications } from "./notifications.js";
import { createObjective } from "./objectives.js";
import { createPerson, createTeam } from "./people.js";
import { createPeriod } from "./periods.js";
import { putMyReminders } from "./reminder-preferences.js";
import { planReminders, sendReminder } from "./reminders.js";

// Monday 2 March 2026, 08:00 UTC = 09:00 in Berlin.
const MONDAY_9_BERLIN = "2026-03-02T08:00:00.000Z";

describe.each(DIALECTS)("check-in reminders over real SMTP (%s)", (dialect) => {
  let fx: AppFixture;
  let smtp: TestSmtp;
  let ids: { mia: string; ken: string; direct: string; team: string; role: string; fresh: string };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    fx = await openAppFixture(dialect, "2026-02-20T12:00:00.000Z");
    fx.deps.rhythm = {
      mail: { smtpUrl: smtp.url, from: "okr <okr@okr.test>" },
      publicUrl: "http://okr.test:8080",
    };
    const team = await createTeam(fx.deps, EDITOR, { name: "Runners" });
    const mia = await createPerson(fx.deps, EDITOR, {
      name: "Mia Stone",
      email: "mia@example.com",
      title: "Head of Runners",
      teamId: team.id,
    });
    const ken = await createPerson(fx.deps, EDITOR, { name: "Ken Ito", email: "ken@example.com" });
    const period = await createPeriod(fx.deps, EDITOR, { label: "2026-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Fast builds",
      owner: "Ken Ito",
    });
    const kr = (title: string, owner: string) =>
      createKeyResult(fx.deps, EDITOR, {
        objectiveId: objective.id,
        title,
        owner,
        kind: "metric",
        start: 0,
        target: 10,
      });
    const direct = await kr("Cut p95 queue time", "Mia Stone");
    const byTeam = await kr("Ship warm runners", "Runners");
    const byRole = await kr("Hire two SREs", "Head of Runners");
    const fresh = await kr("Cache hit rate 90%", "Mia Stone");
    ids = {
      mia: mia.id,
      ken: ken.id,
      direct: direct.id,
      team: byTeam.id,
      role: byRole.id,
      fresh: fresh.id,
    };
    fx.setNow("2026-02-28T10:00:00.000Z");
    await checkIn(fx.deps, EDITOR, fresh.id, { value: 5 });
    const miaActor = actorOf("viewer", { personId: mia.id, name: "mia" });
    await putMyReminders(fx.deps, miaActor, {
      preference: { cadence: "weekly", weekday: 1, hour: 9, timeZone: "Europe/Berlin" },
    });
    await putMyReminders(fx.deps, actorOf("viewer", { personId: ken.id, name: "ken" }), {
      preference: { cadence: "off", weekday: 1, hour: 9, timeZone: "UTC" },
    });
  });
  afterAll(async () => {
    await fx.close();
    await smtp.stop();
  });

  it("plans a reminder only in the person's slot, listing what is due however it is owned", async () => {
    fx.setNow(MONDAY_9_BERLIN);
    expect(await planReminders(fx.deps, new Date("2026-03-02T09:00:00Z"))).toEqual([]);
    const planned = await planReminders(fx.deps, fx.deps.now());
    expect(planned.map((p) => p.name)).toEqual(["Mia Stone"]);
    const due = planned[0]?.due.map((kr) => kr.title).sort();
    // The key result checked in two days ago is not due; Ken's cadence is off.
    expect(due).toEqual(["Cut p95 queue time", "Hire two SREs", "Ship warm runners"]);
    expect(planned[0]?.slot).toBe(MONDAY_9_BERLIN);
  });

  it("sends it once over SMTP, with working links and a one-click unsubscribe", async () => {
    fx.setNow(MONDAY_9_BERLIN);
    const account = await createUser(fx.deps, SYSTEM_ACTOR, {
      email: "mia.stone@example.com",
      name: "Mia",
      password: "mia's password",
      personId: ids.mia,
    });
    expect(await sendReminder(fx.deps, ids.mia, MONDAY_9_BERLIN)).toBe("sent");
    // The bell of Mia's account shows it too, linking to the first key result's form.
    const bell = await listMyNotifications(fx.deps, {
      ...actorOf("viewer", { personId: ids.mia }),
      userId: account.id,
    });
    expect(bell.notifications.map((n) => [n.kind, n.title])).toEqual([
      ["reminder", "Check-in reminder: 3 key results due"],
    ]);
    expect(bell.notifications[0]?.link).toMatch(/^\/key-results\/\w+\?check-in=1$/);
    expect(await sendReminder(fx.deps, ids.mia, MONDAY_9_BERLIN)).toBe("already-sent");
    const [mail] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(mail?.to).toEqual(["mia@example.com"]);
    expect(mail?.subject).toBe("Check-in reminder: 3 key results due");
    expect(mail?.links).toContain(`http://okr.test:8080/#/key-results/${ids.direct}?check-in=1`);
    expect(mail?.html).toContain(
      `href="http://okr.test:8080/#/key-results/${ids.role}?check-in=1"`,
    );
    expect(mail?.messageId).toMatch(/@okr\.test>?$/);
    const header = mail?.headers.get("list-unsubscribe") ?? "";
    expect(mail?.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const token = /token=([^>\s]+)/.exec(header)?.[1] ?? "";
    expect(await readUnsubscribeToken(fx.deps, token)).toEqual({
      email: "mia@example.com",
      kind: "reminder",
    });
    await expect(readUnsubscribeToken(fx.deps, `${token}x`)).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("does not mail an address that unsubscribed, and sends nothing without SMTP", async () => {
    const nextMonday = "2026-03-09T08:00:00.000Z";
    fx.setNow(nextMonday);
    await insertUnsubscribe(fx.deps.db, "MIA@example.com", "reminder", nextMonday);
    const planned = await planReminders(fx.deps, fx.deps.now());
    expect(planned[0]?.skipped).toBe("unsubscribed from reminders");
    expect(await sendReminder(fx.deps, ids.mia, nextMonday)).toBe("skipped");
    const config = fx.deps.rhythm;
    fx.deps.rhythm = { mail: null, publicUrl: "http://okr.test:8080" };
    expect(await sendReminder(fx.deps, ids.mia, nextMonday)).toBe("mail-off");
    fx.deps.rhythm = config;
    expect(smtp.received).toHaveLength(1);
  });
});
