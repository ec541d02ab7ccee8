/**
 * A bundle run with V8's code cache, each start its own process as `okr serve`'s are (within
 * one process V8 would find the compiled script in memory and never read the cache): the same
 * module either way, and a cache V8 refuses is harmless.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

interface Seen {
  filename: string;
  dirname: string;
  strict: boolean;
  beside: string;
  exportsIsThis: boolean;
  sum: number;
}

/** A bundle in the built server's form: the module wrapper's function expression. */
function bundleText(addend: number): string {
  return `(function (exports, require, module, __filename, __dirname) { "use strict";
  function sum(list) { return list.reduce((a, b) => a + b, ${addend}); }
  globalThis[Symbol.for("okr.code-cache.test")] = {
    filename: __filename,
    dirname: __dirname,
    strict: (function () { return this === undefined; })(),
    beside: require("./beside.cjs").word,
    exportsIsThis: this === module.exports && exports === module.exports,
    sum: sum([1, 2, 3]),
  };
})`;
}

let dir: string;
let runner: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "okr-code-cache-test-"));
  writeFileSync(join(dir, "beside.cjs"), 'module.exports = { word: "beside" };');
  runner = join(dir, "runner.mjs");
  writeFileSync(
    runner,
    `import { codeCacheState, runWithCodeCache } from ${JSON.stringify(join(ROOT, "src/cli/code-cache.ts"))};
const [bundle, write] = process.argv.slice(2);
const run = runWithCodeCache(bundle, bundle + ".cache");
if (write) run.writeCache();
console.log(JSON.stringify({ state: run.state, reported: codeCacheState(), seen: globalThis[Symbol.for("okr.code-cache.test")] }));
`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a process that runs `bundle` (and writes its cache when asked); answers what it saw. */
function start(bundle: string, write = false): { state: string; reported: string; seen: Seen } {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", runner, bundle, ...(write ? ["write"] : [])],
    { cwd: ROOT, encoding: "utf8" },
  );
  return JSON.parse(out);
}

describe("a bundle run with V8's code cache", () => {
  it("runs as a module of its folder without a cache, and a later start takes the cache", () => {
    const bundle = join(dir, "okr.cjs");
    writeFileSync(bundle, bundleText(0));
    const expected: Seen = {
      filename: bundle,
      dirname: dir,
      strict: true,
      beside: "beside",
      exportsIsThis: true,
      sum: 6,
    };

    expect(start(bundle, true)).toEqual({ state: "absent", reported: "absent", seen: expected });
    expect(start(bundle)).toEqual({ state: "used", reported: "used", seen: expected });
  });

  it("refuses a cache of another text or of no use, and runs the bundle as written", () => {
    const bundle = join(dir, "okr.cjs");
    writeFileSync(bundle, bundleText(0));
    start(bundle, true);

    // Another build's text, one character longer: its own code runs, not the cached one.
    writeFileSync(bundle, bundleText(10));
    const other = start(bundle);
    expect(other.state).toBe("rejected");
    expect(other.reported).toBe("rejected");
    expect(other.seen.sum).toBe(16);

    writeFileSync(`${bundle}.cache`, "not a cache");
    const garbage = start(bundle);
    expect(garbage.state).toBe("rejected");
    expect(garbage.seen.sum).toBe(16);
  });
});
