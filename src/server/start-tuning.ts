/**
 * How V8 runs while the server starts. Start-up makes most of what the process keeps for its
 * whole life (modules, routes, schemas) and runs most of its code once. Left to itself, V8
 * - grows the young generation to its largest (16 MB of semi-spaces) on seeing so much
 *   survive, and that memory then sits nearly empty in the idle server until V8's memory
 *   reducer gives it back, tens of seconds later;
 * - compiles the code that start-up runs a few times with its baseline and optimizing
 *   compilers, which touches several MB of the compilers' own machine code and keeps code
 *   that start-up never runs again.
 * Held while the server starts — the young generation at its first size, the two compilers
 * off — the idle server is about 10 MB smaller and starts no slower (`npm run bench`, the cold
 * start and idle memory rows). Released once it listens: from then on V8 grows the young
 * generation and compiles hot code as it decides, which is what the load needs.
 *
 * One setting is the server's own from then on: TurboFan inlines more into a function it
 * optimizes (`SERVING`). A request runs through a few hundred small functions of the framework,
 * the rules and the store, once each; V8's budgets are made for a page's script, and stop
 * inlining a request's path early, so it runs as many more calls through as many more pieces
 * of machine code. Someone who sets any of these in NODE_OPTIONS or on node's command line keeps
 * their setting.
 */
import { setFlagsFromString } from "node:v8";

/** Each held setting: the flag that holds it, the flag that gives V8 its own way back. */
const HELD = [
  // V8's own growth factor (since 2015): the young generation doubles when it grows.
  {
    pattern: /semi[-_]space/,
    hold: "--semi-space-growth-factor=1",
    release: "--semi-space-growth-factor=2",
  },
  // A node run --jitless has no compiler to give back.
  {
    pattern: /turbofan|jitless|(^|\s)--(no-)?opt(\s|=|$)/,
    hold: "--no-turbofan",
    release: "--turbofan",
  },
  { pattern: /sparkplug|jitless/, hold: "--no-sparkplug", release: "--sparkplug" },
] as const;

/**
 * Set once the server listens, and kept: a larger inlining budget for one optimized function,
 * 920 bytes of bytecode for one callee (V8's own: 460), 4,600 in all (920) and 10,000 at most
 * (4,600). Two servers side by side answered a check-in about 13 µs sooner at the median with
 * these, a fortieth of the round trip, and no sooner with larger ones (decisions/0056). While
 * held, each has V8's own value: V8 takes a code cache only under the flags it was made with
 * (`cli/code-cache.ts`), and the cache is both written and taken while they are held.
 */
const SERVING = {
  pattern: /max-inlined-bytecode/,
  settings: [
    { hold: "--max-inlined-bytecode-size=460", serve: "--max-inlined-bytecode-size=920" },
    {
      hold: "--max-inlined-bytecode-size-cumulative=920",
      serve: "--max-inlined-bytecode-size-cumulative=4600",
    },
    {
      hold: "--max-inlined-bytecode-size-absolute=4600",
      serve: "--max-inlined-bytecode-size-absolute=10000",
    },
  ],
} as const;

/** The settings to hold when node was given `options`: those it was not told about. */
export function settingsToHold(options: string): { hold: string; release: string }[] {
  return HELD.filter((setting) => !setting.pattern.test(options));
}

/** The serving settings when node was given `options`: none if it was told of one of them. */
export function settingsToServe(options: string): readonly { hold: string; serve: string }[] {
  return SERVING.pattern.test(options) ? [] : SERVING.settings;
}

/**
 * Holds V8's start-up settings; answers the release, to call once the server listens, which
 * gives them back and sets the serving ones.
 */
export function holdForStart(
  options = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" "),
): () => void {
  const held = settingsToHold(options);
  const serving = settingsToServe(options);
  for (const setting of held) setFlagsFromString(setting.hold);
  for (const setting of serving) setFlagsFromString(setting.hold);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const setting of held) setFlagsFromString(setting.release);
    for (const setting of serving) setFlagsFromString(setting.serve);
  };
}
