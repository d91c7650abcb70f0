#!/usr/bin/env bash
# Bad input for mimic-i386 and mimic-ppc: broken, foreign and missing
# programs and bad options must give a clear message naming the input and
# exit status 1, never a crash. Prints one line per case and a closing
# count line. Usage: bad-input/run.sh [build-dir] [i386|ppc ...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-build}
shift || true
guests=("$@")
[ ${#guests[@]} -gt 0 ] || guests=(i386 ppc)
case $build in /*) ;; *) build="$root/$build" ;; esac
pass=0; fail=0

run_guest() {
local guest=$1
mimic="$build/linux-user/bin/mimic-$guest"
w="$build/tests-guest-$guest/bad-input"
rm -rf "$w"; mkdir -p "$w"
# Per guest: compiler, ELF byte order, interpreter, sysroot, and a
# program of the other guest.
case $guest in
  i386) cc=i686-linux-gnu-gcc; endian='<'; interp=/lib/ld-linux.so.2
        sysroot=/usr/i686-linux-gnu; other_cc=powerpc-linux-gnu-gcc ;;
  ppc)  cc=powerpc-linux-gnu-gcc; endian='>'; interp=/lib/ld.so.1
        sysroot=/usr/powerpc-linux-gnu; other_cc=i686-linux-gnu-gcc ;;
  *) echo "FAIL bad-input: unknown guest $guest"; fail=$((fail+1)); return ;;
esac
printf 'int main(void){return 0;}\n' >"$w/ok.c"
$cc -O2 -static -o "$w/ok-static" "$w/ok.c"
$cc -O2 -o "$w/ok-dynamic" "$w/ok.c"

# Corrupt copies of a good program.
head -c 30 "$w/ok-static" >"$w/truncated-header"
head -c 3000 "$w/ok-static" >"$w/truncated-segments"
python3 - "$w" "$endian" "$interp" <<'PY'
import sys, struct
w, e, interp = sys.argv[1], sys.argv[2], sys.argv[3].encode()
d = bytearray(open(w + "/ok-static", "rb").read())
c = bytearray(d); struct.pack_into(e + "I", c, 28, len(d) + 4096)   # e_phoff past the end
open(w + "/bad-phoff", "wb").write(c)
c = bytearray(d); struct.pack_into(e + "H", c, 44, 0)                # e_phnum = 0
open(w + "/no-phdrs", "wb").write(c)
c = bytearray(d); c[4] = 2                                           # ELFCLASS64 header on 32-bit data
open(w + "/wrong-class", "wb").write(c)
c = bytearray(d); c[5] = 3 - c[5]                                    # the other byte order
open(w + "/wrong-endian", "wb").write(c)
c = bytearray(d); struct.pack_into(e + "H", c, 18, 40)               # ARM machine
open(w + "/arm-machine", "wb").write(c)
# A PT_LOAD whose file size runs past the end of the file.
phoff = struct.unpack_from(e + "I", d, 28)[0]
phnum = struct.unpack_from(e + "H", d, 44)[0]
c = bytearray(d)
for i in range(phnum):
    o = phoff + 32 * i
    if struct.unpack_from(e + "I", c, o)[0] == 1:
        struct.pack_into(e + "I", c, o + 16, len(d) * 4)
        break
open(w + "/huge-segment", "wb").write(c)
dd = bytearray(open(w + "/ok-dynamic", "rb").read())
i = dd.find(interp)
bad = b"/lib/nolib" + b"x" * (len(interp) - len(b"/lib/nolib"))
dd[i:i + len(interp)] = bad
open(w + "/missing-interp", "wb").write(dd)
PY
chmod +x "$w"/*
printf 'just some text\n' >"$w/not-elf"; chmod +x "$w/not-elf"
: >"$w/empty"; chmod +x "$w/empty"
mkdir -p "$w/a-directory"
mkfifo "$w/a-fifo"
mkdir -p "$w/fifo-root${interp%/*}"; mkfifo "$w/fifo-root$interp"
if command -v "$other_cc" >/dev/null; then
  "$other_cc" -O2 -static -o "$w/other-guest-program" "$w/ok.c" 2>/dev/null
fi
[ -e "$w/other-guest-program" ] || cp "$w/wrong-endian" "$w/other-guest-program"
x86_64=$(command -v true)

check() {  # check NAME EXPECTED-WORD ARGS...
  local name=$1 word=$2; shift 2
  timeout 20 "$mimic" "$@" >"$w/$name.out" 2>"$w/$name.err" </dev/null
  local st=$?
  local msg; msg=$(head -n 1 "$w/$name.err")
  if [ $st -eq 1 ] && grep -qi -- "$word" "$w/$name.err"; then
    echo "PASS bad-input/$guest $name: exit 1, message: $msg"
    pass=$((pass+1))
  else
    echo "FAIL bad-input/$guest $name: exit $st (want 1), message: '$msg' (want it to mention '$word')"
    fail=$((fail+1))
  fi
}
check truncated-header truncated-header "$w/truncated-header"
check truncated-segments truncated-segments "$w/truncated-segments"
check bad-phoff bad-phoff "$w/bad-phoff"
check no-phdrs no-phdrs "$w/no-phdrs"
check wrong-class wrong-class "$w/wrong-class"
check huge-segment huge-segment "$w/huge-segment"
check x86-64-elf "$x86_64" "$x86_64"
check other-guest-elf other-guest-program "$w/other-guest-program"
check wrong-endian wrong-endian "$w/wrong-endian"
check arm-machine arm-machine "$w/arm-machine"
check missing-interp nolib "$w/missing-interp"
check missing-interp-sysroot nolib -L "$sysroot" "$w/missing-interp"
check not-elf not-elf "$w/not-elf"
check empty-file empty "$w/empty"
check directory a-directory "$w/a-directory"
check nonexistent no-such-program "$w/no-such-program"
check fifo-program a-fifo "$w/a-fifo"
check fifo-interp "${interp##*/}" -L "$w/fifo-root" "$w/ok-dynamic"
check unknown-option -bogus -bogus "$w/ok-static"
check missing-D-arg "needs an argument" -D
check option-without-arg "needs an argument" -L
check bad-backend nonsense -backend nonsense "$w/ok-static"
check bad-log-item nosuchitem -d nosuchitem "$w/ok-static"
check no-program "no program"
}

for g in "${guests[@]}"; do
  run_guest "$g"
done
echo "bad-input: $pass passed, $fail failed"
[ $fail -eq 0 ]
