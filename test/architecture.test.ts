/**
 * Dependencies point one way: server -> app -> store/markdown -> core, server -> contract -> core,
 * and web -> contract/core (the contract's types only).
 * This test reads every import in src/ and web/src and fails on one that points the wrong way,
 * on SQL built anywhere but the store, and on the web app importing server code.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  core: [],
  markdown: ["core"],
  store: ["core"],
  app: ["core", "store", "markdown", "example-data", "synthetic"],
  server: ["core", "store", "markdown", "app", "contract"],
  cli: ["core", "store", "markdown", "app", "server", "synthetic"],
  "example-data": ["core"],
  synthetic: ["core", "store", "example-data"],
  contract: ["core"],
  web: ["core", "contract"],
};

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : filesUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function layerOf(path: string): string | undefined {
  const rel = relative(ROOT, path);
  if (rel.startsWith("web/src/")) return "web";
  const match = /^src\/([^/]+)\//.exec(rel);
  return match?.[1];
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function violations(): string[] {
  const found: string[] = [];
  const files = [...filesUnder(join(ROOT, "src")), ...filesUnder(join(ROOT, "web/src"))];
  for (const file of files) {
    const from = layerOf(file);
    if (!from || file.endsWith(".test.ts")) continue;
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? "";
      if (!spec.startsWith(".")) continue;
      const to = layerOf(resolve(dirname(file), spec));
      if (!to || to === from) continue;
      if (!(ALLOWED[from] ?? []).includes(to)) {
        found.push(`${relative(ROOT, file)} (${from}) imports ${spec} (${to})`);
      }
    }
  }
  return found;
}

/** Kysely query building or raw SQL: what only `src/store/` may do. */
const QUERY_BUILDING =
  /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)\(|\bsql\s*(?:<[^>]*>)?\s*`|\bimport\s+\{[^}]*\}\s+from\s+["']kysely["']/;

/** Source files (not tests) outside `src/store/` that build SQL, with the first line that does. */
function sqlOutsideTheStore(): string[] {
  const files = [...filesUnder(join(ROOT, "src")), ...filesUnder(join(ROOT, "web/src"))];
  return files
    .filter((file) => !file.endsWith(".test.ts") && layerOf(file) !== "store")
    .flatMap((file) => {
      const lines = readFileSync(file, "utf8").split("\n");
      const index = lines.findIndex((line) => QUERY_BUILDING.test(line));
      return index < 0 ? [] : [`${relative(ROOT, file)}:${index + 1}: ${lines[index]?.trim()}`];
    });
}

/** Imports in web/src that reach into the server, app or store (the web app talks HTTP). */
function webImportsOfServerCode(): string[] {
  return filesUnder(join(ROOT, "web/src")).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(IMPORT)]
      .map((match) => match[1] ?? match[2] ?? "")
      .filter((spec) => spec.startsWith("."))
      .filter((spec) => {
        const layer = layerOf(resolve(dirname(file), spec));
        return layer === "server" || layer === "app" || layer === "store" || layer === "cli";
      })
      .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
  );
}

describe("architecture", () => {
  it("keeps every import pointing one way (server -> app -> store/markdown -> core; web -> contract/core)", () => {
    expect(violations()).toEqual([]);
  });

  it("builds SQL only in src/store", () => {
    expect(sqlOutsideTheStore()).toEqual([]);
  });

  it("keeps the web app off server code (it imports core and the API contract only)", () => {
    expect(webImportsOfServerCode()).toEqual([]);
  });

  it("takes only types from the contract into the web app (no schema code in the bundle)", () => {
    const valueImports = filesUnder(join(ROOT, "web/src")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/import\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']/g)]
        .filter(
          (match) => !match[1] && layerOf(resolve(dirname(file), match[2] ?? "")) === "contract",
        )
        .map((match) => `${relative(ROOT, file)} imports ${match[2]} as values`),
    );
    expect(valueImports).toEqual([]);
  });

  it("keeps the core pure: no node: modules, no clock, no randomness", () => {
    const impure = filesUnder(join(ROOT, "src/core"))
      .filter((file) => !file.endsWith(".test.ts"))
      .filter((file) =>
        /from\s+["']node:|Date\.now\(|new Date\(\)|Math\.random\(/.test(readFileSync(file, "utf8")),
      )
      .map((file) => relative(ROOT, file));
    expect(impure).toEqual([]);
  });
  it("keeps what only tests import out of the build (tsconfig.build.json excludes it)", () => {
    const build = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")) as {
      exclude: string[];
    };
    // The exclude globs used here: `src/**/NAME` and `src/**/*.test.ts`.
    const excluded = build.exclude.map(
      (glob) =>
        new RegExp(
          `^${glob
            .replace(/[.]/g, "\\.")
            .replace("**/", "(?:.*/)?")
            .replace(/\*(?![)?])/g, "[^/]*")}$`,
        ),
    );
    const isExcluded = (rel: string) => excluded.some((pattern) => pattern.test(rel));
    const importers = new Map<string, string[]>();
    for (const file of [...filesUnder(join(ROOT, "src")), ...filesUnder(join(ROOT, "web/src"))]) {
      for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? "";
        if (!spec.startsWith(".")) continue;
        const target = relative(ROOT, resolve(dirname(file), spec)).replace(/\.js$/, ".ts");
        importers.set(target, [...(importers.get(target) ?? []), relative(ROOT, file)]);
      }
    }
    const onlyForTests = [...importers]
      .filter(([, by]) => by.every((importer) => isExcluded(importer)))
      .map(([file]) => file)
      .filter((file) => file.startsWith("src/") && !isExcluded(file));
    expect(onlyForTests).toEqual([]);
    expect(isExcluded("src/server/test-harness.ts")).toBe(true);
  });
});
