#!/usr/bin/env bash
# Benchmarks: the same programs (bzip2, Lua, SQLite, hashing, an FP
# kernel, a sieve, string/memory loops) built for i386 and ppc from the
# same sources, timed natively
# (i386), under mimic-i386/mimic-ppc and under Debian's qemu-i386/qemu-ppc
# in one run; then three i386-only workloads of Debian's own binaries from
# the sysroot of scripts/i386-sysroot.sh that nobody tuned Mimic for: a
# startup-dominated script (bench/workloads/startup.sh, a few hundred
# short processes), xz and python3 on a pure-Python program; then two
# i386 SSE2 workloads (fpkernel built for SSE2, glibc's string functions). Each figure
# is the median CPU time (user+sys) of RUNS runs, next to the median peak
# RSS; every run's output is checked against the reference run first.
# Then the system-mode boot time (bench/system-boot.sh, mimic-system-i386
# vs qemu-system-i386). Usage: run.sh BUILD_DIR   (RUNS=5 by default;
# writes docs/performance.md; BENCH_ONLY="w1 w2" runs only those workloads,
# skips the system boot and prints the tables without writing the docs)
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

# The untuned i386 workloads run Debian's binaries from this sysroot.
sysroot=$root/$build/i386-root
bash scripts/i386-sysroot.sh "$sysroot" >&2 || exit 1
head -c 2000000 "$work/bzip2.in" > "$work/xz.in"
native_ld="$sysroot/lib/ld-linux.so.2 --library-path $sysroot/lib/i386-linux-gnu:$sysroot/usr/lib/i386-linux-gnu"
guest_env="env -i LC_ALL=C TZ=UTC PATH=/usr/bin:/bin HOME=/nonexistent"

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
    fpkernel-sse2) echo "$prog 1000000" ;;
    strlibc) echo "$prog 2000" ;;
  esac
}

# The command prefix that runs a sysroot program in config $1.
sysroot_prefix() {
  case $1 in
    native) echo "$guest_env $native_ld" ;;
    mimic-i386) echo "$guest_env $mimic_i386 -L $sysroot" ;;
    qemu-i386) echo "$guest_env qemu-i386 -L $sysroot" ;;
  esac
}

# The command line of an untuned (sysroot) workload in config $2.
sysroot_cmd() {
  local w=$1 pre
  pre=$(sysroot_prefix "$2")
  case $w in
    startup) echo "env RUN=$(printf '%q' "$pre") bash $root/bench/workloads/startup.sh $sysroot $work/startup.$2" ;;
    xz) echo "$pre $sysroot/usr/bin/xz -6 -c -T1 $work/xz.in" ;;
    python) echo "$pre $sysroot/usr/bin/python3.11 $root/bench/workloads/bench.py 4" ;;
  esac
}

# Prints "CPU-seconds peak-RSS-KiB" of one run (children included: the
# RSS is the largest single process); output goes to $1.
cpu_time() {
  local out=$1; shift
  local ru=$work/rusage.$$
  /usr/bin/time -f '%U %S %M' -o "$ru" "$@" > "$out" 2>/dev/null
  awk 'NF == 3 { printf "%.3f %d\n", $1 + $2, $3 }' "$ru"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure NAME ARCH CONFIG CMD...: median time, or "FAIL" if an output
# differs from the reference output of this workload and guest (its first
# config: native for i386, qemu-ppc for ppc).
declare -A result rss
measure() {
  local w=$1 arch=$2 conf=$3; shift 3
  local ref=$work/$w.$arch.ref times=() peaks=()
  for ((r = 0; r < runs; r++)); do
    local t m
    read -r t m < <(cpu_time "$work/$w.$conf.out" "$@")
    if [ ! -f "$ref" ]; then
      cp "$work/$w.$conf.out" "$ref"
    elif ! cmp -s "$ref" "$work/$w.$conf.out"; then
      result[$w,$conf]=FAIL
      echo "bench: $w under $conf: output differs from the reference" >&2
      return
    fi
    times+=("$t")
    peaks+=("$m")
  done
  result[$w,$conf]=$(printf '%s\n' "${times[@]}" | median)
  rss[$w,$conf]=$(printf '%s\n' "${peaks[@]}" | median | awk '{ printf "%.0f", $1 / 1024 }')
}

workloads=(bzip2 lua sqlite3 hash fpkernel sieve strmem)
untuned=(startup xz python)
sse2=(fpkernel-sse2 strlibc)
only=${BENCH_ONLY:-}
if [ -n "$only" ]; then
  keep() { local w; for w in "$@"; do [[ " $only " == *" $w "* ]] && echo "$w"; done; }
  mapfile -t workloads < <(keep "${workloads[@]}")
  mapfile -t untuned < <(keep "${untuned[@]}")
  mapfile -t sse2 < <(keep "${sse2[@]}")
fi
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

# The SSE2 workloads: i386 only (the linux-user default CPU has SSE2).
for w in "${sse2[@]}"; do
  rm -f "$work/$w".*.ref
  echo "bench: $w (SSE2)" >&2
  for conf in native mimic-i386 qemu-i386; do
    pre=()
    [ "$conf" = native ] || pre=("${conf/mimic-i386/$mimic_i386}")
    # shellcheck disable=SC2046
    measure "$w" i386 "$conf" "${pre[@]}" $(workload_cmd "$w" "$bin/i386/$w")
  done
done

for w in "${untuned[@]}"; do
  rm -f "$work/$w".*.ref
  echo "bench: $w (Debian i386 binaries)" >&2
  for conf in native mimic-i386 qemu-i386; do
    # shellcheck disable=SC2046
    eval measure "$w" i386 "$conf" $(sysroot_cmd "$w" "$conf")
  done
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
  for w in "${untuned[@]}"; do
    n=${result[$w,native]} mi=${result[$w,mimic-i386]} qi=${result[$w,qemu-i386]}
    echo "| $w (Debian i386) | $n | $mi | $qi | $(ratio "$mi" "$n") | $(ratio "$mi" "$qi") | - | - | - | - |"
  done
  for w in "${sse2[@]}"; do
    n=${result[$w,native]} mi=${result[$w,mimic-i386]} qi=${result[$w,qemu-i386]}
    echo "| $w (SSE2, not in the mean) | $n | $mi | $qi | $(ratio "$mi" "$n") | $(ratio "$mi" "$qi") | - | - | - | - |"
  done
  gi() { local a=$1 b=$2; for w in "${workloads[@]}" "${untuned[@]}"; do ratio "${result[$w,$a]}" "${result[$w,$b]}"; done | geomean; }
  gp() { local a=$1 b=$2; for w in "${workloads[@]}"; do ratio "${result[$w,$a]}" "${result[$w,$b]}"; done | geomean; }
  echo "| **geometric mean** | | | | $(gi mimic-i386 native) | $(gi mimic-i386 qemu-i386) | | | $(gp mimic-ppc qemu-ppc) | $(gp mimic-ppc native) |"
)
echo "$table"

# Peak RSS (MiB, median of the runs) next to qemu's.
rss_table=$(
  echo "| workload | native i386 | mimic-i386 | qemu-i386 | mimic-ppc | qemu-ppc |"
  echo "|---|---|---|---|---|---|"
  for w in "${workloads[@]}" "${untuned[@]}" "${sse2[@]}"; do
    echo "| $w | ${rss[$w,native]:--} | ${rss[$w,mimic-i386]:--} | ${rss[$w,qemu-i386]:--} | ${rss[$w,mimic-ppc]:--} | ${rss[$w,qemu-ppc]:--} |"
  done
)
echo "$rss_table"

if [ -n "$only" ]; then
  exit 0
fi

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
  echo "The last three rows run Debian 12's own i386 binaries (scripts/i386-sysroot.sh)"
  echo "through -L (native: their ld.so): bench/workloads/startup.sh (a few hundred"
  echo "short coreutils, bash and python3 processes, each started by the host shell),"
  echo "xz -6 on 2 MB of text, and python3.11 on bench/workloads/bench.py."
  echo
  echo "The SSE2 rows are i386 only and left out of the geometric means (so they"
  echo "compare with earlier tables): fpkernel-sse2 is bench/src/fpkernel.c built"
  echo "with -msse2 -mfpmath=sse (every FP operation an SSE2 instruction), strlibc"
  echo "is bench/src/strlibc.c, glibc's string functions, which glibc runs in its"
  echo "SSE2 versions (the linux-user default CPU and the host both have SSE2)."
  echo
  echo "### Peak RSS (MiB)"
  echo
  echo "Median over the runs of the largest resident set of one process"
  echo "(/usr/bin/time %M; for startup, the largest process of the script)."
  echo
  echo "$rss_table"
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
