import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppFixture, EDITOR, openAppFixture } from "../../test/support/app-fixtures.js";
import { DIALECTS } from "../../test/support/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/support/smtp.js";
import { checkIn } from "./check-ins.js";
import { JOB_KINDS } from "./job-kinds.js";
import { createJobRunner, enqueueJob } from "./jobs.js";
import { createKeyResult } from "./key-results.js";
import { createObjective } from "./objectives.js";
import { createPerson } from "./people.js";
import { createPeriod } from "./periods.js";

describe.each(DIALECTS)("weekly digest and end-of-quarter nudges over SMTP (%s)", (dialect) => {
  let fx: AppFixture;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    fx = await openAppFixture(dialect, "2026-03-01T10:00:00.000Z");
    fx.deps.rhythm = {
      mail: { smtpUrl: smtp.url, from: "okr <okr@okr.test>" },
      publicUrl: "http://okr.test",
    };
    await createPerson(fx.deps, EDITOR, { name: "Vera Pike", email: "vera@example.com" });
    const period = await createPeriod(fx.deps, EDITOR, { label: "2026-Q1" });
    const objective = await createObjective(fx.deps, EDITOR, {
      periodId: period.id,
      title: "Win the mid-market",
      owner: "Vera Pike",
    });
    const moved = await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "40 new logos",
      kind: "metric",
      start: 0,
      target: 40,
    });
    await createKeyResult(fx.deps, EDITOR, {
      objectiveId: objective.id,
      title: "Ten case studies",
      kind: "metric",
      start: 0,
      target: 10,
    });
    await checkIn(fx.deps, EDITOR, moved.id, { value: 10 });
    fx.setNow("2026-03-06T10:00:00.000Z");
    await checkIn(fx.deps, EDITOR, moved.id, { value: 30, health: "at_risk" });
  });
  afterAll(async () => {
    await fx.close();
    await smtp.stop();
  });

  it("mails the owner the score change, what moved, what is at risk and stale, with a PNG chart", async () => {
    fx.setNow("2026-03-09T08:00:00.000Z");
    await enqueueJob(fx.deps, { kind: "digest.plan", key: "test@1", runAt: fx.deps.now() });
    await createJobRunner(fx.deps, { kinds: JOB_KINDS }).runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(["vera@example.com"]);
    expect(mail?.subject).toBe("Weekly OKR digest: 1 objective, 1 at risk, 1 stale");
    // A week ago 40 new logos stood at 25%, now 75%; the other has no check-in (left out).
    expect(mail?.text).toContain("Win the mid-market (2026-Q1): 75% (+50 points)");
    expect(mail?.text).toContain("- 40 new logos: 25% → 75%");
    expect(mail?.text).toContain("- Ten case studies: no check-in");
    // The parser inlines the cid: image it refers to.
    expect(mail?.html).toMatch(/<img src="(cid:scores|data:image\/png;base64,[^"]+)"/);
    expect(mail?.attachments).toEqual([
      expect.objectContaining({ contentId: "<scores>", contentType: "image/png" }),
    ]);
    expect(mail?.headers.get("list-unsubscribe")).toMatch(
      /^<http:\/\/okr\.test\/api\/unsubscribe\?token=/,
    );
  });

  it("nudges once in the quarter's last week: grading and retrospective, with links", async () => {
    fx.setNow("2026-03-20T09:00:00.000Z");
    await enqueueJob(fx.deps, { kind: "quarter-end.plan", key: "early", runAt: fx.deps.now() });
    await createJobRunner(fx.deps, { kinds: JOB_KINDS }).runOnce();
    expect(smtp.received).toHaveLength(1); // 11 days before the end: nothing yet
    fx.setNow("2026-03-25T09:00:00.000Z");
    for (const key of ["day1", "day2"]) {
      await enqueueJob(fx.deps, { kind: "quarter-end.plan", key, runAt: fx.deps.now() });
      await createJobRunner(fx.deps, { kinds: JOB_KINDS }).runOnce();
    }
    const nudges = (await smtp.waitFor(2)).slice(1);
    expect(nudges.map((m) => m.subject)).toEqual([
      "2026-Q1 ends 2026-03-31: grading and retrospective due",
    ]);
    expect(nudges[0]?.text).toMatch(
      /Write the retrospective \(GOOD \/ BAD \/ TRY\): http:\/\/okr\.test\/#\/periods\/\w+\/retrospectives/,
    );
  });
});
