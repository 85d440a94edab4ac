#!/usr/bin/env bash
# One command on a fresh clone: install, build the renderer, start server + desktop on the
# embedded defaults (PGlite, demo data). See README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh --optional
if [ ! -d node_modules ]; then ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund; fi
npm start
