/**
 * V8's start-up settings (start-tuning.ts) hold while the server starts and give V8 its own way
 * back once it listens: a server left with the optimizing compiler off would answer every
 * request several times slower. Run in a child node with V8's test functions, which say what
 * V8 did with a hot function.
 *
 * The child runs plain JavaScript, start-tuning.ts compiled here, with no loader thread and no
 * compiling in the background: V8 prints its trace from whichever thread compiles, and a second
 * isolate or a background job printing at the same moment splits the lines counted below.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsToHold, settingsToServe } from "./start-tuning.js";

let folder = "";
let tuning = "";

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "okr-start-tuning-"));
  const source = readFileSync(resolve(import.meta.dirname, "start-tuning.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  tuning = join(folder, "start-tuning.mjs");
  writeFileSync(tuning, outputText);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs `body` after importing holdForStart; answers what it printed. */
function inChild(body: string, nodeOptions: string[] = []): string {
  const script = `import { holdForStart } from ${JSON.stringify(pathToFileURL(tuning).href)};\n${body}`;
  return execFileSync(
    process.execPath,
    [
      ...nodeOptions,
      "--no-concurrent-recompilation",
      "--allow-natives-syntax",
      "--input-type=module",
      "-e",
      script,
    ],
    { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
  ).trim();
}

/** Makes `hot` hot and says whether V8 optimized it (bit 4 of %GetOptimizationStatus: TurboFan code). */
const HOT = `
function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
function optimizedAfterRuns() {
  %PrepareFunctionForOptimization(hot);
  hot(1000); hot(1000);
  %OptimizeFunctionOnNextCall(hot);
  hot(1000);
  return (%GetOptimizationStatus(hot) & 16) !== 0;
}`;

describe("V8's start-up settings", () => {
  it("keep hot code from the optimizing compiler while held, and give it back on release", () => {
    const out = inChild(`${HOT}
const release = holdForStart("");
const held = optimizedAfterRuns();
release();
console.log(JSON.stringify({ held, released: optimizedAfterRuns() }));`);
    expect(JSON.parse(out)).toEqual({ held: false, released: true });
  });

  it("leave a setting given on node's command line as it was", () => {
    const out = inChild(
      `${HOT}
const release = holdForStart();
console.log(JSON.stringify({ held: optimizedAfterRuns() }));
release();`,
      ["--turbofan"],
    );
    expect(JSON.parse(out)).toEqual({ held: true });
  });

  it("leave what node was told alone: --no-opt, --jitless, the young generation's size", () => {
    const held = (options: string) => settingsToHold(options).map((setting) => setting.hold);
    expect(held("")).toEqual(["--semi-space-growth-factor=1", "--no-turbofan", "--no-sparkplug"]);
    expect(held("--no-opt")).toEqual(["--semi-space-growth-factor=1", "--no-sparkplug"]);
    expect(held("--optimize-for-size")).toHaveLength(3);
    expect(held("--jitless")).toEqual(["--semi-space-growth-factor=1"]);
    expect(held("--max-semi-space-size=4 --no-sparkplug")).toEqual(["--no-turbofan"]);
  });

  it("inline more into optimized code once released, unless node was told how much", () => {
    // Six callees of 517 bytes of bytecode each: over V8's budget for one callee (460), within
    // the serving budget in all (4,600).
    const line = Array.from({ length: 30 }, (_, i) => `s = (s * ${i + 3} + ${i}) % 1000003;`);
    const callees = Array.from(
      { length: 6 },
      (_, k) => `function callee${k}(x) { let s = x + ${k}; ${line.join(" ")} return s; }`,
    );
    const calls = callees.map((_, k) => `callee${k}(x)`).join(" + ");
    const program = (options: string) => `
${callees.join("\n")}
function caller(x) { return ${calls}; }
holdForStart(${JSON.stringify(options)})();
%PrepareFunctionForOptimization(caller);
${callees.map((_, k) => `%PrepareFunctionForOptimization(callee${k});`).join(" ")}
caller(1); caller(2);
%OptimizeFunctionOnNextCall(caller);
caller(3);`;
    const inlined = (out: string) =>
      out.match(/^Inlining .*callee\d.* into .*caller/gm)?.length ?? 0;
    expect(inlined(inChild(program(""), ["--trace-turbo-inlining"]))).toBe(6);
    const own = "--max-inlined-bytecode-size=460";
    expect(inlined(inChild(program(own), ["--trace-turbo-inlining", own]))).toBe(0);
    expect(settingsToServe(own)).toEqual([]);
  });
});
