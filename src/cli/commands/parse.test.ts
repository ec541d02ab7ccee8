/** `okr parse`, `okr lint`, `okr render`, run in process: output and exit codes. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess } from "../../../test/support/cli.js";

const FIXTURES = resolve(import.meta.dirname, "../../markdown/fixtures");

const okr = runOkrInProcess;

const dir = mkdtempSync(join(tmpdir(), "okr-parse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("okr parse", () => {
  it("prints the canonical JSON, problems included, and exits 0", async () => {
    const result = await okr(["parse", join(FIXTURES, "one-line-okrs.txt")]);
    expect(result.exitCode).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({
      format: "okr/1",
      title: "FY21-Q1 OKRs",
      period: { label: "FY21-Q1" },
    });
    expect(doc.items[0].children[0]).toMatchObject({ outcome: "27%", progress: 0.27 });
    expect(doc.problems.some((p: { code: string }) => p.code === "outcome_count_mismatch")).toBe(
      true,
    );
  });

  it("reads the page in the calendar it is given", async () => {
    const page = file("sg.md", "# FY2020-Q2 OKRs\n\n- CEO: Grow => 50%\n");
    const result = await okr(["parse", page, "--calendar", "2:start"]);
    expect(JSON.parse(result.stdout).period).toEqual({
      label: "FY20-Q2",
      start: "2020-05-01",
      end: "2020-07-31",
    });
    const bad = await okr(["parse", page, "--calendar", "february"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("--calendar must be START_MONTH:NAMING");
  });

  it("says in one line when the file cannot be read, exit 2", async () => {
    const result = await okr(["parse", join(dir, "missing.md")]);
    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toBe(
      `okr: Cannot read ${join(dir, "missing.md")}: no such file (invalid_input)\n`,
    );
    // Reading says why in the words writing does (`fileErrorReason`).
    expect((await okr(["parse", dir])).stderr).toBe(
      `okr: Cannot read ${dir}: it is a folder (invalid_input)\n`,
    );
    const page = file("a-page.md", "# 2026-Q1 OKRs\n");
    expect((await okr(["parse", join(page, "inside.md")])).stderr).toBe(
      `okr: Cannot read ${join(page, "inside.md")}: a part of the path is a file, not a folder (invalid_input)\n`,
    );
  });
});

describe("okr lint", () => {
  it("prints file:line severity code message and exits 1 on errors", async () => {
    const path = join(FIXTURES, "one-line-okrs.txt");
    const result = await okr(["lint", path]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      `${path}:9 error outcome_count_mismatch 3 outcomes after => but 1 key result`,
    );
    expect(
      result.stdout
        .split("\n")
        .filter(Boolean)
        .every((l) => l.startsWith(`${path}:`)),
    ).toBe(true);
  });

  it("exits 0 when there are only warnings, and prints JSON with --json", async () => {
    const clean = file(
      "clean.md",
      "# FY20-Q4 OKRs\n\n- **CEO: Grow**\n  - CEO KR: Make customers happy\n",
    );
    const result = await okr(["lint", clean]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      `${clean}:4 warning kr_not_measurable Key result without a number: "CEO: Make customers happy" promises a change but does not say how much ("from 8 to 10", "90%").\n`,
    );
    const json = await okr(["lint", "--json", clean]);
    expect(JSON.parse(json.stdout)).toEqual([
      { file: clean, problems: [expect.objectContaining({ line: 4, code: "kr_not_measurable" })] },
    ]);
  });

  it("gives a page that is no OKR page a clear problem", async () => {
    const readme = file("README.md", "# Tool\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
    const result = await okr(["lint", readme]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`${readme}:1 error no_okrs No OKRs found`);
    expect(result.stdout).toContain(`${readme}:3 info ignored_table`);
  });
});

describe("okr render", () => {
  it("renders a canonical document as Markdown", async () => {
    const parsed = await okr(["parse", join(FIXTURES, "sourcegraph-style.txt")]);
    const json = file("doc.json", parsed.stdout);
    const result = await okr(["render", json]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      "- **CEO: Scale up pipeline and ARR.**\n  - CEO KR: Q3 and Q4 pipelines ahead of plan.",
    );
    expect(result.stdout).toContain("[N0]: https://example.com/plan#n0");
  });

  it("says where invalid JSON breaks, exit 2", async () => {
    const broken = file("broken.json", '{\n  "format": "okr/1",\n  "items": [,]\n}');
    const result = await okr(["render", broken]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(
        `^okr: ${broken} is not valid JSON: .* at line 3, column \\d+ \\(invalid_input\\)\\n$`,
      ),
    );
  });

  it("says which fields are wrong in a document of the wrong shape, exit 2", async () => {
    const wrong = file(
      "wrong.json",
      JSON.stringify({
        format: "okr/1",
        title: null,
        period: null,
        items: [{ kind: "goal" }],
        retrospectives: [],
        references: {},
        problems: [],
      }),
    );
    const result = await okr(["render", wrong]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "is not a canonical OKR document (format okr/1): items.0.kind:",
    );
  });
});
