import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../bench/support/server.js";
import { countRows } from "../../store/bulk.repository.js";
import { openDatabase } from "../../store/database.js";

const dir = mkdtempSync(join(tmpdir(), "okr-bench-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("okr bench data", () => {
  it("fills an empty database with the organisation asked for and says what it wrote", async () => {
    const url = `sqlite:${join(dir, "okr.db")}`;
    const result = await runCli([
      "bench",
      "data",
      "--people",
      "50",
      "--teams",
      "12",
      "--quarters",
      "2",
      "--objectives",
      "40",
      "--key-results",
      "100",
      "--check-ins",
      "1_000",
      "--database-url",
      url,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /12 teams, 50 people, 2 quarters \(2024-Q1, 2024-Q2\), 40 objectives, 100 key results, 1000 check-ins/,
    );
    expect(result.stderr).toContain("check-ins: 1,000 / 1,000 (100%)");
    const opened = await openDatabase(url);
    try {
      expect(await countRows(opened.db)).toMatchObject({
        teams: 12,
        people: 50,
        objectives: 40,
        key_results: 100,
        check_ins: 1000,
      });
    } finally {
      await opened.close();
    }
    const again = await runCli([
      "bench",
      "data",
      "--people",
      "50",
      "--teams",
      "12",
      "--database-url",
      url,
    ]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds the synthetic organisation/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("refuses a size that is not a whole number, saying which", async () => {
    const result = await runCli([
      "bench",
      "data",
      "--people",
      "-3",
      "--database-url",
      `sqlite:${join(dir, "x.db")}`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--people must be a whole number ≥ 0, got '-3'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
