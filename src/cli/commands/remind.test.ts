import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";

describe("okr remind on the example company", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-remind-"));
  const url = `sqlite:${join(dir, "okr.db")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("--dry-run on a Monday morning lists the owners with due key results and their links", async () => {
    // The example's weekly check-ins end on Monday 23 November 2026, in the afternoon.
    expect(
      (await runOkrInProcess(["seed", "--database-url", url, "--now", "2026-11-26"])).exitCode,
    ).toBe(0);
    const result = await runOkrInProcess([
      "remind",
      "--dry-run",
      "--at",
      "2026-11-30T08:00:00Z",
      "--database-url",
      url,
    ]);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(
      /^\S.* <\S+@fernhill\.example>: \d+ due; reminders weekly, every Monday at 09:00 \(UTC\), by email$/m,
    );
    expect(result.stdout).toMatch(/\/#\/key-results\/\w+\?check-in=1/);
    expect(result.stdout).toMatch(/\d+ of \d+ people would get a reminder\.\n$/);
    // The day after the last weekly check-ins, far fewer key results are due.
    const early = await runOkrInProcess([
      "remind",
      "--dry-run",
      "--at",
      "2026-11-24T08:00:00Z",
      "--database-url",
      url,
    ]);
    const people = (text: string) =>
      Number(/(\d+) of \d+ (?:people|person) would/.exec(text)?.[1] ?? 0);
    expect(people(result.stdout)).toBeGreaterThan(5);
    expect(people(early.stdout)).toBeLessThan(people(result.stdout));
  });

  it("--now without mail refuses first, printing no plan, and says how to turn it on; no mode says which to pick", async () => {
    const now = await runOkrInProcess([
      "remind",
      "--now",
      "--at",
      "2026-11-30T08:00:00Z",
      "--database-url",
      url,
    ]);
    expect(now.exitCode).toBe(2);
    expect(now.stdout).toBe("");
    expect(now.stderr).toMatch(
      /^okr: Mail is off: set OKR_SMTP_URL \(and OKR_MAIL_FROM\) to send reminders; (all \d+ reminders due go|\d+ of the \d+ reminders due go|the reminder due goes) by email \(--dry-run shows who\) \(invalid_config\)\n$/,
    );
    const neither = await runOkrInProcess(["remind", "--database-url", url]);
    expect(neither.exitCode).toBe(2);
    expect(neither.stderr).toContain("Say either --dry-run (show) or --now (send)");
  });
});
