#!/usr/bin/env bash
# The whole test suite, in layers: static checks, unit, integration (PostgreSQL + PGlite),
# builds, end-to-end (Playwright + Debian Chromium through the browser host).
# Prints one closing line "N passed, N failed" summed over every layer.
set -uo pipefail
cd "$(dirname "$0")/.."
export SAPA_LOG_LEVEL="${SAPA_LOG_LEVEL:-warn}"
mkdir -p test-results
passed=0; failed=0; failures=()

step() { # step <name> <command...>: runs a layer that is not a test runner
  local name=$1; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

vitest_layer() { # vitest_layer <project>: adds the test counts of one vitest project
  local project=$1 report="test-results/vitest-$1.json" p=0 f=0
  echo "== vitest $project"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$report"
  local rc=$?
  if [ -f "$report" ]; then
    read -r p f < <(node -e "const r=require('./$report');console.log(r.numPassedTests+' '+r.numFailedTests)")
    rm -f "$report"
  fi
  passed=$((passed + p)); failed=$((failed + f))
  # A crash outside any test (failed import, hook error) still fails the layer.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  if [ "$rc" -ne 0 ]; then failures+=("vitest $project"); fi
}

step "typecheck" npx tsc -p tsconfig.json --noEmit
step "lint (layers)" npx eslint .
vitest_layer unit
vitest_layer integration
vitest_layer faults
step "build renderer" npx vite build --config vite.renderer.config.ts --logLevel warn
step "build electron (main, preload, renderer)" npx electron-vite build --logLevel warn

echo "== playwright e2e"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json npx playwright test --reporter=list,json
e2e_rc=$?
read -r ep ef < <(node -e "
let r; try { r=require('./test-results/e2e.json'); } catch { console.log('0 0'); process.exit(); }
const s=r.stats||{}; console.log((s.expected||0)+' '+((s.unexpected||0)+(s.flaky||0)));
")
passed=$((passed + ep)); failed=$((failed + ef))
if [ "$e2e_rc" -ne 0 ] && [ "$ef" -eq 0 ]; then failed=$((failed + 1)); failures+=("playwright exit $e2e_rc"); fi
[ "$ef" -gt 0 ] && failures+=("playwright")

echo "== SIP (Kamailio + Chromium + sipp, inside unshare -n)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/sip.json bash scripts/kamailio-tests.sh --reporter=list,json
sip_rc=$?
read -r sp sf < <(node -e "
let r; try { r=require('./test-results/sip.json'); } catch { console.log('0 0'); process.exit(); }
const s=r.stats||{}; console.log((s.expected||0)+' '+((s.unexpected||0)+(s.flaky||0)));
")
passed=$((passed + sp)); failed=$((failed + sf))
if [ "$sip_rc" -ne 0 ] && [ "$sf" -eq 0 ]; then failed=$((failed + 1)); failures+=("sip exit $sip_rc"); fi
[ "$sf" -gt 0 ] && failures+=("sip")

echo
[ ${#failures[@]} -gt 0 ] && printf 'failed layers: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
