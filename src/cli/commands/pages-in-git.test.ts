/**
 * `okr parse` and `okr import` on a page holding several quarters, and
 * `okr export --in-place` rewriting a page where it lives.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";
import { checkIn } from "../../app/check-ins.js";
import { type AppDeps, SYSTEM_ACTOR } from "../../app/deps.js";
import { createIdGenerator } from "../../core/ids.js";
import { openDatabase } from "../../store/database.js";
import { listPeriodItems } from "../../store/period-items.repository.js";
import { findPeriodByLabel } from "../../store/periods.repository.js";

const MULTI = resolve(import.meta.dirname, "../../markdown/format-fixtures/multi-quarter.md");

describe("pages in git from the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-pages-"));
  const db = ["--database-url", `sqlite:${join(dir, "okr.db")}`];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("parses a page of several quarters as one okr/1 document per period", async () => {
    const result = await okr(["parse", MULTI]);
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.format).toBe("okr/1-multi");
    expect(out.documents.map((d: { format: string }) => d.format)).toEqual([
      "okr/1",
      "okr/1",
      "okr/1",
    ]);
    expect(out.documents.map((d: { period: { label: string } }) => d.period.label)).toEqual([
      "2019-Q1",
      "2019-Q2",
      "FY21-Q3",
    ]);
  });

  it("imports one period per section, and each exports as the whole page", async () => {
    const result = await okr(["import", ...db, MULTI]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("-> 2019-Q1 (new period): 3 created");
    expect(result.stdout).toContain("-> 2019-Q2 (new period): 2 created");
    expect(result.stdout).toContain("-> FY21-Q3 (new period): 2 created");
    const page = readFileSync(MULTI, "utf8");
    for (const label of ["2019-Q1", "2019-Q2", "FY21-Q3"]) {
      const exported = await okr(["export", ...db, "--period", label, "--format", "md"]);
      expect(exported.stdout).toBe(page);
    }
  });

  it("rewrites a page in place, and refuses a page edited since it was last written", async () => {
    const file = join(dir, "q3.md");
    writeFileSync(
      file,
      "# FY22-Q3 OKRs\n\n- **Ops: Calm on-call.**\n  - Ops KR: Pages per week from 20 to 5\n",
    );
    const original = readFileSync(file, "utf8");
    const flags = ["export", ...db, "--period", "FY22-Q3", "--format", "md", "--in-place", file];
    expect((await okr(["import", ...db, file])).exitCode).toBe(0);
    const same = await okr([
      "export",
      ...db,
      "--period",
      "FY22-Q3",
      "--format",
      "md",
      "--in-place",
      file,
    ]);
    expect(same).toMatchObject({ exitCode: 0, stderr: `${file} is up to date\n` });

    writeFileSync(file, readFileSync(file, "utf8").replace("Calm on-call.", "Quiet on-call."));
    const refused = await okr([
      "export",
      ...db,
      "--period",
      "FY22-Q3",
      "--format",
      "md",
      "--in-place",
      file,
    ]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("changed since FY22-Q3 was last imported or written (line 3)");
    expect(readFileSync(file, "utf8")).toContain("Quiet on-call.");

    // Back to the page as written: a check-in in the app becomes its one changed line.
    writeFileSync(file, original);
    const opened = await openDatabase(`sqlite:${join(dir, "okr.db")}`);
    try {
      const deps: AppDeps = {
        db: opened.db,
        dialect: opened.dialect,
        now: () => new Date("2022-09-01T12:00:00Z"),
        newId: createIdGenerator(Date.now, (n) => new Uint8Array(n).fill(7)),
      };
      const period = await findPeriodByLabel(opened.db, "FY22-Q3");
      const { keyResults } = await listPeriodItems(opened.db, period?.id ?? "");
      await checkIn(deps, SYSTEM_ACTOR, keyResults[0]?.id ?? "", { progress: 0.3 });
    } finally {
      await opened.close();
    }
    const written = await okr(flags);
    expect(written).toMatchObject({ exitCode: 0, stderr: `Wrote ${file}\n` });
    expect(readFileSync(file, "utf8")).toBe(original.replace("20 to 5\n", "20 to 5 => 30%\n"));
    expect((await okr(flags)).stderr).toBe(`${file} is up to date\n`);
  });
});
