#!/usr/bin/env bash
# Guest program tests for mimic-i386: every *.c / *.S here is compiled
# static (and *.c also dynamic) with i686-linux-gnu-gcc, run natively and
# under mimic-i386 with -backend jit and -backend interp; stdout and exit
# status must match the native run (or <name>.expected for stdout, used
# where the guest legitimately differs from the host CPU). First-line
# markers: "// mimic-test: static-only", "// mimic-test: args A B ...",
# "// mimic-test: mimic-opts OPTS" (extra options for mimic-i386 only),
# "// mimic-test: static-pie" (also build and run a static-PIE variant).
# Variants (tests/guest/i386-sse/run.sh): MIMIC_TEST_CFLAGS adds compiler
# flags, MIMIC_TEST_OUT names the output directory under the build dir,
# MIMIC_TEST_MIMIC_OPTS adds mimic-i386 options, MIMIC_TEST_SKIP lists
# tests (space-separated names) left out.
# Usage: run.sh [build-dir] [test-name-filter]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
filter=${2:-}
mimic="$build/linux-user/bin/mimic-i386"
out="$build/${MIMIC_TEST_OUT:-tests-guest-i386}"
export MIMIC_TEST_CFLAGS="${MIMIC_TEST_CFLAGS:-}" MIMIC_TEST_MIMIC_OPTS="${MIMIC_TEST_MIMIC_OPTS:-}"
sysroot=/usr/i686-linux-gnu
cc=i686-linux-gnu-gcc
jobs=${MIMIC_TEST_JOBS:-3}
mkdir -p "$out"

if [ ! -x "$mimic" ]; then
  echo "run.sh: $mimic is not built"
  echo "0 passed, 1 failed"
  exit 1
fi
if ! command -v $cc >/dev/null; then
  echo "run.sh: $cc not found (scripts/install-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi

marker() {  # marker FILE KEY -> the value after "mimic-test: KEY"
  head -n 4 "$1" | sed -n "s|^// mimic-test: $2 *\(.*\)$|\1|p" | head -n 1
}
has_marker() { head -n 3 "$1" | grep -q "^// mimic-test: $2"; }

# ---- build (in parallel, only what changed) ----
# stale SRC BIN: BIN is missing or older than SRC or than a header SRC
# includes ("x.h" from its own folder, and the headers those include).
stale() {
  [ -e "$2" ] || return 0
  local dir todo=("$1") seen=" " f h
  dir=$(dirname "$1")
  while [ ${#todo[@]} -gt 0 ]; do
    f=${todo[0]}; todo=("${todo[@]:1}")
    [[ $seen == *" $f "* ]] && continue
    seen+="$f "
    [ "$f" -nt "$2" ] && return 0
    for h in $(sed -n 's|^#include "\([^"/]*\)".*|\1|p' "$f"); do
      [ -e "$dir/$h" ] && todo+=("$dir/$h")
    done
  done
  return 1
}
export -f stale

build_one() {
  src=$1; out=$2; cc=$3
  name=$(basename "${src%.*}")
  flags="-O2 -g0 -Wall -Wno-unused-result -pthread $MIMIC_TEST_CFLAGS"
  libs="-lm"
  if stale "$src" "$out/$name-static"; then
    $cc $flags -static -o "$out/$name-static" "$src" $libs 2>"$out/$name-static.log" ||
      { echo "build failed: $src (static), see $out/$name-static.log"; rm -f "$out/$name-static"; }
  fi
  if head -n 4 "$src" | grep -q "^// mimic-test: static-pie" &&
     stale "$src" "$out/$name-static-pie"; then
    $cc $flags -static-pie -fPIE -o "$out/$name-static-pie" "$src" $libs 2>"$out/$name-static-pie.log" ||
      { echo "build failed: $src (static-pie), see $out/$name-static-pie.log"; rm -f "$out/$name-static-pie"; }
  fi
  case $src in *.c)
    if ! head -n 3 "$src" | grep -q "^// mimic-test: static-only" &&
       stale "$src" "$out/$name-dynamic"; then
      $cc $flags -o "$out/$name-dynamic" "$src" $libs 2>"$out/$name-dynamic.log" ||
        { echo "build failed: $src (dynamic), see $out/$name-dynamic.log"; rm -f "$out/$name-dynamic"; }
    fi ;;
  esac
}
export -f build_one

srcs=()
for f in "$here"/*.c "$here"/*.S; do
  [ -e "$f" ] || continue
  n=$(basename "${f%.*}")
  [ -n "$filter" ] && [[ $n != *$filter* ]] && continue
  [[ " ${MIMIC_TEST_SKIP:-} " == *" $n "* ]] && continue
  srcs+=("$f")
done
printf '%s\n' "${srcs[@]}" | xargs -P "$jobs" -I{} bash -c 'build_one "$@"' _ {} "$out" "$cc"

# ---- run ----
run_variant() {  # run_variant NAME KIND SRC -> writes $out/NAME-KIND.result
  name=$1; kind=$2; src=$3; bin="$out/$name-$kind"
  res="$out/$name-$kind.result"
  args=$(marker "$src" args)
  mopts="$MIMIC_TEST_MIMIC_OPTS $(marker "$src" mimic-opts)"
  if [ ! -x "$bin" ]; then
    echo "FAIL $name [$kind]: did not build" >"$res"; return
  fi
  cd "$out" || return
  if [ "$kind" != dynamic ]; then
    native=("$bin"); emu=(-0 "$bin" "$bin")
    lopt=()
  else
    native=("$sysroot/lib/ld-linux.so.2" --library-path "$sysroot/lib" "$bin"); emu=(-0 "$bin" "$bin")
    lopt=(-L "$sysroot")
  fi
  # shellcheck disable=SC2086
  timeout 60 "${native[@]}" $args >"$out/$name-$kind.native" 2>"$out/$name-$kind.native.err" </dev/null
  nst=$?
  if [ $nst -eq 124 ]; then
    echo "FAIL $name [$kind]: the native run timed out (a broken test)" >"$res"; return
  fi
  expect="$out/$name-$kind.native"
  what="native"
  if [ -f "$here/$name.expected" ]; then expect="$here/$name.expected"; what="$name.expected"; fi
  line=""
  ok=1
  for be in jit interp; do
    # shellcheck disable=SC2086
    timeout 60 "$mimic" -backend $be $mopts "${lopt[@]}" "${emu[@]}" $args >"$out/$name-$kind.$be" 2>"$out/$name-$kind.$be.err" </dev/null
    st=$?
    bytes=$(wc -c <"$out/$name-$kind.$be")
    if cmp -s "$expect" "$out/$name-$kind.$be" && [ $st -eq $nst ]; then
      line+=" $be: stdout ${bytes}B + exit $st = $what;"
    else
      ok=0
      line+=" $be: MISMATCH (exit $st vs $nst; diff $what $out/$name-$kind.$be);"
    fi
  done
  if [ $ok = 1 ]; then echo "PASS $name [$kind]$line" >"$res"; else echo "FAIL $name [$kind]$line" >"$res"; fi
}
export -f run_variant marker
export out mimic sysroot here

variants=()
for f in "${srcs[@]}"; do
  n=$(basename "${f%.*}")
  variants+=("$n static $f")
  head -n 4 "$f" | grep -q "^// mimic-test: static-pie" && variants+=("$n static-pie $f")
  case $f in *.c) has_marker "$f" static-only || variants+=("$n dynamic $f") ;; esac
done
printf '%s\n' "${variants[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_variant "$@"' _

pass=0; fail=0
for v in "${variants[@]}"; do
  set -- $v
  r="$out/$1-$2.result"
  if [ -f "$r" ]; then cat "$r"; else echo "FAIL $1 [$2]: no result"; fi
  if [ -f "$r" ] && grep -q '^PASS' "$r"; then pass=$((pass+1)); else fail=$((fail+1)); fi
  rm -f "$r"
done

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
