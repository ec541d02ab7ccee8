/**
 * Dependencies point one way: web -> server -> app -> store/markdown -> core.
 * This test reads every import in src/ and web/src and fails on one that points the wrong way.
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
  app: ["core", "store", "markdown", "example-data"],
  server: ["core", "store", "markdown", "app"],
  cli: ["core", "store", "markdown", "app", "server"],
  "example-data": ["core"],
  web: ["core"],
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

describe("architecture", () => {
  it("keeps every import pointing one way (web -> server -> app -> store/markdown -> core)", () => {
    expect(violations()).toEqual([]);
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
});
