#!/usr/bin/env bash
# The gdb stub of mimic-system-i386 (-S, -gdb tcp::PORT), driven by
# Debian's gdb-multiarch in batch mode against a bare-metal multiboot
# kernel (kernel.c, with paging and a virtual alias), and the same gdb
# script against Debian's qemu-system-i386 as the oracle: what gdb prints
# from the breakpoint on (arguments, variables, memory through the page
# tables, stepi, finish, changing a variable) must be QEMU's, on both
# backends; the kernel passes only if gdb's change reached it. Then gdb
# connecting to a running machine (no -S: it stops, as QEMU's does), and
# gdb's kill.
# Usage: run.sh [build-dir]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build="$root/$build" ;; esac
out="$build/tests-system-gdb"
mkdir -p "$out"
mimic="$build/softmmu/bin/mimic-system-i386"
qemu=qemu-system-i386
# shellcheck source=tests/lib/tcp-listen.sh
. "$root/tests/lib/tcp-listen.sh"
pass=0
fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1: $3"; else bad "$1: expected '$2', got '$3'"; fi; }

for tool in gdb-multiarch i686-linux-gnu-gcc $qemu; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is missing (scripts/install-deps.sh)"; echo "0 passed, 1 failed"; exit 1; }
done
[ -x "$mimic" ] || { echo "FAIL $mimic is not built"; echo "0 passed, 1 failed"; exit 1; }

# ---- the kernels (the bare-metal library of tests/system/i386), -O0 -g ----
lib="$root/tests/system/i386/lib"
cflags="-m32 -march=i686 -ffreestanding -nostdlib -fno-pic -no-pie -static -O0 -g
  -fno-stack-protector -fno-asynchronous-unwind-tables -mgeneral-regs-only -I$lib"
ldflags="-Wl,-T,$lib/kernel.ld -Wl,--build-id=none -Wl,-z,max-page-size=0x1000
  -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments"
for v in plain hold; do
  def=""; [ $v = hold ] && def=-DHOLD
  # shellcheck disable=SC2086
  if ! i686-linux-gnu-gcc $cflags $def $ldflags -o "$out/kernel-$v" "$lib"/*.c "$lib"/*.S \
       "$here/kernel.c" -lgcc >"$out/kernel-$v.log" 2>&1; then
    bad "build kernel-$v (see $out/kernel-$v.log)"
    echo "$pass passed, $fail failed"; exit 1
  fi
done

# session TAG KERNEL GDBCMDS MACHINE-CMD...: starts the machine waiting for
# gdb on a free port (its serial port in TAG.serial), runs gdb with the
# command file (@PORT@ replaced); gdb's output in TAG.gdb, the machine's
# exit status in $status.
session() {
  local tag=$1 kernel=$2 cmds=$3 port pid
  shift 3
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    timeout 60 "$@" -gdb "tcp::$port" -display none -serial "file:$out/$tag.serial" \
      -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" \
      </dev/null >"$out/$tag.stdout" 2>"$out/$tag.err" &
    pid=$!
    tcp_wait_listen "$pid" "$port" 200 && break
    wait "$pid" 2>/dev/null
  done
  sed "s/@PORT@/$port/" "$cmds" >"$out/$tag.cmds"
  timeout 60 gdb-multiarch -nx -batch -x "$out/$tag.cmds" "$kernel" >"$out/$tag.gdb" 2>&1
  wait "$pid" 2>/dev/null
  status=$?
}
# What gdb printed from the first breakpoint to the last print (the
# oracle comparison), without the machine's exit.
body() { sed -n '/^Breakpoint 1 at/,/^LAST/p' "$out/$1.gdb" | grep -v '^LAST'; }

cat >"$out/stop.cmds" <<'EOF'
set pagination off
set confirm off
target remote :@PORT@
break sys_fib
continue
print n
print sys_count
set var n = 10
print/x *(unsigned int *)0x40000000
print/x *(unsigned int *)&sys_count
stepi
finish
print sys_result
x/2xw &sys_count
echo LAST\n
continue
EOF
# The machine runs before gdb connects: connecting stops it.
cat >"$out/attach.cmds" <<'EOF'
set pagination off
set confirm off
target remote :@PORT@
break sys_fib
print sys_result
print sys_hold
set var sys_hold = 0
echo LAST\n
continue
EOF
cat >"$out/kill.cmds" <<'EOF'
set pagination off
set confirm off
target remote :@PORT@
break sys_fib
continue
echo LAST\n
kill
EOF

echo "oracle: $qemu -M pc -cpu pentium3 ($($qemu --version | head -n 1))"
session qemu-stop "$out/kernel-plain" "$out/stop.cmds" $qemu -M pc -cpu pentium3 -S
qstatus=$status
check "qemu -S session: the kernel passed (oracle sanity)" 33 "$qstatus"
body qemu-stop >"$out/qemu-stop.body"
for be in jit interp; do
  session "mimic-stop-$be" "$out/kernel-plain" "$out/stop.cmds" "$mimic" -backend $be -S
  check "$be -S: exit status (the kernel saw gdb's change)" 33 "$status"
  if grep -q "^exited\|exited with code 041" "$out/mimic-stop-$be.gdb"; then
    ok "$be -S: gdb saw the exit (W packet)"
  else
    bad "$be -S: gdb did not see the exit (see $out/mimic-stop-$be.gdb)"
  fi
  body "mimic-stop-$be" >"$out/mimic-stop-$be.body"
  if [ -s "$out/qemu-stop.body" ] && cmp -s "$out/qemu-stop.body" "$out/mimic-stop-$be.body"; then
    ok "$be -S: gdb's $(wc -l <"$out/qemu-stop.body") lines from the breakpoint on = QEMU's"
  else
    bad "$be -S: gdb's output differs from QEMU's: diff $out/qemu-stop.body $out/mimic-stop-$be.body"
  fi
done

session qemu-attach "$out/kernel-hold" "$out/attach.cmds" $qemu -M pc -cpu pentium3
check "qemu attach: the kernel passed (oracle sanity)" 33 "$status"
sed -n '/^\$1/,/^LAST/p' "$out/qemu-attach.gdb" >"$out/qemu-attach.body"
session mimic-attach "$out/kernel-hold" "$out/attach.cmds" "$mimic"
check "attach to a running machine: exit status (gdb released it)" 33 "$status"
sed -n '/^\$1/,/^LAST/p' "$out/mimic-attach.gdb" >"$out/mimic-attach.body"
if [ -s "$out/qemu-attach.body" ] && cmp -s "$out/qemu-attach.body" "$out/mimic-attach.body"; then
  ok "attach: gdb's values = QEMU's ($(tr '\n' ' ' <"$out/mimic-attach.body"))"
else
  bad "attach: diff $out/qemu-attach.body $out/mimic-attach.body"
fi

session mimic-kill "$out/kernel-plain" "$out/kill.cmds" "$mimic" -S
check "gdb's kill ends the machine with status 0" 0 "$status"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
