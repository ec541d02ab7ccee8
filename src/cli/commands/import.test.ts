/** `okr import` and `okr export` against a real SQLite file, run in process. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";
import { parseHandbook } from "../../markdown/parse-handbook.js";
import { comparable } from "../../markdown/test-support.js";

const FIXTURES = resolve(import.meta.dirname, "../../markdown/fixtures");

const okr = runOkrInProcess;

describe("okr import / okr export", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-import-"));
  const db = ["--database-url", `sqlite:${join(dir, "okr.db")}`];
  const page = join(FIXTURES, "bold-objectives.txt");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The workspace keeps calendar quarters (the default): the page's FY21-Q2 keeps its own label
  // and its own dates (May–July 2020) instead of becoming the calendar quarter FY21-Q2.
  it("shows what an import would change with --dry-run, writing nothing", async () => {
    const result = await okr(["import", ...db, "--dry-run", page]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      `${page}:\n  + create period FY21-Q2\n  + create objective line 7 CEO: IACV\n`,
    );
    // The totals count what the import's own line counts: objectives, key results and
    // retrospectives, not the period ("+ create period" says that), so the two agree.
    expect(result.stdout).toContain("  would create 21, update 0, leave 0 unchanged");
    const again = await okr(["import", ...db, "--dry-run", page]);
    expect(again.stdout).toContain("+ create period FY21-Q2");
  });

  it("imports a page, then again without a change", async () => {
    const first = await okr(["import", ...db, page]);
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe(
      `${page} -> FY21-Q2 (new period): 21 created, 0 updated, 0 unchanged (0 errors, 1 warning: okr lint shows them)\n`,
    );
    const second = await okr(["import", ...db, page]);
    expect(second.stdout).toBe(
      `${page} -> FY21-Q2: 0 created, 0 updated, 21 unchanged (0 errors, 1 warning: okr lint shows them)\n`,
    );
  });

  it("exports JSON that imports without a change, and Markdown that parses to it", async () => {
    const out = join(dir, "q2.json");
    const exported = await okr([
      "export",
      ...db,
      "--period",
      "FY21-Q2",
      "--format",
      "json",
      "-o",
      out,
    ]);
    expect(exported).toMatchObject({ exitCode: 0, stderr: `Wrote ${out}\n` });
    const again = await okr(["import", ...db, out]);
    expect(again.stdout).toBe(`${out} -> FY21-Q2: 0 created, 0 updated, 21 unchanged\n`);
    const md = await okr(["export", ...db, "--period", "FY21-Q2", "--format", "md"]);
    expect(comparable(parseHandbook(md.stdout))).toEqual(
      comparable(JSON.parse(readFileSync(out, "utf8"))),
    );
    const csv = await okr(["export", ...db, "--period", "FY21-Q2", "--format", "csv"]);
    expect(csv.stdout.split("\r\n")[0]).toBe(
      "period,level,kind,owner,title,outcome,progress,status,confidential,links,score",
    );
  });

  it("imports many files with a progress list", async () => {
    const files = [
      "one-line-okrs.txt",
      "heading-objectives.txt",
      "grouping-owners.txt",
      "lazy-continuation.txt",
    ].map((f) => join(FIXTURES, f));
    const result = await okr(["import", ...db, ...files]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("refuses bad input with a clear message and exit code", async () => {
    const readme = join(dir, "README.md");
    writeFileSync(readme, "# Tool\n\nNo OKRs here.\n");
    const none = await okr(["import", ...db, readme]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain(`okr: ${readme}: Nothing to import: line 1: No OKRs found`);
    const missing = await okr(["import", ...db, join(dir, "nope.md")]);
    expect(missing).toMatchObject({
      exitCode: 2,
      stderr: `okr: Cannot read ${join(dir, "nope.md")}: no such file (invalid_input)\n`,
    });
    const unknown = await okr(["export", ...db, "--period", "FY99-Q1"]);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain("No period labelled 'FY99-Q1'");
    const format = await okr(["export", ...db, "--period", "FY21-Q2", "--format", "xml"]);
    expect(format).toMatchObject({
      exitCode: 2,
      stderr: "okr: --format must be one of md, json, csv, got 'xml' (invalid_input)\n",
    });
  });
});
