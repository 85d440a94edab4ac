#!/usr/bin/env bash
# SIP tests (Kamailio + Chromium + sipp) inside a new network namespace with only `lo` up,
# so every SIP and RTP packet stays on loopback. Needs root (or user namespaces) for
# `unshare -n`. Extra arguments go to Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
exec unshare -n bash -c 'ip link set lo up && exec npx playwright test -c tests/sip/playwright.sip.config.ts "$@"' bash "$@"
