# Counting test layers honestly; sourced by scripts/test-all.sh and by its self-test
# (tests/unit/scripts/test-runner.test.ts). A layer's counts come only from the report that
# layer wrote in this run: the report is removed before the layer starts, and a missing or
# cut-off report, a non-zero exit with no failed test, or any skipped test fails the layer.
# State: passed, failed, skipped (numbers) and failures (names of failed layers).
passed=0; failed=0; skipped=0; failures=()
LAYERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

layer_failed() { # layer_failed <name> <why>
  failures+=("$1 ($2)")
}

step() { # step <name> <command...>: a layer that is not a test runner counts as one test
  local name=$1; shift
  echo "== $name"
  "$@"
  local rc=$?
  if [ "$rc" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); layer_failed "$name" "exit $rc"; fi
}

# runner_layer <name> <vitest|playwright> <report> <command...>
# Runs the command, which must write a JSON report of the given runner to <report>.
runner_layer() {
  local name=$1 kind=$2 report=$3; shift 3
  echo "== $name"
  rm -f "$report"
  "$@"
  local rc=$? counts p=0 f=0 s=0
  if ! counts=$(node "$LAYERS_DIR/count-report.mjs" "$kind" "$report"); then
    failed=$((failed + 1)); layer_failed "$name" "no readable report, exit $rc"; return
  fi
  read -r p f s <<<"$counts"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$f" -gt 0 ]; then
    layer_failed "$name" "$f failed"
  elif [ "$rc" -ne 0 ]; then
    failed=$((failed + 1)); layer_failed "$name" "exit $rc with no failed test"
  fi
  # A skipped test is a test that did not prove anything: the layer fails, named.
  if [ "$s" -gt 0 ]; then
    [ "$f" -eq 0 ] && [ "$rc" -eq 0 ] && failed=$((failed + 1))
    layer_failed "$name" "$s skipped"
  fi
}

summary() { # prints the closing line; returns non-zero when any layer failed
  echo
  [ ${#failures[@]} -gt 0 ] && printf 'failed layer: %s\n' "${failures[@]}"
  local line="$passed passed, $failed failed"
  [ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
  echo "$line"
  [ ${#failures[@]} -eq 0 ] && [ "$failed" -eq 0 ]
}
