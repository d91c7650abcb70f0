#!/usr/bin/env bash
# PowerPC guest programs. Every tests/guest/ppc/*.c is built with
# powerpc-linux-gnu-gcc (static, and dynamic unless marked static-only), run
# under Debian's qemu-ppc (the oracle; a copy with glibc's POWER9 mffs forms
# rewritten, see patch-mffs.c) and under mimic-ppc with both backends, and
# stdout plus exit status must match. The i386 linux-user tests that are
# portable C (listed in i386_shared) are built for ppc from
# tests/guest/i386/ and run the same way, named i386-<name>. A test with
# '// mimic-test: oracle host' is compared with the same source built with
# the host's cc and run natively instead (for what qemu-ppc cannot do, such
# as re-executing a guest program); those in i386_shared_native with the
# same source built for i386 and run natively (32-bit Linux semantics that
# qemu-ppc gets wrong and a 64-bit build cannot show). Usage: run.sh BUILD_DIR [test-name...]
set -u
build=${1:-build}
shift || true
cd "$(dirname "$0")/../../.."
src=tests/guest/ppc
out=$build/tests/guest/ppc
mimic=$build/linux-user/bin/mimic-ppc
sysroot=/usr/powerpc-linux-gnu
jobs=${MIMIC_JOBS:-2}
mkdir -p "$out"

if [ ! -x "$mimic" ]; then
  echo "ppc: $mimic is missing"
  echo "0 passed, 1 failed"
  exit 1
fi

cc -O2 -o "$out/patch-mffs" "$src/patch-mffs.c" || exit 1

# The oracle's sysroot: the cross libc with the same rewrite applied.
oracle_root=$PWD/$out/oracle-root
if [ ! -f "$oracle_root/.done" ]; then
  rm -rf "$oracle_root"
  mkdir -p "$oracle_root"
  cp -a "$sysroot/lib" "$oracle_root/"
  for f in "$oracle_root"/lib/*.so*; do
    [ -f "$f" ] && [ ! -L "$f" ] && "$out/patch-mffs" "$f" "$f.tmp" 2>/dev/null && mv "$f.tmp" "$f"
  done
  touch "$oracle_root/.done"
fi

directive() { sed -n "s|^// mimic-test: $2 *||p" "$1" | head -1; }

# i386 linux-user tests whose output does not depend on the ABI and on
# which qemu-ppc 7.2 is a faithful oracle (not lu-dir: qemu-ppc crashes in
# it; lu-time, lu-mmap: qemu-ppc emulates setrlimit(AS) and fault codes
# differently from Linux; lu-fork: qemu-ppc cannot re-execute a guest;
# lu-rtsig: qemu-ppc cannot give the guest signals 63 and 64; lu-vfork:
# qemu-ppc runs vfork as fork; lu-specialvec: qemu-ppc does not convert
# readv data of special fds: those are
# compared with the host instead).
i386_shared=(lu-file lu-pipe lu-proc lu-signal lu-socket lu-thread lu-execstack)
# ... and those checked against the source run natively on the host.
i386_shared_host=(lu-dir lu-fork lu-time lu-mmap lu-sigbus lu-rtsig lu-specialvec lu-vfork lu-pimutex)
# ... and those checked against their i386 build run natively (qemu-ppc
# 7.2 has no execveat, refuses mmap offsets past 4 GiB, checks buffers up
# front with EFAULT, accepts bad arguments Linux refuses).
i386_shared_native=(lu-bigoff lu-execveat lu-efault lu-einval lu-ranges)

# True if a test's oracle is its i386 build run natively.
i386_oracle() {
  local n
  for n in "${i386_shared_native[@]}"; do
    [ "$1" = "i386-$n" ] && return 0
  done
  return 1
}

# True if a test's oracle is the host (see above).
host_oracle() {
  local n
  [ "$(directive "$2" oracle)" = host ] && return 0
  for n in "${i386_shared_host[@]}"; do
    [ "$1" = "i386-$n" ] && return 0
  done
  return 1
}

# The source of a test name.
src_of() {
  case $1 in
    i386-*) echo "tests/guest/i386/${1#i386-}.c" ;;
    *) echo "$src/$1.c" ;;
  esac
}

# Builds one test in each linkage; prints the variants built.
build_one() {
  local name=$1 c
  c=$(src_of "$1")
  local libs="-lm -pthread -lutil"
  rm -f "$out/$name.dynamic" "$out/$name.host"
  powerpc-linux-gnu-gcc -O2 -static -o "$out/$name.static" "$c" $libs || return 1
  "$out/patch-mffs" "$out/$name.static" "$out/$name.static.oracle" 2>/dev/null || return 1
  if ! grep -q '^// mimic-test: static-only' "$c"; then
    powerpc-linux-gnu-gcc -O2 -o "$out/$name.dynamic" "$c" $libs || return 1
  fi
  if host_oracle "$name" "$c"; then
    cc -O2 -o "$out/$name.host" "$c" $libs || return 1
  fi
  rm -f "$out/$name.i386"
  if i386_oracle "$name"; then
    i686-linux-gnu-gcc -O2 -static -o "$out/$name.i386" "$c" $libs || return 1
  fi
}

# Runs one variant of one test; writes a PASS/FAIL line to $out/$name.$kind.result.
run_one() {
  local name=$1 kind=$2 args c
  c=$(src_of "$name")
  args=$(directive "$c" args)
  local bin=$out/$name.$kind oracle=$out/$name.$kind ldflags=() what=qemu-ppc
  if [ "$kind" = static ]; then
    oracle=$out/$name.static.oracle
  else
    ldflags=(-L "$oracle_root")
  fi
  local res=$out/$name.$kind.result
  if [ "$(directive "$c" oracle)" = spec ]; then
    run_self_checking "$name" "$kind"
    return
  fi
  if [ -x "$out/$name.host" ]; then
    what=host
    (cd "$out" && timeout 120 "./$name.host" $args > "$name.$kind.expected" 2>/dev/null)
  elif [ -x "$out/$name.i386" ]; then
    what="i386 native"
    (cd "$out" && timeout 120 "./$name.i386" $args > "$name.$kind.expected" 2>/dev/null)
  else
    (cd "$out" && timeout 120 qemu-ppc "${ldflags[@]}" "./$(basename "$oracle")" $args \
        > "$name.$kind.expected" 2>/dev/null)
  fi
  local want=$?
  local verdict="PASS" detail=""
  for backend in jit interp; do
    local l=()
    [ "$kind" = dynamic ] && l=(-L "$sysroot")
    (cd "$out" && timeout 120 "$OLDPWD/$mimic" -backend $backend "${l[@]}" "./$(basename "$bin")" $args \
        > "$name.$kind.$backend.out" 2> "$name.$kind.$backend.err")
    local got=$?
    local lines
    lines=$(wc -l < "$out/$name.$kind.expected")
    if [ $got -ne $want ] || ! cmp -s "$out/$name.$kind.expected" "$out/$name.$kind.$backend.out"; then
      verdict="FAIL"
      detail="$detail [$backend: exit $got vs $what $want; first difference: $(diff "$out/$name.$kind.expected" "$out/$name.$kind.$backend.out" | sed -n 2p | cut -c1-150)]"
    else
      detail="$detail [$backend: $lines lines, exit $got]"
    fi
  done
  echo "$verdict ppc/$name ($kind) vs $what:$detail" > "$res"
}

# Runs a self-checking test (oracle spec) under both backends.
run_self_checking() {
  local name=$1 kind=$2 verdict=PASS detail="" c env
  c=$(src_of "$name")
  env=$(directive "$c" mimic-env)
  for backend in jit interp; do
    local l=()
    [ "$kind" = dynamic ] && l=(-L "$sysroot")
    (cd "$out" && timeout 120 env $env "$OLDPWD/$mimic" -backend $backend "${l[@]}" "./$name.$kind" \
        > "$name.$kind.$backend.out" 2> "$name.$kind.$backend.err")
    local got=$? last
    last=$(tail -n 1 "$out/$name.$kind.$backend.out")
    if [ $got -ne 0 ] || ! [[ "$last" =~ ^[0-9]+\ passed,\ 0\ failed$ ]]; then
      verdict=FAIL
      detail="$detail [$backend: exit $got, $last; first failure: $(grep -m1 '^FAIL' "$out/$name.$kind.$backend.out" | cut -c1-150)]"
    else
      detail="$detail [$backend: $last]"
    fi
  done
  echo "$verdict ppc/$name ($kind) vs the architecture:$detail" > "$out/$name.$kind.result"
}

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  for c in "$src"/*.c; do
    n=$(basename "$c" .c)
    [ "$n" = patch-mffs ] && continue
    tests+=("$n")
  done
  for n in "${i386_shared[@]}" "${i386_shared_host[@]}" "${i386_shared_native[@]}"; do
    tests+=("i386-$n")
  done
fi

pass=0
fail=0
running=0
for t in "${tests[@]}"; do
  if ! build_one "$t"; then
    rm -f "$out/$t".*.result
    echo "FAIL ppc/$t: does not build"
    fail=$((fail + 1))
    continue
  fi
  for kind in static dynamic; do
    [ -x "$out/$t.$kind" ] || continue
    rm -f "$out/$t.$kind.result"
    run_one "$t" "$kind" &
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then
      wait -n
      running=$((running - 1))
    fi
  done
done
wait
for t in "${tests[@]}"; do
  for kind in static dynamic; do
    r=$out/$t.$kind.result
    [ -f "$r" ] || continue
    cat "$r"
    if grep -q '^PASS' "$r"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  done
done
echo "ppc: $pass passed, $fail failed"
[ $fail -eq 0 ]
