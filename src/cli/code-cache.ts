/**
 * Running the server's bundle with V8's code cache (decisions/0051). `npm run build` writes
 * `okr serve` as one CommonJS file, `dist/serve/okr-<hash>.cjs`, whose text is a function
 * expression of the module wrapper's five parameters, in ASCII. `scripts/code-cache.mjs` then
 * starts it, asks one `/api/health`, and has it write what V8 compiled until then beside it
 * (`<bundle>.cache`). A later start hands that to V8, which takes the compiled functions
 * instead of parsing and compiling the 2.5 MB text: the cold start is about a third shorter.
 *
 * V8 takes a cache only from its own version, with the same flags, for a text of the same
 * length; anything else it refuses, and the bundle compiles as it would without one. The
 * bundle's name carries a hash of its text, so a cache never meets another build's bundle.
 * The text is read as Latin-1 (it is ASCII), which Node keeps outside V8's heap as one byte
 * per character: as UTF-8 it would be a two-byte string, 5 MB, copied once more to wrap it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";

/** What became of the cache: V8 took it, refused it, or there was none to give. */
export type CodeCacheState = "used" | "rejected" | "absent";

/** Where the state is left for the server's first log line (`codeCacheState`). */
const CODE_CACHE_STATE = Symbol.for("okr.code-cache");

/** What became of the cache in this process; undefined when it runs from anything but the bundle. */
export function codeCacheState(): CodeCacheState | undefined {
  return (globalThis as Record<symbol, CodeCacheState | undefined>)[CODE_CACHE_STATE];
}

/** The variable that has a start write its cache when the build asks (scripts/code-cache.mjs). */
export const WRITE_CODE_CACHE = "OKR_WRITE_CODE_CACHE";

export interface CachedRun {
  state: CodeCacheState;
  /** Writes what V8 has compiled of the bundle so far to its cache file. */
  writeCache(): void;
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs `bundle` as a CommonJS module, with the compiled code in `cacheFile` if V8 takes it.
 * The bundle has no `import()`: on Node 20 a function taken from a code cache loses what its
 * `import()` needs, so the build loads packages left outside the bundle with `require`.
 */
export function runWithCodeCache(bundle: string, cacheFile: string): CachedRun {
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(readFileSync(bundle, "latin1"), {
    filename: bundle,
    cachedData,
  });
  const state: CodeCacheState =
    cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "used";
  (globalThis as Record<symbol, unknown>)[CODE_CACHE_STATE] = state;
  const wrapper = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: object,
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundle),
    module,
    bundle,
    dirname(bundle),
  );
  return { state, writeCache: () => writeFileSync(cacheFile, script.createCachedData()) };
}

/**
 * When the build started this process to make the cache (`OKR_WRITE_CODE_CACHE=1`, with a
 * channel to it), writes the cache on its message `write code cache` and answers
 * `code cache written`. `hold` sets V8's flags as they are while a start compiles the bundle,
 * since V8 takes a cache only under the flags it was made with; it answers the release.
 */
export function writeCacheWhenAsked(run: CachedRun, hold: () => () => void): void {
  if (process.env[WRITE_CODE_CACHE] !== "1" || !process.send) return;
  process.on("message", (message) => {
    if (message !== "write code cache") return;
    const release = hold();
    try {
      run.writeCache();
    } finally {
      release();
    }
    process.send?.("code cache written");
  });
}
