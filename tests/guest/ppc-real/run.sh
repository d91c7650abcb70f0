#!/usr/bin/env bash
# Larger real programs (bzip2, Lua, SQLite, libmd hashing, the FP kernel)
# built from source by bench/fetch.sh and bench/build.sh, run with real
# workloads: the ppc builds under mimic-ppc (both backends) against Debian's
# qemu-ppc (on copies with glibc's POWER9 mffs forms rewritten, see
# tests/guest/ppc/patch-mffs.c), and the i386 builds under mimic-i386
# (both backends) against native runs. Stdout and exit status must match.
# Usage: run.sh BUILD_DIR [case...]   (MIMIC_SLOW=1 adds the long cases)
set -u
build=${1:-build}
shift || true
cd "$(dirname "$0")/../../.."
top=$PWD
case $build in /*) bdir=$build ;; *) bdir=$top/$build ;; esac
REAL_SUITE=ppc-real
. tests/guest/i386-real/compare-lib.sh
REAL_OUT=$bdir/tests/guest/ppc-real
mkdir -p "$REAL_OUT"
mimic_ppc=$bdir/linux-user/bin/mimic-ppc
mimic_i386=$bdir/linux-user/bin/mimic-i386
T=$top/tests/guest/ppc-real
W=$top/bench/workloads
BIN=$bdir/bench/bin

die() {
  echo "FAIL ppc-real: $*"
  echo "ppc-real: 0 passed, 1 failed"
  exit 1
}
[ -x "$mimic_ppc" ] || die "$mimic_ppc is missing"
[ -x "$mimic_i386" ] || die "$mimic_i386 is missing"
command -v qemu-ppc > /dev/null || die "qemu-ppc (the oracle, Debian package qemu-user) is missing"
# Same source and binary directories as bench/run.sh, so both share the cache.
bash bench/fetch.sh "$bdir/bench/src" > "$REAL_OUT/fetch.log" 2>&1 ||
  die "bench/fetch.sh failed: $(tail -3 "$REAL_OUT/fetch.log" | tr '\n' ' ')"
bash bench/build.sh "$bdir/bench/src" "$BIN" > "$REAL_OUT/build.log" 2>&1 ||
  die "bench/build.sh failed: $(tail -3 "$REAL_OUT/build.log" | tr '\n' ' ')"
cc -O2 -o "$REAL_OUT/patch-mffs" tests/guest/ppc/patch-mffs.c || die "patch-mffs does not build"
ORACLE=$REAL_OUT/oracle
mkdir -p "$ORACLE"
for p in bzip2 lua sqlite3 hash fpkernel; do
  if [ ! -f "$ORACLE/$p" ] || [ "$BIN/ppc/$p" -nt "$ORACLE/$p" ]; then
    "$REAL_OUT/patch-mffs" "$BIN/ppc/$p" "$ORACLE/$p" 2>/dev/null || die "patch-mffs $p failed"
    chmod +x "$ORACLE/$p"
  fi
done

# Inputs, generated on the host (same bytes every run).
IN=$REAL_OUT/inputs
mkdir -p "$IN"
seq 1 12000 | awk '{ printf "%d %x line-%d the quick brown fox %s\n", $1, ($1 * 2654435761) % 4294967296, $1 % 977, substr("jumps over the lazy dog", 1 + $1 % 13) }' \
  > "$IN/small.txt"
seq 1 100000 | awk '{ printf "%d %x line-%d the quick brown fox\n", $1, ($1 * 2654435761) % 4294967296, $1 % 977 }' \
  > "$IN/large.txt"
export T W IN

# RUN runs a ppc program from B (the oracle's patched copies for the
# reference); RUN386 runs an i386 program from B386.
suite_env() {
  B386=$BIN/i386
  case $1 in
    ref) RUN=qemu-ppc; B=$ORACLE; RUN386= ;;
    *) RUN="$mimic_ppc -backend $1"; B=$BIN/ppc; RUN386="$mimic_i386 -backend $1" ;;
  esac
  export RUN B RUN386 B386
}

# One case per program, guest and tier; the snippets use $R/$P so the same
# text serves both guests.
add_cases() {
  local g=$1 r p
  if [ "$g" = ppc ]; then r='$RUN'; p='$B'; else r='$RUN386'; p='$B386'; fi
  real_case fast "$g-bzip2" "sha256sum < \$IN/small.txt; $r $p/bzip2 -9 -c \$IN/small.txt > s.bz2; echo \"compress exit \$?\"; sha256sum < s.bz2; $r $p/bzip2 -dc s.bz2 | sha256sum; $r $p/bzip2 -tv s.bz2 2>&1 | sed 's/^.*: //'; $r $p/bzip2 -1 < \$IN/small.txt | $r $p/bzip2 -d | cmp - \$IN/small.txt && echo 'round trip -1 ok'"
  real_case fast "$g-lua" "$r $p/lua \$T/prog.lua"
  real_case fast "$g-lua-io" "$r $p/lua \$T/prog-io.lua; echo \"exit \$?\"; ls -l data.txt | cut -d' ' -f5"
  real_case fast "$g-sqlite" "$r $p/sqlite3 -batch test.db < $top/tests/guest/i386-real/prog.sql; echo \"exit \$?\"; $r $p/sqlite3 test.db 'SELECT count(*), sum(salary) FROM emp;'"
  real_case fast "$g-hash" "$r $p/hash 1"
  real_case fast "$g-fpkernel" "$r $p/fpkernel 20000"
  real_case slow "$g-bzip2-large" "$r $p/bzip2 -9 -c \$IN/large.txt > l.bz2; echo \"exit \$?\"; sha256sum < l.bz2; $r $p/bzip2 -dc l.bz2 | cmp - \$IN/large.txt && echo 'round trip ok'"
  real_case slow "$g-lua-bench" "$r $p/lua \$W/bench.lua"
  real_case slow "$g-sqlite-bench" "$r $p/sqlite3 :memory: < \$W/bench.sql"
  real_case slow "$g-hash-large" "$r $p/hash 16"
  real_case slow "$g-fpkernel-large" "$r $p/fpkernel 200000"
}
add_cases ppc
add_cases i386

# The programs' results do not depend on the guest: the reference outputs
# of the ppc and i386 builds (qemu-ppc and native i386) must agree too,
# which checks the oracles themselves.
real_extra_checks() {
  local i n ran=" "
  for i in "$@"; do ran="$ran${REAL_NAMES[$i]} "; done
  for n in bzip2 lua lua-io sqlite hash fpkernel bzip2-large lua-bench sqlite-bench hash-large fpkernel-large; do
    case $ran in *" ppc-$n "*) ;; *) continue ;; esac
    case $ran in *" i386-$n "*) ;; *) continue ;; esac
    if cmp -s "$REAL_OUT/ppc-$n.ref.out" "$REAL_OUT/i386-$n.ref.out"; then
      echo "PASS ppc-real/cross-$n: qemu-ppc output of the ppc build = native output of the i386 build ($(wc -l < "$REAL_OUT/ppc-$n.ref.out") lines)"
      REAL_EXTRA_PASS=$((REAL_EXTRA_PASS + 1))
    else
      echo "FAIL ppc-real/cross-$n: the ppc and i386 builds disagree: $(diff "$REAL_OUT/ppc-$n.ref.out" "$REAL_OUT/i386-$n.ref.out" | grep '^[<>]' | head -2 | tr '\n' ' ')"
      REAL_EXTRA_FAIL=$((REAL_EXTRA_FAIL + 1))
    fi
  done
}

real_run_all "$@"
