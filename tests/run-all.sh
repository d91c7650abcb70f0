#!/usr/bin/env bash
# Runs every test suite: Criterion unit tests through meson, then the
# guest-program suites. MIMIC_SLOW=1 (make check-slow) runs the long ones.
# Each suite's output also goes to BUILD/suite-logs/NAME.log; the failing
# lines of failed suites are repeated at the end, since CI logs may keep
# only the tail.
set -uo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
logs="$build/suite-logs"
mkdir -p "$logs"
fail=0
passed=0
failed=0
failed_names=""
run_suite() {
  local name=$1; shift
  echo "=== $name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then
    passed=$((passed+1))
  else
    failed=$((failed+1)); fail=1; failed_names="$failed_names $name"
    echo "*** suite $name FAILED"
  fi
}
run_suite unit meson test -C "$build" --print-errorlogs --num-processes 2
for s in tests/guest/*/run.sh; do
  [ -e "$s" ] || continue
  run_suite "$(basename "$(dirname "$s")")" bash "$s" "$build"
done
run_suite kaccel bash tests/kaccel/run.sh "$build"
for name in $failed_names; do
  echo "--- failing lines of suite $name (all of it: $logs/$name.log)"
  grep -E '^(FAIL|not ok|ERROR)|[^0] failed|Timeout|TIMEOUT' "$logs/$name.log" | head -n 25
done
[ -z "$failed_names" ] || echo "failed suites:$failed_names"
echo "suites: $passed passed, $failed failed"
exit $fail
