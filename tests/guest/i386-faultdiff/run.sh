#!/usr/bin/env bash
# Differential fault fuzzing of mimic-i386 against the host CPU (issue 11):
# faultdiff.c generates, per seed, a random i386 instruction sequence with
# faults and traps, runs it and prints a digest of what its signal handler
# saw (signal, si_code, si_addr, trapno, error code, cr2, registers, EIP,
# EFLAGS, DS/ES/SS, x87 state, data-page hash). The native run is the
# oracle; mimic-i386 -backend jit and -backend interp must print the same
# line for every seed. make check: 4000 seeds; MIMIC_SLOW=1: 100000.
# A mismatch prints the seed, the differing fields and the disassembled
# sequence (i686-linux-gnu-objdump); `faultdiff dump SEED FILE` writes the
# code bytes of one seed. Usage: run.sh [build-dir] [first-seed count]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
mimic="$build/linux-user/bin/mimic-i386"
out="$build/tests-guest-faultdiff"
mkdir -p "$out"
first=${2:-0}
count=${3:-}
if [ -z "$count" ]; then
  if [ -n "${MIMIC_SLOW:-}" ]; then count=100000; else count=4000; fi
fi

if [ ! -x "$mimic" ]; then
  echo "faultdiff: $mimic is not built"; echo "0 passed, 1 failed"; exit 1
fi
bin="$out/faultdiff"
if [ "$here/faultdiff.c" -nt "$bin" ] || [ ! -x "$bin" ]; then
  i686-linux-gnu-gcc -O2 -g0 -Wall -static -o "$bin" "$here/faultdiff.c" 2>"$out/build.log" ||
    { echo "faultdiff: build failed (see $out/build.log)"; echo "0 passed, 1 failed"; exit 1; }
fi

# Seeds in chunks of at most 20000 per process (the three runs in parallel).
run_all() {  # run_all NAME CMD... -> $out/NAME.txt
  local name=$1; shift
  : >"$out/$name.txt"
  local s=$first end=$((first + count)) n st=0
  while [ $s -lt $end ]; do
    n=$((end - s)); [ $n -gt 20000 ] && n=20000
    timeout 600 "$@" "$bin" $s $n >>"$out/$name.txt" 2>"$out/$name.err" </dev/null || st=$?
    s=$((s + n))
  done
  echo $st >"$out/$name.status"
}
run_all native &
run_all jit "$mimic" -backend jit &
run_all interp "$mimic" -backend interp &
wait

pass=0; fail=0
nlines=$(wc -l <"$out/native.txt")
if [ "$(cat "$out/native.status")" != 0 ] || [ "$nlines" != "$count" ]; then
  echo "FAIL native run: status $(cat "$out/native.status"), $nlines of $count seeds (see $out/native.err)"
  echo "0 passed, 1 failed"; exit 1
fi
# What the seeds cover: signals and traps seen natively.
summary=$(awk '{split($2, a, "="); split($5, t, "="); k = "sig" a[2] "/trap" t[2]; c[k]++}
               END {for (k in c) printf "%s:%d ", k, c[k]}' "$out/native.txt")
echo "faultdiff: seeds $first..$((first + count - 1)); native outcomes: $summary"

for be in jit interp; do
  st=$(cat "$out/$be.status")
  bad=$(paste -d '\t' "$out/native.txt" "$out/$be.txt" | awk -F '\t' '$1 != $2' | wc -l)
  got=$(wc -l <"$out/$be.txt")
  if [ "$st" = 0 ] && [ "$got" = "$count" ] && [ "$bad" = 0 ]; then
    echo "PASS $be: $count seeds, signal/si_code/si_addr/trapno/err/cr2, 8 GPRs, EIP, EFLAGS, DS/ES/SS, x87 CW/SW/tags/registers and data pages = native"
    pass=$((pass + 1))
    continue
  fi
  fail=$((fail + 1))
  echo "FAIL $be: exit $st, $got of $count seeds printed, $bad differ from native (first 5 below; $out/$be.txt)"
  paste -d '\t' "$out/native.txt" "$out/$be.txt" | awk -F '\t' '$1 != $2' | head -n 5 |
  while IFS=$'\t' read -r a b; do
    seed=${a%% *}
    echo "  seed $seed (rerun: $bin $seed 1, under mimic-i386 -backend $be):"
    paste <(tr ' ' '\n' <<<"$a") <(tr ' ' '\n' <<<"$b") | awk -F '\t' '$1 != $2 {split($2, v, "="); printf "    %s (native) vs %s\n", $1, v[2]}'
    if "$bin" dump "$seed" "$out/seed-$seed.bin" 2>/dev/null; then
      i686-linux-gnu-objdump -D -b binary -mi386 --adjust-vma=0x50000000 "$out/seed-$seed.bin" |
        tail -n +8 | sed 's/^/    /'
    fi
  done
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
