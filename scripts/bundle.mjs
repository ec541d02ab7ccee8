/**
 * The last step of `npm run build`: the CLI bundled into `dist/bundle/`, and the server that
 * `okr serve` starts bundled on its own into `dist/serve/`, so that a command starts from a few
 * dozen files instead of the ~700 modules of its dependencies (module loading was most of the
 * start). Every command still loads on use: the CLI's dynamic imports become separate chunks,
 * and so do the server's parts that wait for their first use (the example company, the Markdown
 * parser, mail). Native modules stay outside and load from node_modules.
 *
 * The chunks sit beside their entry, at the depth of `dist/cli/`, so paths relative to the
 * running code (package.json, dist/web, the example pages) resolve as from the compiled
 * files. `dist/cli/main.js` (the `okr` binary, `npm start`) becomes the launcher of the two;
 * the rest of the compiled `dist/` stays as tsc wrote it.
 */
import { rmSync, writeFileSync } from "node:fs";
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

/** What both bundles share: ESM for Node 20, native modules left in node_modules. */
const common = {
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  chunkNames: "[name]-[hash]",
  external: ["better-sqlite3", "@node-rs/argon2", "pg-native", "playwright-core"],
  plugins: [zodEnglishOnly],
  // Less source to read and parse at start; names stay, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __okrCreateRequire } from 'node:module'; const require = __okrCreateRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
};

rmSync("dist/bundle", { recursive: true, force: true });
rmSync("dist/serve", { recursive: true, force: true });
// The import reader's worker thread is an entry of its own, beside the chunks that start it.
const worker = { "import-read-worker": "src/app/import-read-worker.ts" };
// Every command; each loads on use.
await build({
  ...common,
  entryPoints: { okr: "src/cli/main.ts", ...worker },
  outdir: "dist/bundle",
});
// `okr serve` on its own: in the build above the server's modules are cut into the many small
// chunks its code shares with the other commands (about ninety files read at start, each
// resolved and linked); built alone, the server starts from a couple of dozen.
await build({
  ...common,
  entryPoints: { okr: "src/cli/serve-main.ts", ...worker },
  outdir: "dist/serve",
});
rmSync("dist/cli/main.js.map", { force: true });
writeFileSync(
  "dist/cli/main.js",
  `#!/usr/bin/env node
// The okr command line, bundled by scripts/bundle.mjs (npm run build): \`okr serve\` from the
// server's own bundle, every other command from the CLI's.
await import(process.argv[2] === "serve" ? "../serve/okr.mjs" : "../bundle/okr.mjs");
`,
);
