/**
 * `okr parse`, `okr lint`, `okr import` and `okr export --in-place` on a key result table with
 * Start, Target and Current columns: the figures are read, and a check-in made in the app comes
 * back into the row's cells, the table still a table.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import { checkIn } from "../../app/check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "../../app/deps.js";
import { createIdGenerator } from "../../core/ids.js";
import { openDatabase } from "../../store/database.js";
import { listPeriodItems } from "../../store/period-items.repository.js";
import { findPeriodByLabel } from "../../store/periods.repository.js";

const PAGE = [
  "# 2026-Q1 OKRs",
  "",
  "| Objective | Key result | Owner | Baseline | Target | Actual |",
  "|---|---|---|---|---|---|",
  "| Faster support | Median first reply | Support | 90 mins | 30 mins | 60 mins |",
  "| | CSAT | Support | 82% | 90% | 84% |",
  "",
].join("\n");

describe("a key result table from the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-table-"));
  const url = `sqlite:${join(dir, "okr.db")}`;
  const file = join(dir, "okrs.md");
  writeFileSync(file, PAGE);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("parses the columns' figures into each key result's measure and value", async () => {
    const result = await okr(["parse", file]);
    expect(result.exitCode).toBe(0);
    const [reply, csat] = JSON.parse(result.stdout).items[0].children;
    expect(reply).toMatchObject({
      measure: { kind: "metric", unit: "duration", start: 90, target: 30, durationUnit: "min" },
      value: 60,
      progress: 0.5,
    });
    expect(csat).toMatchObject({ measure: { unit: "percent", start: 82, target: 90 }, value: 84 });
    expect(csat.progress).toBeCloseTo(0.25, 9);
    const lint = await okr(["lint", file]);
    expect(lint.stdout).not.toContain("kr_not_measurable");
  });

  it("writes a check-in into the Actual cell, the rest of the page as it was", async () => {
    expect((await okr(["import", "--database-url", url, file])).exitCode).toBe(0);
    const opened = await openDatabase(url);
    try {
      const deps: AppDeps = {
        db: opened.db,
        dialect: opened.dialect,
        now: () => new Date("2026-02-01T12:00:00Z"),
        newId: createIdGenerator(Date.now, (n) => new Uint8Array(n).fill(7)),
      };
      const period = await findPeriodByLabel(opened.db, "2026-Q1");
      const { keyResults } = await listPeriodItems(opened.db, period?.id ?? "");
      const reply = keyResults.find((kr) => kr.title === "Median first reply");
      expect(reply).toMatchObject({ kind: "metric", unit: "duration", current: 60 });
      await checkIn(deps, SYSTEM_ACTOR, reply?.id ?? "", { value: 45 });
    } finally {
      await opened.close();
    }
    const written = await okr([
      "export",
      "--database-url",
      url,
      "--period",
      "2026-Q1",
      "--in-place",
      file,
    ]);
    expect(written).toMatchObject({ exitCode: 0, stderr: `Wrote ${file}\n` });
    expect(readFileSync(file, "utf8")).toBe(
      PAGE.replace("| 30 mins | 60 mins |", "| 30 mins | 45 mins |"),
    );
  });
});
