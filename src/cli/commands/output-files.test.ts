/** Files the CLI cannot write (or read back) are named with the reason, never "unexpected error". */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";

const PAGE = `# Acme 2027-Q1

1. **CEO: Make invoicing effortless for small shops.**
   1. CEO KR: Grow paying shops from 300 to 450.
`;

describe("okr export -o, publish --out, export --in-place, backup: unwritable paths", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-output-"));
  const db = ["--database-url", `sqlite:${join(dir, "okr.db")}`];
  const page = join(dir, "2027-q1.md");
  const missing = join(dir, "no-such-folder");
  const aFile = join(dir, "a-file");
  beforeAll(async () => {
    writeFileSync(page, PAGE);
    writeFileSync(aFile, "not a folder");
    expect((await okr(["import", page, ...db])).exitCode).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says which file cannot be written and why, with exit code 2", async () => {
    const exported = await okr([
      "export",
      "--period",
      "2027-Q1",
      "-o",
      join(missing, "q1.md"),
      ...db,
    ]);
    expect(exported.stderr).toBe(
      `okr: Cannot write ${join(missing, "q1.md")}: no such folder (invalid_input)\n`,
    );
    expect(exported.exitCode).toBe(2);

    const published = await okr(["publish", "--out", join(aFile, "site"), ...db]);
    expect(published.stderr).toBe(
      `okr: Cannot write ${join(aFile, "site")}: a part of the path is a file, not a folder (invalid_input)\n`,
    );
    expect(published.exitCode).toBe(2);

    const backup = await okr(["backup", join(missing, "b.jsonl"), ...db]);
    expect(backup.stderr).toContain(
      `\nokr: Cannot write ${join(missing, "b.jsonl")}: no such folder (invalid_input)\n`,
    );
    expect(backup.exitCode).toBe(2);
  });

  it("says which page cannot be read for --in-place", async () => {
    const inPlace = await okr([
      "export",
      "--period",
      "2027-Q1",
      "--in-place",
      join(dir, "nope.md"),
      ...db,
    ]);
    expect(inPlace.stderr).toBe(
      `okr: Cannot read ${join(dir, "nope.md")}: no such file (invalid_input)\n`,
    );
    expect(inPlace.exitCode).toBe(2);
  });
});
