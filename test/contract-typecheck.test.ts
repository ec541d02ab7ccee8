/**
 * The web app's answer types are the contract's, inferred from the routes' own schemas: renaming
 * a field in a schema must fail the web app's typecheck where it reads that field. The test copies
 * the contract, core and the web app into a scratch folder, typechecks the copy as it is (it
 * passes), renames one field in each of several answer schemas, and typechecks again: each rename
 * must be reported in the web file that reads the field.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** A field renamed in a schema, and the web file that reads it. */
const RENAMES = [
  {
    schema: "src/contract/schemas.ts",
    from: "    roots: z.array",
    to: "    trees: z.array",
    reader: "web/src/api/tree.ts",
  },
  {
    schema: "src/contract/accounts.ts",
    from: "    csrfToken: z",
    to: "    csrf: z",
    reader: "web/src/pages/setup-page.tsx",
  },
  {
    schema: "src/contract/accounts.ts",
    from: "    insider: z",
    to: "    isInsider: z",
    reader: "web/src/pages/account-page.tsx",
  },
  {
    schema: "src/contract/settings.ts",
    from: "    grading: z",
    to: "    bands: z",
    reader: "web/src/session.tsx",
  },
  {
    schema: "src/contract/import.ts",
    from: "    owners: z.array",
    to: "    names: z.array",
    reader: "web/src/pages/import/import-choices.tsx",
  },
  {
    schema: "src/contract/schemas.ts",
    from: "    byTeam: GroupScore",
    to: "    teams: GroupScore",
    reader: "web/src/pages/dashboard-page.tsx",
  },
] as const;

async function typecheck(dir: string): Promise<{ ok: boolean; output: string }> {
  try {
    await promisify(execFile)(process.execPath, [TSC, "-p", join(dir, "web", "tsconfig.json")], {
      cwd: dir,
      maxBuffer: 16 << 20,
    });
    return { ok: true, output: "" };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout ?? ""}${stderr ?? ""}` };
  }
}

describe("the web app's answer types follow the route schemas", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "okr-contract-"));
    for (const part of ["src/contract", "src/core", "web/src"]) {
      cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    }
    const config = JSON.parse(readFileSync(join(ROOT, "web", "tsconfig.json"), "utf8"));
    writeFileSync(
      join(dir, "web", "tsconfig.json"),
      JSON.stringify({ ...config, include: ["src"] }),
    );
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("typechecks the copy as it is, and fails where the web app reads a renamed field", async () => {
    const before = await typecheck(dir);
    expect(before.output).toBe("");
    expect(before.ok).toBe(true);
    for (const { schema, from, to } of RENAMES) {
      const path = join(dir, schema);
      const text = readFileSync(path, "utf8");
      // Each rename names one field: the text it replaces occurs exactly once.
      expect(text.split(from).length - 1, `${schema}: ${from.trim()}`).toBe(1);
      writeFileSync(path, text.replace(from, to));
    }
    const after = await typecheck(dir);
    expect(after.ok).toBe(false);
    const failing = new Set(
      [...after.output.matchAll(/^(web\/src\/[^(]+)\(\d+,\d+\): error/gm)].map((m) => m[1]),
    );
    for (const { reader, from } of RENAMES) {
      expect(failing.has(reader), `${from.trim()} renamed: ${reader} fails`).toBe(true);
    }
  }, 300_000);
});
