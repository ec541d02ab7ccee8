import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";

/** Runs `okr seed …` in process, capturing what it prints and the exit code. */
const seed = (args: string[]) => runOkrInProcess(["seed", ...args]);

describe("okr seed", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-seed-"));
  const url = `sqlite:${join(dir, "okr.db")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the example company around the given day and says what it loaded", async () => {
    const result = await seed(["--database-url", url, "--now", "2026-11-26"]);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Loaded the example company Fernhill:");
    expect(result.stdout).toMatch(
      /2026-Q2 +2026-04-01 – 2026-06-30 +\d+ objectives, +\d+ key results, +\d+ check-ins, closed/,
    );
    expect(result.stdout).toMatch(/2026-Q4 .* current/);
    expect(result.stdout).toContain("carried over: Raise the arm64 runner share");
  });

  it("refuses a workspace that already holds OKRs, with a clear message and exit code", async () => {
    const result = await seed(["--database-url", url]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("okr seed loads the example company only into an empty one");
    expect(result.stdout).toBe("");
  });

  it("refuses a day it cannot read", async () => {
    const result = await seed(["--database-url", url, "--now", "yesterday"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      "okr: --now must be a date like 2026-11-26, got 'yesterday' (invalid_input)\n",
    );
  });
});
