/** `okr publish`, `okr settings --public-periods/--public-site` and `okr review`, on a real SQLite file. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runOkrInProcess as okr } from "../../../test/support/cli.js";

const PAGE = (quarter: string, secret: string) =>
  [
    "---",
    `title: FY20-${quarter} OKRs`,
    `period: FY20-${quarter}`,
    "---",
    "",
    "1. **CEO: Grow revenue.**",
    `    1. CRO KR: Reach [*$N<sub>0</sub>*][N0] in ${secret} => 80%`,
    "    1. CMO KR: Launch the partner page => Done",
    "",
    "[N0]: https://finance.example/plan",
  ].join("\n");

describe("okr publish, okr settings for the public site, okr review", () => {
  const dir = mkdtempSync(join(tmpdir(), "okr-publish-"));
  const db = ["--database-url", `sqlite:${join(dir, "okr.db")}`];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("publishes every period while none is marked, then only the marked ones", async () => {
    for (const [quarter, secret] of [
      ["Q1", "new ARR"],
      ["Q2", "expansion ARR"],
    ] as const) {
      const file = join(dir, `${quarter}.md`);
      writeFileSync(file, PAGE(quarter, secret));
      expect((await okr(["import", ...db, file])).exitCode).toBe(0);
    }
    const all = await okr(["publish", ...db, "--out", join(dir, "all")]);
    expect(all.exitCode).toBe(0);
    expect(all.stdout).toContain("FY20-Q1, FY20-Q2 (every period: none is marked public)");
    const files = readdirSync(join(dir, "all"));
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "period-fy20-q1.html",
        "period-fy20-q2.html",
        "site.css",
      ]),
    );
    const q2 = readFileSync(join(dir, "all", "period-fy20-q2.html"), "utf8");
    expect(q2).toContain('<a href="https://finance.example/plan"><em>$N<sub>0</sub></em></a>');

    const marked = await okr([
      "settings",
      ...db,
      "--public-periods",
      "FY20-Q2",
      "--public-site",
      "on",
    ]);
    expect(marked.exitCode).toBe(0);
    expect(marked.stdout).toContain("  periods   FY20-Q2");
    expect(marked.stdout).toContain("  served    on ");
    const only = await okr(["publish", ...db, "--out", join(dir, "marked")]);
    expect(only.stdout).toContain("FY20-Q2 (marked public in Settings)");
    expect(readdirSync(join(dir, "marked")).filter((f) => f.startsWith("period-"))).toEqual([
      "period-fy20-q2.html",
    ]);
    const chosen = await okr([
      "publish",
      ...db,
      "--out",
      join(dir, "chosen"),
      "--period",
      "FY20-Q1",
    ]);
    expect(chosen.stdout).toContain("FY20-Q1 (as chosen)");
  });

  it("says what is wrong with a flag", async () => {
    const noOut = await okr(["publish", ...db]);
    expect(noOut.exitCode).toBe(2);
    expect(noOut.stderr).toContain("--out DIR");
    const unknown = await okr(["publish", ...db, "--out", join(dir, "x"), "--period", "FY99-Q9"]);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain("no period labelled 'FY99-Q9'");
    const wrong = await okr(["settings", ...db, "--public-site", "maybe"]);
    expect(wrong.stderr).toContain("--public-site must be on or off, got 'maybe'");
    const cleared = await okr(["settings", ...db, "--public-periods", "none"]);
    expect(cleared.stdout).toContain("none marked (okr publish writes every period)");
  });

  it("prints the review as text, and says what to install for a PDF without Chromium", async () => {
    const text = await okr(["review", ...db, "--period", "FY20-Q1"]);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain("FY20-Q1 review");
    expect(text.stdout).toContain("1. Grow revenue. (CEO)");
    const saved = process.env.OKR_CHROMIUM;
    process.env.OKR_CHROMIUM = join(dir, "no-chromium");
    try {
      const pdf = await okr(["review", ...db, "--period", "FY20-Q1", "--pdf", join(dir, "r.pdf")]);
      expect(pdf.exitCode).toBe(5);
      expect(pdf.stderr).toContain("OKR_CHROMIUM");
      expect(pdf.stderr).toContain("renderer_unavailable");
    } finally {
      if (saved === undefined) delete process.env.OKR_CHROMIUM;
      else process.env.OKR_CHROMIUM = saved;
    }
  });
});
