#!/usr/bin/env bash
# -accel kaccel speed (issue 8), inside the kaccel test VM (tests/kaccel/
# guest.sh), all in one VM run:
# - bench-kernel.c / bench-native.c: a CPU-bound loop over a warmed 64 KiB
#   buffer ("cpu": no page fault, no system call in the timed part) and a
#   loop touching PAGES (default 4096) fresh pages ("pf": a guest page
#   fault each), as
#   guest ring-3 code under a bare-metal kernel with a 250 Hz timer under
#   -accel kaccel and -accel tcg, and the same code run directly in the
#   VM; PASSES (default 2000) sweeps, REPS (default 5) runs each, medians;
# - with LINUX=1 also Debian's i386 guest running guest-prog.c (ROUNDS
#   rounds, default 10) under both accelerators (two nested Linux boots:
#   an hour or more).
# Every result is checked against the direct run (guest.sh); prints
# markdown tables of the medians and the ratios, and the loop's counters
# and time split of the last round. The bare-metal test kernels are left
# out (KACCEL_GUEST_BM=1 runs them too); KACCEL_BENCH_BASE=BINARY measures
# another mimic-system-i386 in the same rounds (before/after a change).
# Usage: bench/kaccel.sh [build-dir]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
rounds=${ROUNDS:-10}
modes=""
[ "${LINUX:-0}" = 1 ] && modes=kaccel,tcg
KACCEL_GUEST_ROUNDS=$rounds KACCEL_GUEST_MODES=$modes KACCEL_GUEST_BM=${KACCEL_GUEST_BM:-0} \
  KACCEL_BENCH_PASSES=${PASSES:-2000} KACCEL_BENCH_REPS=${REPS:-5} \
  KACCEL_BENCH_PAGES=${PAGES:-4096} \
  bash "$root/tests/kaccel/run.sh" "$build" none >"$build/bench-kaccel.log" 2>&1
out="$build/tests-kaccel/guest/vm-ttyS1.txt"
[ -f "$out" ] || { echo "(bench/kaccel.sh: the VM did not run; see $build/bench-kaccel.log)"; exit 1; }
echo "| bare-metal guest, ring 3 | direct in the VM (ms) | -accel kaccel (ms) | -accel tcg (ms) | kaccel / direct | tcg / direct | tcg / kaccel |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
# guest.sh's line: bench K (N runs, medians): direct D ms, kaccel A ms (Rx direct), tcg T ms (Rx direct, Rx kaccel)
grep -a '\[guest\] bench \(cpu\|pf\) (' "$build/bench-kaccel.log" | sed 's/.*\] bench //' |
  awk '{ gsub(/[(),x]/, " "); n = split($0, f, " ");
         printf "| %s (%s runs) | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[7], f[10], f[15], f[12], f[17], f[19] }'
grep -a '\[guest\] bench (one run): kaccel' "$build/bench-kaccel.log" | sed 's/.*\] bench (one run): /    /'
if [ -n "$modes" ]; then
  # seconds FILE-SECTION [guest command]: the "real" time busybox printed
  seconds() {
    awk -v f="$1" -v c="${2:-}" '
      $0 == "KG-FILE " f {on = 1; next}
      on && $0 == "KG-END" {exit}
      on && c != "" && $0 == "@@B " c {in_c = 1; next}
      on && (c == "" || in_c) && $1 == "real" {
        split($3, s, "s"); m = $2; sub("m", "", m); printf "%.2f\n", m * 60 + s[1]; exit }' "$out"
  }
  native=$(seconds native)
  kaccel=$(seconds console-kaccel prog-time)
  tcg=$(seconds console-tcg prog-time)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }'; }
  echo
  echo "| guest-prog $rounds rounds | seconds | vs. direct in the VM |"
  echo "| --- | --- | --- |"
  echo "| direct in the VM | ${native:--} | 1.00 |"
  echo "| -accel kaccel | ${kaccel:--} | $(ratio "$kaccel" "$native") |"
  echo "| -accel tcg | ${tcg:--} | $(ratio "$tcg" "$native") |"
  echo
  echo "kaccel speed-up over tcg: $(ratio "$tcg" "$kaccel")x"
fi
echo
echo "test results: $(tail -n 1 "$build/bench-kaccel.log")"
