/**
 * The last step of `npm run build` before the web app: the CLI bundled into `dist/bundle/`, and
 * the server that `okr serve` starts bundled on its own into `dist/serve/`, so that a command
 * starts from a few files instead of the ~700 modules of its dependencies (module loading was
 * most of the start). The CLI's commands still load on use: its dynamic imports become
 * separate chunks. Native modules stay outside and load from node_modules.
 *
 * The server is one CommonJS file, `dist/serve/okr-<hash>.cjs`, that `dist/cli/main.js` runs
 * with V8's code cache (`src/cli/code-cache.ts`, decisions/0051; `scripts/code-cache.mjs`
 * writes the cache). Its text is the module wrapper's function expression, in ASCII: Node
 * then keeps it outside V8's heap, one byte per character, and hands it to V8 as it is. The
 * parts of the server that wait for their first use (the example company, the Markdown parser,
 * mail) are in it too, compiled only when run.
 *
 * Everything sits at the depth of `dist/cli/`, so paths relative to the running code
 * (package.json, dist/web, the example pages, the fresh schema) resolve as from the compiled
 * files. `dist/cli/main.js` (the `okr` binary, `npm start`) becomes the launcher of the two;
 * the rest of the compiled `dist/` stays as tsc wrote it.
 */
import { createHash } from "node:crypto";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

/**
 * zod's `z.locales` holds the error messages of some 40 languages, half of zod's code; okr
 * speaks English and never switches zod's locale, so the bundle keeps English only (zod sets
 * it itself from `locales/en.js`). Without this the bundle works the same, only larger.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: "zod-locales", namespace: "zod-english-only", pluginData: args.resolveDir }
        : undefined,
    );
    bundler.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: 'export { default as en } from "../locales/en.js";',
      resolveDir: args.pluginData,
      loader: "js",
    }));
  },
};

/** Packages left in node_modules: native modules, and the browser driver. */
const EXTERNAL = ["better-sqlite3", "@node-rs/argon2", "pg-native", "playwright-core"];

/** What both bundles share: Node 20, native modules left in node_modules. */
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  plugins: [zodEnglishOnly],
  // Less source to read and parse at start; names stay, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
};

/** ES modules cut into chunks that load on use. */
const esm = {
  ...common,
  splitting: true,
  format: "esm",
  outExtension: { ".js": ".mjs" },
  chunkNames: "[name]-[hash]",
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __okrCreateRequire } from 'node:module'; const require = __okrCreateRequire(import.meta.url);",
  },
};

/**
 * esbuild writes strings in ASCII but leaves a regular expression's characters as they are. A
 * `\u` escape of each UTF-16 unit means the same there: a character beyond the first plane
 * becomes two escapes, read as one code point under the `u` flag and as two units without it,
 * as the character itself was.
 */
function asciiOnly(text) {
  return text.replace(/[^\0-\x7f]/gu, (character) =>
    Array.from(
      { length: character.length },
      (_, i) => `\\u${character.charCodeAt(i).toString(16).padStart(4, "0")}`,
    ).join(""),
  );
}

/**
 * A package left outside the server's bundle is loaded with `require`, also where the code
 * says `import()`: V8 does not keep, for functions it takes from a code cache, what Node needs
 * to run their `import()` (Node 20). The packages left outside are CommonJS.
 */
const requiredOutside = {
  name: "required-outside",
  setup(bundler) {
    bundler.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "dynamic-import" && EXTERNAL.includes(args.path)
        ? { path: args.path, namespace: "required-outside" }
        : undefined,
    );
    bundler.onLoad({ filter: /.*/, namespace: "required-outside" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

rmSync("dist/bundle", { recursive: true, force: true });
rmSync("dist/serve", { recursive: true, force: true });
// The import reader's worker thread is an entry of its own, beside the code that starts it.
const worker = { "import-read-worker": "src/app/import-read-worker.ts" };
// Every command; each loads on use.
await build({
  ...esm,
  entryPoints: { okr: "src/cli/main.ts", ...worker },
  outdir: "dist/bundle",
});
await build({ ...esm, entryPoints: worker, outdir: "dist/serve" });
// `okr serve` on its own, in one file: `import.meta.url` becomes the file's own URL.
const served = await build({
  ...common,
  format: "cjs",
  entryPoints: ["src/cli/serve-main.ts"],
  plugins: [...common.plugins, requiredOutside],
  metafile: true,
  write: false,
  outfile: "dist/serve/okr.cjs",
  define: { "import.meta.url": "__okrImportMetaUrl" },
  banner: {
    js: '(function (exports, require, module, __filename, __dirname) { "use strict"; const __okrImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  footer: { js: "\n})" },
});
const dynamic = Object.values(served.metafile.outputs).flatMap((output) =>
  output.imports.filter((imported) => imported.kind === "dynamic-import"),
);
if (dynamic.length > 0) {
  throw new Error(
    `the server's bundle must not import() at run time: ${dynamic.map((i) => i.path).join(", ")}`,
  );
}
const code = served.outputFiles.find((file) => file.path.endsWith(".cjs"));
const map = served.outputFiles.find((file) => file.path.endsWith(".cjs.map"));
const text = asciiOnly(code.text);
const name = `okr-${createHash("sha256").update(text).digest("hex").slice(0, 12)}.cjs`;
writeFileSync(
  `dist/serve/${name}`,
  text.replace(/\/\/# sourceMappingURL=okr\.cjs\.map\s*$/, `//# sourceMappingURL=${name}.map\n`),
);
writeFileSync(`dist/serve/${name}.map`, map.text);
rmSync("dist/cli/main.js.map", { force: true });
writeFileSync(
  "dist/cli/main.js",
  `#!/usr/bin/env node
// The okr command line, bundled by scripts/bundle.mjs (npm run build): \`okr serve\` from the
// server's own bundle with V8's code cache (src/cli/code-cache.ts), every other command from
// the CLI's.
if (process.argv[2] === "serve") {
  const [{ fileURLToPath }, { holdForStart }, { runWithCodeCache, writeCacheWhenAsked }] =
    await Promise.all([import("node:url"), import("../server/start-tuning.js"), import("./code-cache.js")]);
  // Held before V8 compiles the bundle; the serve command releases it once the server listens.
  holdForStart();
  const bundle = fileURLToPath(new URL("../serve/${name}", import.meta.url));
  writeCacheWhenAsked(runWithCodeCache(bundle, \`\${bundle}.cache\`), holdForStart);
} else {
  await import("../bundle/okr.mjs");
}
`,
);
// The package's `okr` command: run as a program (npx okr, a linked install), it must be executable.
chmodSync("dist/cli/main.js", 0o755);
