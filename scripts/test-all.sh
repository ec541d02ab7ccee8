#!/usr/bin/env bash
# Installs everything the tests need, then runs every check and test.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "system packages (Chromium for the browser tests, PostgreSQL server, Prometheus)"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x "$(pg_config --bindir 2>/dev/null)/initdb" ] || need+=(postgresql)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} — install them with: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

step "npm packages (npm ci also builds the server and the web app)"
npm ci --no-audit --no-fund || exit 1

failed_checks=0
step "typecheck"
npm run typecheck || failed_checks=$((failed_checks + 1))
step "lint"
npm run lint || failed_checks=$((failed_checks + 1))

step "tests"
mkdir -p test-results
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
code=$?

node -e '
const fs = require("node:fs");
let passed = 0, failed = 0;
try {
  const r = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8"));
  passed = r.numPassedTests;
  // A file that fails before running a test (an import error) counts as one failure.
  const brokenFiles = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0);
  failed = r.numFailedTests + brokenFiles.length;
} catch { failed = 1; }
const checks = Number(process.argv[1]);
console.log(`\n${passed + 2 - checks} passed, ${failed + checks} failed`);
' "$failed_checks"

[ "$code" = 0 ] && [ "$failed_checks" = 0 ]
