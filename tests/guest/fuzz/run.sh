#!/usr/bin/env bash
# Fuzzing with libFuzzer (clang, AddressSanitizer): the linux-user ELF
# loader's checks, the i386/ppc decoders (bytes translated as guest
# code) and the syscall layer (random arguments and pointers) —
# tests/fuzz/*.c. Builds the targets in BUILD/fuzz (meson
# -Dfuzzing=true with clang), replays the regression inputs kept in
# tests/fuzz/corpus/<target>/ (every crash ever found stays there), then
# fuzzes each target from seeds made here (small programs of both guests
# and their code bytes). make check: a fixed, deterministic run (seed 1,
# a set number of inputs); MIMIC_SLOW=1: 10 minutes per target with a
# random seed. A crash, leak-free ASan error or timeout fails the suite
# and leaves the input under BUILD/fuzz-out/<target>/.
# Usage: run.sh [build-dir] [target-filter]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
filter=${2:-}
fb="$build/fuzz"
out="$build/fuzz-out"
mkdir -p "$out"
targets=(fuzz-elf-i386 fuzz-elf-ppc fuzz-decode-i386 fuzz-decode-ppc fuzz-syscall-i386 fuzz-syscall-ppc)

if ! command -v clang-14 >/dev/null; then
  echo "fuzz: clang-14 not found (scripts/install-deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1
fi
if [ ! -f "$fb/build.ninja" ]; then
  CC=clang-14 meson setup "$fb" "$root" -Dfuzzing=true >"$out/setup.log" 2>&1 ||
    { echo "fuzz: meson setup failed (see $out/setup.log)"; echo "0 passed, 1 failed"; exit 1; }
fi
ninja -C "$fb" "${targets[@]/#/tests/fuzz/}" >"$out/build.log" 2>&1 ||
  { echo "fuzz: build failed (see $out/build.log)"; tail -n 20 "$out/build.log"; echo "0 passed, 1 failed"; exit 1; }

# ---- seeds ----
seeds="$out/seeds"
if [ ! -f "$seeds/.done" ]; then
  rm -rf "$seeds"
  mkdir -p "$seeds/elf-i386" "$seeds/elf-ppc" "$seeds/decode-i386" "$seeds/decode-ppc"
  printf 'int main(void){return 0;}\n' >"$out/ok.c"
  printf 'void _start(void){for(;;);}\n' >"$out/tiny.c"
  for g in i386 ppc; do
    case $g in i386) cc=i686-linux-gnu-gcc ;; ppc) cc=powerpc-linux-gnu-gcc ;; esac
    $cc -O2 -static -o "$seeds/elf-$g/static" "$out/ok.c"
    $cc -O2 -o "$seeds/elf-$g/dynamic" "$out/ok.c"
    # (ppc's cross libc has no static-PIE start files)
    [ $g = i386 ] && $cc -O2 -static-pie -fPIE -o "$seeds/elf-$g/static-pie" "$out/ok.c"
    $cc -O2 -nostdlib -static -o "$seeds/elf-$g/tiny" "$out/tiny.c"
    # Code bytes: .text of the static program, cut in 256-byte pieces.
    ${cc%gcc}objcopy -O binary -j .text "$seeds/elf-$g/static" "$out/text-$g.bin"
    split -b 256 -a 3 "$out/text-$g.bin" "$seeds/decode-$g/text-"
    ls "$seeds/decode-$g" | tail -n +41 | sed "s|^|$seeds/decode-$g/|" | xargs rm -f
  done
  touch "$seeds/.done"
fi

# Syscall seeds: one input per drawn call (its first byte picks the call).
for g in i386 ppc; do
  if [ ! -d "$seeds/syscall-$g" ]; then
    mkdir -p "$seeds/syscall-$g"
    for i in $(seq 0 63); do
      printf "\\$(printf %03o $i)\\001\\0\\0\\0\\0\\001\\020\\0\\0\\0" >"$seeds/syscall-$g/call-$i"
    done
  fi
done

pass=0; fail=0
for t in "${targets[@]}"; do
  [ -n "$filter" ] && [[ $t != *$filter* ]] && continue
  kind=${t#fuzz-}
  bin="$fb/tests/fuzz/$t"
  regress="$root/tests/fuzz/corpus/$kind"
  work="$out/$t"
  rm -rf "$work"; mkdir -p "$work/corpus"
  export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
  # 1. Regression inputs (crashes found before): each must run cleanly.
  nreg=0
  if [ -d "$regress" ] && [ -n "$(ls -A "$regress" 2>/dev/null)" ]; then
    nreg=$(ls "$regress" | wc -l)
    if ! "$bin" "$regress"/* >"$work/regress.log" 2>&1; then
      echo "FAIL $t: a regression input crashes again (see $work/regress.log)"
      fail=$((fail + 1)); continue
    fi
  fi
  # 2. Fuzzing from the seeds.
  if [ -n "${MIMIC_SLOW:-}" ]; then
    opts=(-max_total_time=600 -seed=0)
  else
    case $t in fuzz-elf-*) n=20000 ;; fuzz-syscall-*) n=100000 ;; *) n=3000 ;; esac
    opts=(-runs=$n -seed=1)
  fi
  ( cd "$work" && "$bin" "${opts[@]}" -timeout=10 -max_len=8192 -artifact_prefix="$work/" \
      corpus "$seeds/$kind" >"$work/fuzz.log" 2>&1 )
  st=$?
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 inputs in \2 s/p' "$work/fuzz.log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$work/fuzz.log" | tail -n 1)
  if [ $st -eq 0 ]; then
    echo "PASS $t: ${runs:-?} (${cov:-no coverage line}), $nreg regression inputs replayed, no crash or ASan error"
    pass=$((pass + 1))
  else
    art=$(ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | head -n 1)
    echo "FAIL $t: libFuzzer status $st, input ${art:-?} (copy it to tests/fuzz/corpus/$kind/ once fixed); see $work/fuzz.log"
    grep -m 3 -E 'ERROR|SUMMARY' "$work/fuzz.log" | sed 's/^/    /'
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
