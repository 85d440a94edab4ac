#!/usr/bin/env bash
# The whole test suite, in layers: static checks, unit, integration (PostgreSQL + PGlite),
# faults, builds, end-to-end (Playwright + Debian Chromium through the browser host) and SIP
# (Kamailio + Chromium + sipp inside a network namespace). Prints one closing line
# "N passed, N failed" (", N skipped" when any) summed over every layer, and exits non-zero
# when any layer failed. How a layer is counted: scripts/lib/layers.sh.
#   SAPA_TEST_ONLY=unit,sip npm test   runs only the named layers (typecheck, lint, unit,
#   integration, faults, build-renderer, build-electron, e2e, sip); e2e and sip build the
#   renderer first. Unset (the default, and in CI): every layer.
set -uo pipefail
cd "$(dirname "$0")/.."
export SAPA_LOG_LEVEL="${SAPA_LOG_LEVEL:-warn}"
bash scripts/system-packages.sh || exit 1
[ -d node_modules ] || ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund || exit 1
RESULTS="$PWD/test-results"
mkdir -p "$RESULTS"
# shellcheck source=lib/layers.sh
source scripts/lib/layers.sh

vitest_layer() { # vitest_layer <project>
  local report="$RESULTS/vitest-$1.json"
  runner_layer "vitest $1" vitest "$report" \
    npx vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="$report"
}

ONLY=",${SAPA_TEST_ONLY:-},"
wants() { # wants <layer...>: true when any of the layers is selected (or no selection)
  [ "$ONLY" = ",," ] && return 0
  local layer; for layer in "$@"; do [[ "$ONLY" == *",$layer,"* ]] && return 0; done
  return 1
}

wants typecheck && step "typecheck" npx tsc -p tsconfig.json --noEmit
wants lint && step "lint" npx eslint .
wants unit && vitest_layer unit
# The read-replica tests stream from a local hot standby of 127.0.0.1:5432 (pg-replica.sh:
# made on a fresh machine, reused after); the suite starts it too, this only does it up front.
wants integration && step "read replica (scripts/pg-replica.sh start)" bash scripts/pg-replica.sh start
wants integration && vitest_layer integration
wants faults && vitest_layer faults
wants build-renderer e2e sip && step "build renderer" npx vite build --config vite.renderer.config.ts --logLevel warn
wants build-electron && step "build electron (main, preload, renderer)" npx electron-vite build --logLevel warn

# Playwright resolves a relative PLAYWRIGHT_JSON_OUTPUT_NAME against its config's folder:
# the report paths are absolute so each layer is read from where it was written.
wants e2e && PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" \
  runner_layer "playwright e2e" playwright "$RESULTS/e2e.json" npx playwright test --reporter=list,json
wants sip && PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/sip.json" \
  runner_layer "SIP (Kamailio + Chromium + sipp, inside unshare -n)" playwright "$RESULTS/sip.json" \
  bash scripts/kamailio-tests.sh --reporter=list,json

# A selection that names no layer would read green having run nothing.
[ "$((passed + failed))" -eq 0 ] && { echo "SAPA_TEST_ONLY=$SAPA_TEST_ONLY names no layer" >&2; exit 2; }
summary
