/**
 * Parsing handbook pages.
 * - throughput: `parseHandbook` (with lint) on the seed pages — or our fixtures when the seeds
 *   are absent — in MB/s; baseline: markdown-it's bare tokenising (`md.parse`) of the same
 *   text in the same run. Ratio = our time / its time (goal ≤ 1.5).
 * - first parse: a fresh node process that loads the parser and parses one page, against a
 *   fresh process that loads markdown-it and tokenises the same page. Both load their code the
 *   same way (the build when there is one, else TypeScript through tsx), so the ratio is ours.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import MarkdownIt from "markdown-it";
import { MAX_LINE_LENGTH } from "../src/markdown/limits.js";
import { parseHandbook } from "../src/markdown/parse-handbook.js";
import { medianOf, roundTo } from "./support/measure.js";
import type { Bench, BenchRow } from "./types.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SEEDS = resolve(ROOT, "../shared/seeds");
const FIXTURES = join(ROOT, "src/markdown/fixtures");
const BUILT_PARSER = join(ROOT, "dist/markdown/parse-handbook.js");

function loadPages(): { pages: string[]; source: string } {
  const dir = existsSync(SEEDS) ? SEEDS : FIXTURES;
  const pages = readdirSync(dir)
    .filter((f) => !f.startsWith("."))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
  return {
    pages,
    source: dir === SEEDS ? "the 5 seed pages" : `our ${pages.length} fixture pages`,
  };
}

/**
 * Milliseconds per pass over all pages for `ours` and `base`, timed in alternating rounds so a
 * busy machine slows both alike; medians of `rounds` rounds of `passes` passes each.
 */
function timeAlternating(
  ours: () => void,
  base: () => void,
  passes: number,
  rounds: number,
): { ours: number; base: number; ratio: number } {
  for (let i = 0; i < passes; i++) {
    ours();
    base();
  }
  const time = (work: () => void) => {
    const started = performance.now();
    for (let i = 0; i < passes; i++) work();
    return (performance.now() - started) / passes;
  };
  const o: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const oursMs = time(ours);
    const baseMs = time(base);
    o.push(oursMs);
    b.push(baseMs);
    ratios.push(oursMs / baseMs);
  }
  return { ours: medianOf(o), base: medianOf(b), ratio: medianOf(ratios) };
}

/** Wall milliseconds of a fresh node process running `script` (ES module), median of `runs`. */
function freshProcessMs(script: string, loader: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [...loader, "--input-type=module", "-e", script], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (result.status !== 0)
      throw new Error(`fresh process failed: ${result.stderr.slice(0, 500)}`);
    times.push(performance.now() - started);
  }
  return medianOf(times);
}

/** Whether the build of the parser exists and is newer than every source file it comes from. */
function isBuildFresh(): boolean {
  if (!existsSync(BUILT_PARSER)) return false;
  const builtMs = statSync(BUILT_PARSER).mtimeMs;
  const sources = join(ROOT, "src/markdown");
  return readdirSync(sources)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .every((f) => statSync(join(sources, f)).mtimeMs <= builtMs);
}

/** A page of about `bytes` bytes: a heading, then list lines made by `line(i)`. */
function pageOf(bytes: number, line: (i: number) => string): string {
  const parts = ["# 2026-Q4 OKRs\n\n"];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const next = line(i);
    parts.push(next);
    size += next.length;
  }
  return parts.join("");
}

/**
 * Lines an attacker writes, each just under the line limit so every one is read: runs of
 * backslashes, unclosed links and unclosed tags, alone and mixed.
 */
const ADVERSARIAL = [
  (n: number) => "\\".repeat(n),
  (n: number) => "[a](".repeat(n / 4),
  (n: number) => "<a".repeat(n / 2),
  (n: number) => "[a](\\<b ".repeat(n / 8),
];

function adversarialPage(bytes: number): string {
  return pageOf(bytes, (i) => {
    const make = ADVERSARIAL[i % ADVERSARIAL.length] as (n: number) => string;
    return `- CEO: Grow ${make(MAX_LINE_LENGTH - 100)} => 50%\n`;
  });
}

function ordinaryPage(bytes: number): string {
  return pageOf(
    bytes,
    (i) =>
      `- CEO: Grow revenue line ${i} from $1M to $2M [issue](https://example.com/${i}) => 50%\n`,
  );
}

const bench: Bench = async (ctx) => {
  const { pages, source } = loadPages();
  const bytes = pages.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
  const md = new MarkdownIt();
  const passes = Math.max(3, Math.round(20 * ctx.scale));
  const rounds = Math.max(3, Math.round(7 * ctx.scale));

  ctx.progress(
    `parse: ${source}, ${(bytes / 1024).toFixed(0)} KB, ${rounds} rounds of ${passes} passes`,
  );
  const timed = timeAlternating(
    () => {
      for (const page of pages) parseHandbook(page);
    },
    () => {
      for (const page of pages) md.parse(page, {});
    },
    passes,
    rounds,
  );
  const mbps = (ms: number) => bytes / 1024 / 1024 / (ms / 1000);

  ctx.progress("parse: first parse in a fresh process");
  const page = pages.reduce((a, b) => (b.length > a.length ? b : a), "");
  const built = isBuildFresh();
  const parserUrl = built
    ? pathToFileURL(BUILT_PARSER).href
    : pathToFileURL(join(ROOT, "src/markdown/parse-handbook.ts")).href;
  const loader = built ? [] : ["--import", "tsx"];
  const text = JSON.stringify(page);
  const oursScript = `const { parseHandbook } = await import(${JSON.stringify(parserUrl)}); parseHandbook(${text});`;
  const baseScript = `const { default: MarkdownIt } = await import("markdown-it"); new MarkdownIt().parse(${text}, {});`;
  const runs = Math.max(3, Math.round(7 * ctx.scale));
  const freshOurs = freshProcessMs(oursScript, loader, runs);
  const freshBase = freshProcessMs(baseScript, loader, runs);

  ctx.progress("parse: a 1 MB adversarial page against a 1 MB ordinary page");
  const size = Math.round(1024 * 1024 * Math.max(ctx.scale, 0.25));
  const bad = adversarialPage(size);
  const good = ordinaryPage(size);
  const attack = timeAlternating(
    () => parseHandbook(bad),
    () => parseHandbook(good),
    Math.max(1, Math.round(3 * ctx.scale)),
    Math.max(3, Math.round(5 * ctx.scale)),
  );

  const rows: BenchRow[] = [
    {
      name: "parse: handbook pages (MB/s)",
      value: roundTo(mbps(timed.ours)),
      baseline: roundTo(mbps(timed.base)),
      baselineName: "markdown-it tokenising the same text",
      unit: "MB/s",
      ratio: roundTo(timed.ratio),
      target: 1.5,
      note: `${source}; ratio: median of per-round ratios of our time over markdown-it's (lower is better)`,
    },
    {
      name: "parse: first page in a fresh process",
      value: roundTo(freshOurs),
      baseline: roundTo(freshBase),
      baselineName: "fresh process that only tokenises",
      unit: "ms",
      ratio: roundTo(freshOurs / freshBase),
      note: built ? "from the build" : "from source through tsx (no fresh build)",
    },
    {
      name: "parse: adversarial page (ms)",
      value: roundTo(attack.ours),
      baseline: roundTo(attack.base),
      baselineName: "ordinary page of the same size",
      unit: "ms",
      ratio: roundTo(attack.ratio),
      target: 3,
      note: `${(size / 1024 / 1024).toFixed(2)} MB of lines just under the line limit: backslashes, unclosed links, unclosed tags`,
    },
  ];
  return rows;
};

export default bench;
