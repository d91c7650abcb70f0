#!/usr/bin/env bash
# A Go program (workload.go: goroutines on several OS threads, asynchronous
# preemption by SIGURG, maps, fmt, math, strconv, recovered faults) built by
# Debian's golang-go for GOARCH=386 twice (GO386=sse2 and GO386=softfloat),
# run natively (the oracle) and under mimic-i386 on both backends and several
# CPU models; stdout and exit status must be the same bytes.
# Usage: run.sh [build-dir] [case-filter]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
filter=${2:-}
mimic="$build/linux-user/bin/mimic-i386"
out="$build/tests/guest/i386-go"
tmo=${GO_TEST_TIMEOUT:-120}
pass=0
fail=0
mkdir -p "$out"

die() {
  echo "FAIL i386-go: $1"
  echo "i386-go: 0 passed, 1 failed"
  exit 1
}
[ -x "$mimic" ] || die "$mimic is not built"
command -v go >/dev/null || die "go not found (scripts/install-deps.sh installs golang-go)"

# The Go toolchain keeps its cache and GOPATH in the build dir (never $HOME);
# rebuilding an unchanged program is a cache hit.
gobuild() {  # gobuild GO386 OUTPUT
  env -i PATH=/usr/bin:/bin HOME=/nonexistent GOENV=off GOFLAGS= \
    GOARCH=386 GO386="$1" CGO_ENABLED=0 GO111MODULE=off \
    GOCACHE="$out/gocache" GOPATH="$out/gopath" GOTMPDIR= \
    go build -o "$2" "$here/workload.go"
}

# Mimic's runs: "cpu-model:backend" pairs per build ("default": no -cpu; the
# linux-user default model advertises SSE2). An sse2 build needs a model with
# SSE2 (Go's runtime does not check CPUID for it: SIGILL elsewhere).
declare -A modes=(
  [sse2]="default:jit default:interp max:jit max:interp pentium4:jit core2duo:jit"
  [softfloat]="max:jit max:interp default:jit default:interp"
)
# The program's arguments per case: everything (exit 0), an unrecovered
# panic (exit 2), os.Exit(7).
cases=(all panic exit)

run_one() {  # run_one OUTPREFIX COMMAND... : leaves .out and .rc
  local o=$1; shift
  ( cd "$out" && exec timeout "$tmo" "$@" ) < /dev/null > "$o.out" 2> "$o.err"
  echo $? > "$o.rc"
}

for f in sse2 softfloat; do
  bin="$out/workload-$f"
  if ! gobuild "$f" "$bin" > "$out/build-$f.log" 2>&1; then
    echo "FAIL build GO386=$f: $(tail -3 "$out/build-$f.log" | tr '\n' ' ')"
    fail=$((fail + 1))
    continue
  fi
  for c in "${cases[@]}"; do
    name="$f-$c"
    case $name in *"$filter"*) ;; *) continue ;; esac
    args=$c
    [ "$c" = all ] && args=
    ref="$out/$name.native"
    run_one "$ref" "$bin" $args
    want=$(cat "$ref.rc")
    if [ "$want" -eq 124 ]; then
      echo "FAIL $name: the native run timed out"
      fail=$((fail + 1))
      continue
    fi
    for m in ${modes[$f]}; do
      cpu=${m%%:*} be=${m##*:}
      opts=(-backend "$be")
      [ "$cpu" = default ] || opts+=(-cpu "$cpu")
      o="$out/$name.$cpu-$be"
      start=$(date +%s%N)
      run_one "$o" "$mimic" "${opts[@]}" "$bin" $args
      ms=$((($(date +%s%N) - start) / 1000000))
      got=$(cat "$o.rc")
      what="GO386=$f workload ${args:-(all cases)}: mimic-i386 ${opts[*]} vs native: stdout ($(wc -l < "$ref.out") lines) + exit $want"
      if [ "$got" = "$want" ] && cmp -s "$ref.out" "$o.out"; then
        echo "PASS $what [$((ms / 1000)).$((ms % 1000 / 100))s]"
        pass=$((pass + 1))
      else
        echo "FAIL $what: exit $got; $(cmp "$ref.out" "$o.out" 2>&1 | head -1)"
        diff -a "$ref.out" "$o.out" | head -6 | sed 's/^/    /'
        tail -3 "$o.err" | sed 's/^/    stderr: /'
        fail=$((fail + 1))
      fi
    done
  done
done
echo "i386-go: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
