#!/usr/bin/env bash
# GCC's c-torture execute tests (from Debian's gcc-12-source, fetched at
# test time with apt-get download) built for i386 and ppc and run under
# mimic-i386 / mimic-ppc on both backends. Oracles: the native run for
# i386, qemu-ppc for ppc (with glibc's POWER9 mffs forms rewritten, as in
# tests/guest/ppc). A test counts only where it builds and passes on its
# oracle; Mimic must then give the same exit status (the tests' verdict;
# an output difference is shown, not counted: some print addresses).
# make check runs a fixed sample (every 20th test by name); MIMIC_SLOW=1
# (make check-slow) or MIMIC_CTORTURE=all runs all of them.
# Usage: run.sh [build-dir] [name-filter]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
filter=${2:-}
work="$build/tests-c-torture"
cache="$work/cache"
jobs=${MIMIC_TEST_JOBS:-2}
mkdir -p "$cache"

all=0
{ [ -n "${MIMIC_SLOW:-}" ] || [ "${MIMIC_CTORTURE:-}" = all ]; } && all=1

for t in "$build/linux-user/bin/mimic-i386" "$build/linux-user/bin/mimic-ppc"; do
  if [ ! -x "$t" ]; then
    echo "c-torture: $t is not built"; echo "0 passed, 1 failed"; exit 1
  fi
done

# ---- the sources: gcc/testsuite/gcc.c-torture/execute of gcc-12-source ----
src="$cache/execute"
if [ ! -f "$src/.done" ]; then
  rm -rf "$cache/deb" "$src"; mkdir -p "$cache/deb"
  ( cd "$cache/deb" && apt-get download gcc-12-source >/dev/null 2>"$cache/download.log" ) ||
    { echo "c-torture: apt-get download gcc-12-source failed (see $cache/download.log)"; echo "0 passed, 1 failed"; exit 1; }
  dpkg-deb -x "$cache"/deb/gcc-12-source_*.deb "$cache/deb/x"
  tarball=$(ls "$cache"/deb/x/usr/src/gcc-12/gcc-*.tar.* | head -n 1)
  top=$(tar -tf "$tarball" | head -n 1 | cut -d/ -f1)
  tar -xf "$tarball" -C "$cache/deb" "$top/gcc/testsuite/gcc.c-torture/execute" ||
    { echo "c-torture: cannot unpack $tarball"; echo "0 passed, 1 failed"; exit 1; }
  mv "$cache/deb/$top/gcc/testsuite/gcc.c-torture/execute" "$src"
  rm -rf "$cache/deb"
  touch "$src/.done"
fi

# The ppc oracle's patch tool (tests/guest/ppc/patch-mffs.c).
cc -O2 -o "$work/patch-mffs" "$root/tests/guest/ppc/patch-mffs.c" || exit 1

# ---- the list: top-level execute/*.c, sorted; a sample unless all ----
mapfile -t tests < <(cd "$src" && ls -1 ./*.c | sed 's|^\./||; s|\.c$||' | LC_ALL=C sort)
sel=()
i=0
for t in "${tests[@]}"; do
  if [ -n "$filter" ]; then
    [[ $t == *$filter* ]] && sel+=("$t")
  elif [ $all = 1 ] || [ $((i % 20)) -eq 0 ]; then
    sel+=("$t")
  fi
  i=$((i + 1))
done

# ---- one test on one guest: writes a result line ----
run_one() {
  local guest=$1 name=$2 c="$src/$2.c" d="$work/$1" bin oracle ost mst line be
  bin="$d/$name"
  mkdir -p "$d"
  case $guest in
    i386) gcc_=i686-linux-gnu-gcc ;;
    ppc) gcc_=powerpc-linux-gnu-gcc ;;
  esac
  # -w: the tests are full of old-style C; -fno-strict-aliasing etc. as dejagnu's defaults are not needed.
  if ! $gcc_ -O2 -w -static -o "$bin" "$c" -lm >"$bin.build.log" 2>&1; then
    echo "SKIP $guest/$name: does not build with $gcc_ (see $bin.build.log)" >"$bin.result"; return
  fi
  if [ $guest = i386 ]; then
    timeout 20 "$bin" >"$bin.oracle" 2>/dev/null </dev/null; ost=$?
    oracle=native
  else
    "$work/patch-mffs" "$bin" "$bin.patched" 2>/dev/null || cp "$bin" "$bin.patched"
    timeout 60 qemu-ppc "$bin.patched" >"$bin.oracle" 2>/dev/null </dev/null; ost=$?
    oracle=qemu-ppc
  fi
  if [ $ost -ne 0 ]; then
    echo "SKIP $guest/$name: fails on its oracle $oracle (status $ost)" >"$bin.result"; return
  fi
  line=""
  for be in jit interp; do
    timeout 60 "$build/linux-user/bin/mimic-$guest" -backend $be "$bin" >"$bin.$be" 2>"$bin.$be.err" </dev/null
    mst=$?
    # c-torture's verdict is the exit status (a failing test aborts); a
    # few tests print addresses, which differ from run to run.
    if [ $mst -ne $ost ]; then
      echo "FAIL $guest/$name: $be exit $mst, $oracle exit $ost (output $bin.$be vs $bin.oracle)" >"$bin.result"
      return
    fi
    line+=" $be: exit $mst = $oracle;"
    cmp -s "$bin.oracle" "$bin.$be" || line+=" (output differs: $bin.$be)";
  done
  echo "PASS $guest/$name:$line" >"$bin.result"
}
export -f run_one
export src work build

printf '%s\n' "${sel[@]}" | sed 's/^/i386 /' >"$work/jobs"
printf '%s\n' "${sel[@]}" | sed 's/^/ppc /' >>"$work/jobs"
xargs -P "$jobs" -L 1 bash -c 'run_one "$@"' _ <"$work/jobs"

pass=0; fail=0; skip=0
while read -r guest name; do
  r="$work/$guest/$name.result"
  if [ ! -f "$r" ]; then echo "FAIL $guest/$name: no result"; fail=$((fail + 1)); continue; fi
  cat "$r"
  case $(cut -c1-4 "$r") in
    PASS) pass=$((pass + 1)) ;;
    SKIP) skip=$((skip + 1)) ;;
    *) fail=$((fail + 1)) ;;
  esac
  rm -f "$r"
done <"$work/jobs"
echo "c-torture ($([ $all = 1 ] && echo all || echo 'sample: every 20th') of ${#tests[@]} tests, i386 vs native, ppc vs qemu-ppc, jit and interp): $skip not applicable (do not build or fail on the oracle)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
