import { defineConfig } from "vitest/config";

/**
 * Four projects, run together by `npm test`:
 * - unit: pure core and markdown, and the web app's pure helpers;
 * - store: the store contract suite on SQLite and PostgreSQL (`npm run test:store`);
 * - server: app, server and CLI against real databases;
 * - e2e: the web app in a real headless Chromium.
 * The global setup starts a throwaway PostgreSQL unless OKR_TEST_POSTGRES_URL names one.
 */
export default defineConfig({
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "src/core/**/*.test.ts",
            "src/markdown/**/*.test.ts",
            "web/src/**/*.test.ts",
            "test/architecture.test.ts",
            "test/contract-typecheck.test.ts",
          ],
        },
      },
      { extends: true, test: { name: "store", include: ["src/store/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "server",
          include: [
            "src/app/**/*.test.ts",
            "src/synthetic/**/*.test.ts",
            "src/server/**/*.test.ts",
            "src/cli/**/*.test.ts",
            "test/faults/**/*.test.ts",
            "test/load/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["web/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          fileParallelism: false,
          // A page test asserts what the page comes to show, never how fast (the bench measures
          // that): expect.poll waits as Playwright's own actions do, not vitest's one second,
          // which a page load on a busy 2-core machine can exceed.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
