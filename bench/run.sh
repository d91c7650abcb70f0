#!/usr/bin/env bash
# Benchmarks: the same programs (bzip2, Lua, SQLite, hashing, an FP
# kernel, a sieve, string/memory loops) built for i386 and ppc from the
# same sources, timed natively
# (i386), under mimic-i386/mimic-ppc and under Debian's qemu-i386/qemu-ppc
# in one run. Each figure is the median CPU time (user+sys) of RUNS runs;
# every run's output is checked against the reference run first.
# Then the system-mode boot time (bench/system-boot.sh, mimic-system-i386
# vs qemu-system-i386). Usage: run.sh BUILD_DIR   (RUNS=5 by default;
# writes docs/performance.md)
set -uo pipefail
build=${1:-build}
runs=${RUNS:-5}
cd "$(dirname "$0")/.."
root=$PWD
bdir=$build/bench
bash bench/fetch.sh "$bdir/src" || exit 1
bash bench/build.sh "$bdir/src" "$bdir/bin" || exit 1
bin=$root/$bdir/bin
work=$root/$bdir/work
mkdir -p "$work"
cc -O2 -o "$work/patch-mffs" tests/guest/ppc/patch-mffs.c || exit 1
for p in bzip2 lua sqlite3 hash fpkernel sieve strmem; do
  "$work/patch-mffs" "$bin/ppc/$p" "$work/$p.ppc-oracle" 2>/dev/null
done
seq 1 400000 | awk '{ printf "%d %x line-%d the quick brown fox\n", $1, $1 * 2654435761 % 4294967296, $1 % 977 }' \
  > "$work/bzip2.in"

mimic_i386=$root/$build/linux-user/bin/mimic-i386
mimic_ppc=$root/$build/linux-user/bin/mimic-ppc

# The command line of each workload, given the program path.
workload_cmd() {
  local w=$1 prog=$2
  case $w in
    bzip2) echo "$prog -9 -c $work/bzip2.in" ;;
    lua) echo "$prog $root/bench/workloads/bench.lua" ;;
    sqlite3) echo "$prog :memory: -init $root/bench/workloads/bench.sql .quit" ;;
    hash) echo "$prog 48" ;;
    fpkernel) echo "$prog 1000000" ;;
    sieve) echo "$prog 2000000 100" ;;
    strmem) echo "$prog 400" ;;
  esac
}

# Prints the CPU seconds of one run; output goes to $2.
cpu_time() {
  local out=$1; shift
  local TIMEFORMAT='%U %S'
  { time "$@" > "$out" 2>/dev/null; } 2>&1 | awk '{ printf "%.3f\n", $1 + $2 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure NAME ARCH CONFIG CMD...: median time, or "FAIL" if an output
# differs from the reference output of this workload and guest (its first
# config: native for i386, qemu-ppc for ppc).
declare -A result
measure() {
  local w=$1 arch=$2 conf=$3; shift 3
  local ref=$work/$w.$arch.ref times=()
  for ((r = 0; r < runs; r++)); do
    local t
    t=$(cpu_time "$work/$w.$conf.out" "$@")
    if [ ! -f "$ref" ]; then
      cp "$work/$w.$conf.out" "$ref"
    elif ! cmp -s "$ref" "$work/$w.$conf.out"; then
      result[$w,$conf]=FAIL
      echo "bench: $w under $conf: output differs from the reference" >&2
      return
    fi
    times+=("$t")
  done
  result[$w,$conf]=$(printf '%s\n' "${times[@]}" | median)
}

workloads=(bzip2 lua sqlite3 hash fpkernel sieve strmem)
for w in "${workloads[@]}"; do
  rm -f "$work/$w".*.ref
  echo "bench: $w" >&2
  # shellcheck disable=SC2046
  measure "$w" i386 native $(workload_cmd "$w" "$bin/i386/$w")
  measure "$w" i386 mimic-i386 "$mimic_i386" $(workload_cmd "$w" "$bin/i386/$w")
  measure "$w" i386 qemu-i386 qemu-i386 $(workload_cmd "$w" "$bin/i386/$w")
  measure "$w" ppc qemu-ppc qemu-ppc $(workload_cmd "$w" "$work/$w.ppc-oracle")
  measure "$w" ppc mimic-ppc "$mimic_ppc" $(workload_cmd "$w" "$bin/ppc/$w")
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "FAIL" || b == "FAIL" || b == 0) print "-"; else printf "%.2f\n", a / b }'; }
geomean() { awk '$1 != "-" && $1 != "" { s += log($1); n++ } END { if (n) printf "%.2f", exp(s / n); else print "-" }'; }

table=$(
  echo "| workload | native i386 (s) | mimic-i386 (s) | qemu-i386 (s) | mimic-i386 / native | mimic-i386 / qemu-i386 | mimic-ppc (s) | qemu-ppc (s) | mimic-ppc / qemu-ppc | mimic-ppc / native i386 |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for w in "${workloads[@]}"; do
    n=${result[$w,native]} mi=${result[$w,mimic-i386]} qi=${result[$w,qemu-i386]}
    mp=${result[$w,mimic-ppc]} qp=${result[$w,qemu-ppc]}
    echo "| $w | $n | $mi | $qi | $(ratio "$mi" "$n") | $(ratio "$mi" "$qi") | $mp | $qp | $(ratio "$mp" "$qp") | $(ratio "$mp" "$n") |"
  done
  g() { for w in "${workloads[@]}"; do ratio "${result[$w,$1]}" "${result[$w,$2]}"; done | geomean; }
  echo "| **geometric mean** | | | | $(g mimic-i386 native) | $(g mimic-i386 qemu-i386) | | | $(g mimic-ppc qemu-ppc) | $(g mimic-ppc native) |"
)
echo "$table"

# System mode: Debian's i386 kernel booted to a shell (bench/system-boot.sh).
system_table=$(bash bench/system-boot.sh "$build" || echo "(system boot benchmark failed)")
echo "$system_table"

{
  echo "# Performance"
  echo
  echo "Measured by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
  echo "Median CPU time (user + sys) of $runs runs per cell; every run's output"
  echo "was checked against the native (i386) or qemu-ppc (ppc) run. The programs"
  echo "are built from Debian's source packages (bzip2 1.0.8, Lua 5.4.4,"
  echo "SQLite 3.40.1, libmd 1.0.4) and bench/src/{fpkernel,sieve,strmem}.c, static, for i386"
  echo "and ppc from the same sources. Backend: JIT. Oracles: Debian's"
  echo "qemu-i386 and qemu-ppc 7.2 (the ppc binaries given to qemu-ppc have"
  echo "glibc's POWER9 mffs forms rewritten, see tests/guest/ppc/patch-mffs.c)."
  echo
  echo "$table"
  echo
  echo "## System mode: boot to a shell"
  echo
  echo "Wall time from start to the busybox shell prompt on the serial port"
  echo "(bench/system-boot.sh; median of ${RUNS:-3} runs): Debian 12's"
  echo "linux-image-686 with the busybox initramfs of tests/guest/system-linux,"
  echo "-m 256, console=ttyS0. QEMU goes through SeaBIOS first; Mimic boots the"
  echo "kernel directly (the Linux 32-bit boot protocol)."
  echo
  echo "$system_table"
  echo
  if [ -f docs/performance-notes.md ]; then
    cat docs/performance-notes.md
  fi
} > docs/performance.md
echo "bench: wrote docs/performance.md"
