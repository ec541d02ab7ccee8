/** `okr import --map-owner / --closed / --dry-run` (period and owners) and `okr settings`, on a real SQLite file. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";

const PAGE_2019 = [
  "---",
  "title: FY20-Q2 OKRs",
  "period: FY20-Q2",
  "start: 2019-05-01",
  "end: 2019-07-31",
  "---",
  "",
  "1. **CEO: Grow revenue.**",
  "    1. Customer Success KR: Renew 90% of accounts => 80%",
  "    1. CMO KR: Launch the partner page => Done",
].join("\n");

const PAGE_2020 = PAGE_2019.replace("2019-05-01", "2020-05-01")
  .replace("2019-07-31", "2020-07-31")
  .replace("Grow revenue.", "Grow the company.");

describe("okr import: periods, owners, closed; okr settings", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-import-options-"));
  const db = ["--database-url", `sqlite:${join(dir, "okr.db")}`];
  const p2019 = join(dir, "fy20-q2-2019.md");
  const p2020 = join(dir, "fy20-q2-2020.md");
  writeFileSync(p2019, PAGE_2019);
  writeFileSync(p2020, PAGE_2020);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("says in the dry run which owners match and that a past quarter may be imported closed", async () => {
    const dry = await okr(["import", ...db, "--dry-run", p2019]);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain("  period FY20-Q2 2019-05-01 to 2019-07-31 (new)");
    expect(dry.stdout).toContain("Its end date is past: --closed imports it as history.");
    expect(dry.stdout).toContain("    Customer Success: new\n");
  });

  it("says in the dry run that an owner name matching a person stays as written unless attached", async () => {
    await okr(["person", "add", "--name", "Customer Success", ...db]);
    const dry = await okr(["import", ...db, "--dry-run", p2019]);
    expect(dry.stdout).toContain(
      "    Customer Success: matches person Customer Success, kept as written (--attach-owners attaches it)\n",
    );
    const attached = await okr(["import", ...db, "--dry-run", "--attach-owners", p2019]);
    expect(attached.stdout).toContain(
      "    Customer Success: matches person Customer Success -> person Customer Success\n",
    );
  });

  it("imports a past quarter as closed", async () => {
    const first = await okr(["import", ...db, "--closed", p2019]);
    expect(first.stdout).toContain(" -> FY20-Q2 (new period) (closed): 3 created");
    // The same page again changes nothing, so a closed period takes it.
    const again = await okr(["import", ...db, p2019]);
    expect(again).toMatchObject({ exitCode: 0 });
    expect(again.stdout).toContain("0 created, 0 updated, 3 unchanged");
  });

  it("keeps a page whose label names other dates apart, and says so", async () => {
    const dry = await okr(["import", ...db, "--dry-run", p2020]);
    expect(dry.stdout).toContain(
      "This page's FY20-Q2 runs 2020-05-01 to 2020-07-31; the existing FY20-Q2 runs 2019-05-01 to 2019-07-31. They are kept apart",
    );
    const done = await okr(["import", ...db, p2020]);
    expect(done.stdout).toContain(" -> FY20-Q2 (2020) (new period): 3 created");
  });

  it("refuses a mapping to an owner that does not exist, saying which", async () => {
    const bad = await okr([
      "import",
      ...db,
      "--period",
      "FY20-Q3",
      "--map-owner",
      "Customer Success=team:Support",
      p2020,
    ]);
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr).toContain('ownerMap "Customer Success": no team named "Support"');
    const malformed = await okr(["import", ...db, "--map-owner", "Customer Success", p2020]);
    expect(malformed.stderr).toContain(
      '--map-owner "Customer Success": expected NAME=team:TEAM, NAME=person:PERSON or NAME=role',
    );
  });

  it("shows and changes the roll-up options", async () => {
    const shown = await okr(["settings", ...db]);
    expect(shown.stdout).toContain("  children  on ");
    expect(shown.stdout).toContain("a key result with no progress yet is left out of the score");
    const changed = await okr(["settings", ...db, "--unscored", "zero", "--children", "off"]);
    expect(changed.stdout).toContain("a key result with no progress yet counts as 0");
    expect(changed.stdout).toContain("an objective scores from its own key results only");
    const wrong = await okr(["settings", ...db, "--unscored", "half"]);
    expect(wrong.stderr).toContain("--unscored must be excluded or zero, got 'half'");
  });
});
