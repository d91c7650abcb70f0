#!/usr/bin/env bash
# Runs every test suite: Criterion unit tests through meson, then the
# guest-program suites. MIMIC_SLOW=1 (make check-slow) runs the long ones.
set -uo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
fail=0
passed=0
failed=0
run_suite() {
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed+1)); else failed=$((failed+1)); fail=1; echo "*** suite $name FAILED"; fi
}
run_suite unit meson test -C "$build" --print-errorlogs --num-processes 2
for s in tests/guest/*/run.sh; do
  [ -e "$s" ] || continue
  run_suite "$(basename "$(dirname "$s")")" bash "$s" "$build"
done
run_suite kaccel bash tests/kaccel/run.sh "$build"
echo "suites: $passed passed, $failed failed"
exit $fail
