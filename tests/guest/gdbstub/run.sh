#!/usr/bin/env bash
# The gdb stub (-g PORT / QEMU_GDB) driven by Debian's gdb-multiarch in
# batch mode, on mimic-i386 and mimic-ppc: breakpoints, step/next/stepi,
# finish, variables and registers, changing a variable, threads, signals
# passed on, suppressed and fatal, and the exit reported to gdb; then the
# raw protocol below gdb (rsp-check.py: acks, no-ack mode, packet sizes,
# ^C). What gdb
# shows is compared with the values the test programs print themselves
# when run natively (i386), and for ppc with the same C program's values
# and the constants its assembly loads (by construction).
# Usage: run.sh BUILD_DIR
set -u
build=${1:-build}
cd "$(dirname "$0")/../../.." || exit 1
src=tests/guest/gdbstub
out=$build/tests/guest/gdbstub
mkdir -p "$out"
# shellcheck source=tests/lib/tcp-listen.sh
. tests/lib/tcp-listen.sh
pass=0
fail=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
# check NAME EXPECTED GOT
check() {
  if [ "$2" = "$3" ]; then ok "$1: '$3'"; else bad "$1: expected '$2', got '$3'"; fi
}
# has NAME PATTERN FILE: a line of FILE matches the extended regex
has() {
  if grep -Eq -- "$2" "$3"; then ok "$1: /$2/"; else bad "$1: no line matches /$2/"; fi
}

if ! command -v gdb-multiarch >/dev/null; then
  echo "gdbstub: gdb-multiarch is missing (scripts/install-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi

# build GUEST NAME [cc flags...]: the static program $out/NAME-GUEST.
build_prog() {
  local guest=$1 name=$2 cc
  shift 2
  case $guest in
    i386) cc=i686-linux-gnu-gcc ;;
    ppc) cc=powerpc-linux-gnu-gcc ;;
  esac
  if ! $cc -g -O0 -static "$@" -o "$out/$name-$guest" "$src/$name.c"; then
    bad "build $name for $guest"
    return 1
  fi
}

# session GUEST BACKEND CMDS TAG PROG [ARGS...]: runs the program under
# mimic waiting for gdb on a free port, and gdb with the command file CMDS
# (its "@PORT@" replaced). Leaves $out/TAG.gdb (gdb's output), TAG.out
# (the program's), and sets $status (mimic's exit status). With BACKEND
# "env:jit" the port is given through QEMU_GDB instead of -g.
session() {
  local guest=$1 backend=$2 cmds=$3 tag=$4
  shift 4
  local mimic=$build/linux-user/bin/mimic-$guest port pid
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if [ "${backend%%:*}" = env ]; then
      QEMU_GDB=$port MIMIC_BACKEND=${backend#env:} timeout 30 "$mimic" "$@" \
        >"$out/$tag.out" 2>"$out/$tag.err" &
    else
      MIMIC_BACKEND=$backend timeout 30 "$mimic" -g "$port" "$@" \
        >"$out/$tag.out" 2>"$out/$tag.err" &
    fi
    pid=$!
    if tcp_wait_listen "$pid" "$port"; then
      break
    fi
    wait "$pid" 2>/dev/null
    grep -q "cannot listen" "$out/$tag.err" || break   # not a port clash
  done
  sed "s/@PORT@/$port/" "$cmds" >"$out/$tag.cmds"
  timeout 30 gdb-multiarch -nx -batch -x "$out/$tag.cmds" "$out/${tag%%.*}" \
    >"$out/$tag.gdb" 2>&1
  wait "$pid" 2>/dev/null    # (no job report when the guest dies by a signal)
  status=$?
}

# got TAG NAME: the value of gdb's line "got NAME VALUE".
got() { sed -n "s/^got $2 //p" "$out/$1.gdb" | head -1; }
# expect FILE NAME: the program's own line "expect NAME VALUE".
expect() { sed -n "s/^expect $2 //p" "$1" | head -1; }

# ---- the basic program: break, step, print, registers, set, exit ----

basic_cmds() {  # GUEST: the gdb commands
  local r0 r1 r2 r3 r4 r5 fp
  if [ "$1" = i386 ]; then
    r0=eax r1=ebx r2=ecx r3=edx r4=esi r5=edi fp=st0
  else
    r0=r3 r1=r4 r2=r5 r3=r6 r4=r7 r5=r8 fp=f1
  fi
  cat <<EOF
set pagination off
set confirm off
target remote :@PORT@
break add
continue
printf "got a %d\n", a
printf "got b %d\n", b
next
next
printf "got sum %d\n", sum
printf "got counter_in_add %d\n", counter
printf "got scale %g\n", scale
printf "got greeting \"%s\"\n", greeting
finish
set var counter = 100
break regs_here
continue
info registers $r0 $r1 $r2 $r3 $r4 $r5
printf "got fp %g\n", \$$fp
printf "got at_here %d\n", \$pc == (long)&regs_here
stepi
printf "got at_next %d\n", \$pc == (long)&regs_next
EOF
  if [ "$1" = ppc ]; then
    cat <<'EOF'
printf "got ctr 0x%x\n", $ctr
printf "got cr7 %d\n", $cr & 0xf
EOF
  fi
  cat <<EOF
break sys_insn
continue
stepi
printf "got at_sys_after %d\n", \$pc == (long)&sys_after
printf "got sys_ret %d\n", \$$r0
delete
continue
EOF
}

# The register lines of 'info registers' as "reg0 0x...".
reg_value() {  # TAG REGNAME
  awk -v r="$2" '$1 == r { print $2; exit }' "$out/$1.gdb"
}

run_basic() {  # GUEST BACKEND EXPECTFILE
  local guest=$1 backend=$2 exp=$3 tag="gdb-basic-$1.$2" names n
  basic_cmds "$guest" >"$out/basic-$guest.cmds"
  session "$guest" "$backend" "$out/basic-$guest.cmds" "$tag" "$out/gdb-basic-$guest"
  echo "-- gdb-basic on $guest ($backend)"
  for n in a b sum counter_in_add scale greeting fp; do
    check "$guest/$backend print $n" "$(expect "$exp" "$n")" "$(got "$tag" "$n")"
  done
  if [ "$guest" = i386 ]; then
    names=(eax ebx ecx edx esi edi)
  else
    names=(r3 r4 r5 r6 r7 r8)
  fi
  for n in 0 1 2 3 4 5; do
    check "$guest/$backend register ${names[$n]}" "$(expect "$exp" "reg$n")" \
      "$(reg_value "$tag" "${names[$n]}")"
  done
  check "$guest/$backend stopped at regs_here" 1 "$(got "$tag" at_here)"
  check "$guest/$backend stepi to regs_next" 1 "$(got "$tag" at_next)"
  if [ "$guest" = ppc ]; then
    check "$guest/$backend register ctr" 0x55667788 "$(got "$tag" ctr)"
    check "$guest/$backend cr7 (EQ after cmpwi 7,9,0)" 2 "$(got "$tag" cr7)"
  fi
  check "$guest/$backend stepi over the syscall instruction" 1 "$(got "$tag" at_sys_after)"
  check "$guest/$backend syscall result register (getpid)" \
    "$(sed -n 's/^pid //p' "$out/$tag.out")" "$(got "$tag" sys_ret)"
  has "$guest/$backend breakpoint hit in add" "^Breakpoint 1, add \(a=3, b=4\)" "$out/$tag.gdb"
  has "$guest/$backend finish returns sum" \
    "^Value returned is \\\$[0-9]+ = $(expect "$exp" sum)$" "$out/$tag.gdb"
  check "$guest/$backend program saw counter set by gdb" "final counter=100" \
    "$(tail -1 "$out/$tag.out")"
  has "$guest/$backend exit reported (W)" "exited with code 0144" "$out/$tag.gdb"
  check "$guest/$backend exit status" 100 "$status"
}

# ---- a dynamic PIE: gdb relocates it through qOffsets ----

run_dynamic() {  # GUEST SYSROOT
  # (i386: the test's absolute-address assembly makes text relocations)
  local guest=$1 tag="gdb-basic-dyn-$1.jit" cc="i686-linux-gnu-gcc -Wl,-z,notext"
  [ "$guest" = ppc ] && cc=powerpc-linux-gnu-gcc
  echo "-- dynamic PIE gdb-basic on $guest"
  if ! $cc -g -O0 -fPIE -pie -o "$out/gdb-basic-dyn-$guest" "$src/gdb-basic.c"; then
    bad "build dynamic gdb-basic for $guest"
    return
  fi
  printf 'set confirm off\nset sysroot %s\ntarget remote :@PORT@\nbreak add\ncontinue\nprintf "got sum_args %%d\\n", a + b\ncontinue\n' \
    "$2" >"$out/dyn.cmds"
  session "$guest" jit "$out/dyn.cmds" "$tag" -L "$2" "$out/gdb-basic-dyn-$guest"
  has "$guest PIE breakpoint hit in add" "^Breakpoint 1, add \(a=3, b=4\)" "$out/$tag.gdb"
  check "$guest PIE print a + b" "$(expect "$out/native-basic.txt" sum)" "$(got "$tag" sum_args)"
  check "$guest PIE exit status" "$(expect "$out/native-basic.txt" counter_in_add)" "$status"
}

# ---- threads: info threads, ids = the guest's tids, selecting one ----

threads_cmds() {
  cat <<'EOF'
set pagination off
set confirm off
target remote :@PORT@
break worker_ready
continue
info threads
printf "got id_ok %d\n", id == 1 || id == 2
bt
thread 1
bt
delete
continue
EOF
}

run_threads() {  # GUEST
  local guest=$1 tag="gdb-threads-$1.jit" listed want
  threads_cmds >"$out/threads.cmds"
  session "$guest" jit "$out/threads.cmds" "$tag" "$out/gdb-threads-$guest"
  echo "-- gdb-threads on $guest"
  listed=$(grep -Eo '^[* ] +[0-9]+ +Thread [0-9]+' "$out/$tag.gdb" | awk '{print $NF}' | sort -n | xargs)
  want=$(sed -n 's/^tids //p' "$out/$tag.out" | tr ' ' '\n' | sort -n | xargs)
  check "$guest info threads lists the guest's 3 tids" "$want" "$listed"
  check "$guest stopped worker's id" 1 "$(got "$tag" id_ok)"
  has "$guest backtrace of the stopped worker" "^#1 .* in worker \(arg=" "$out/$tag.gdb"
  has "$guest thread 1 selected" "^\[Switching to thread 1 \(Thread $(echo "$want" | awk '{print $1}')\)\]" \
    "$out/$tag.gdb"
  has "$guest backtrace of thread 1 reaches main" "^#[0-9]+ +0x[0-9a-f]+ in main \(\)" "$out/$tag.gdb"
  check "$guest program result" "ready_count 3" "$(tail -1 "$out/$tag.out")"
  has "$guest exit reported" "exited normally" "$out/$tag.gdb"
}

# ---- signals: passed on, suppressed, fatal ----

run_signals() {  # GUEST NATIVE_HANDLED
  local guest=$1 native=$2 tag
  echo "-- gdb-signal on $guest"
  printf 'set confirm off\ntarget remote :@PORT@\ncontinue\ncontinue\n' >"$out/sig-pass.cmds"
  tag="gdb-signal-$guest.pass"
  session "$guest" jit "$out/sig-pass.cmds" "$tag" "$out/gdb-signal-$guest"
  has "$guest SIGUSR1 reported" "^Program received signal SIGUSR1" "$out/$tag.gdb"
  check "$guest SIGUSR1 passed on: handler ran" "handled $native" "$(cat "$out/$tag.out")"
  has "$guest exit after the signal" "exited normally" "$out/$tag.gdb"

  printf 'set confirm off\ntarget remote :@PORT@\nhandle SIGUSR1 stop print nopass\ncontinue\ncontinue\n' \
    >"$out/sig-nopass.cmds"
  tag="gdb-signal-$guest.nopass"
  session "$guest" env:jit "$out/sig-nopass.cmds" "$tag" "$out/gdb-signal-$guest"
  has "$guest SIGUSR1 reported (QEMU_GDB)" "^Program received signal SIGUSR1" "$out/$tag.gdb"
  check "$guest SIGUSR1 suppressed: no handler" "handled 0" "$(cat "$out/$tag.out")"

  printf 'set confirm off\ntarget remote :@PORT@\ncontinue\ncontinue\ncontinue\n' >"$out/sig-die.cmds"
  tag="gdb-signal-$guest.die"
  session "$guest" jit "$out/sig-die.cmds" "$tag" "$out/gdb-signal-$guest" die
  has "$guest SIGUSR2 reported" "^Program received signal SIGUSR2" "$out/$tag.gdb"
  has "$guest death reported (X)" "^Program terminated with signal SIGUSR2" "$out/$tag.gdb"
  check "$guest killed by SIGUSR2" $((128 + 12)) "$status"
}

# ---- the raw protocol: acks, no-ack mode, sizes, ^C (rsp-check.py) ----

run_rsp() {  # GUEST
  local guest=$1 tag="gdb-loop-$1.rsp" mimic=$build/linux-user/bin/mimic-$1 port pid line
  echo "-- raw protocol on $guest"
  port=$((20000 + RANDOM % 30000))
  timeout 30 "$mimic" -g "$port" "$out/gdb-loop-$guest" >"$out/$tag.out" 2>"$out/$tag.err" &
  pid=$!
  for _ in $(seq 100); do
    grep -q ":$(printf '%04X' "$port") 00000000:0000 0A" /proc/net/tcp && break
    sleep 0.05
  done
  while read -r line; do
    echo "$line"
    case $line in
      PASS*) pass=$((pass + 1)) ;;
      FAIL*) fail=$((fail + 1)) ;;
    esac
  done < <(timeout 30 python3 "$src/rsp-check.py" "$port" "$guest" 2>&1)
  wait "$pid" 2>/dev/null
  check "$guest program finished after ^C" "done" "$(cat "$out/$tag.out")"
}

# Native i386 runs give the expected values.
for g in i386 ppc; do
  build_prog $g gdb-basic
  build_prog $g gdb-threads -pthread
  build_prog $g gdb-signal
  build_prog $g gdb-loop
done
"$out/gdb-basic-i386" >"$out/native-basic.txt"
native_handled=$("$out/gdb-signal-i386" | sed -n 's/^handled //p')

# ppc: the same C values; registers are the constants of its assembly.
{
  grep -Ev '^expect (reg|fp)' "$out/native-basic.txt"
  printf 'expect reg0 0x11223344\nexpect reg1 0x55667788\nexpect reg2 0x99aabbcc\n'
  printf 'expect reg3 0xddeeff00\nexpect reg4 0x1020304\nexpect reg5 0x5060708\n'
  printf 'expect fp 1.5\n'
} >"$out/construct-basic.txt"

run_basic i386 jit "$out/native-basic.txt"
run_basic i386 interp "$out/native-basic.txt"
run_basic ppc jit "$out/construct-basic.txt"
run_basic ppc interp "$out/construct-basic.txt"
run_dynamic i386 /usr/i686-linux-gnu
run_dynamic ppc /usr/powerpc-linux-gnu
run_threads i386
run_threads ppc
run_signals i386 "$native_handled"
run_signals ppc "$native_handled"
run_rsp i386
run_rsp ppc

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
