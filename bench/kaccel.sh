#!/usr/bin/env bash
# -accel kaccel speed (issue 8): inside the kaccel test VM (tests/kaccel/
# guest.sh, make check-slow's Debian run), the CPU-bound guest-prog.c run
# directly in the VM, in Debian's i386 guest under mimic-system-i386
# -accel kaccel and under -accel tcg, all in one run. Prints a markdown
# table of the wall times (busybox's time: the VM's clock for the direct
# run, the guest's clock, which Mimic keeps on the host's, for the
# others) and the ratios. ROUNDS (default 10) sets the program's rounds.
# Usage: bench/kaccel.sh [build-dir]   (many minutes: two nested Linux boots)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
rounds=${ROUNDS:-10}
KACCEL_GUEST_ROUNDS=$rounds KACCEL_GUEST_MODES=kaccel,tcg \
  bash "$root/tests/kaccel/run.sh" "$build" none >"$build/bench-kaccel.log" 2>&1
out="$build/tests-kaccel/guest/vm-ttyS1.txt"
[ -f "$out" ] || { echo "(bench/kaccel.sh: the VM did not run; see $build/bench-kaccel.log)"; exit 1; }
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
echo "| guest-prog $rounds rounds | seconds | vs. direct in the VM |"
echo "| --- | --- | --- |"
echo "| direct in the VM | ${native:--} | 1.00 |"
echo "| -accel kaccel | ${kaccel:--} | $(ratio "$kaccel" "$native") |"
echo "| -accel tcg | ${tcg:--} | $(ratio "$tcg" "$native") |"
echo
echo "kaccel speed-up over tcg: $(ratio "$tcg" "$kaccel")x; test results: $(tail -n 1 "$build/bench-kaccel.log")"
