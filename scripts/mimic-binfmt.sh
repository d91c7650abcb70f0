#!/bin/sh
# Registers Mimic's linux-user emulators with the kernel's binfmt_misc so
# that foreign binaries run directly (./prog), as QEMU's
# qemu-binfmt-conf.sh does; or unregisters them. POSIX sh (busybox too).
#
#   mimic-binfmt.sh [--path DIR] [--flags FLAGS] [--guests LIST] register
#   mimic-binfmt.sh [--guests LIST] unregister
#   mimic-binfmt.sh status
#
# --path DIR   where mimic-i386 / mimic-ppc are (default: this script's
#              ../build/linux-user/bin, else the PATH)
# --flags F    binfmt_misc flags (default POC: P keeps the program's
#              argv[0], O opens the binary for the emulator so execute-only
#              files run, C takes credentials from the binary; with C or O
#              the emulator must be a full path, and with F it is opened at
#              registration, for containers)
# --guests L   comma-separated, from i386,ppc (default: the guests the host
#              cannot run itself: ppc on x86; i386 would shadow the
#              host's own 32-bit support)
# binfmt_misc must be mounted (/proc/sys/fs/binfmt_misc); the script
# mounts it if it is not. Needs root.
set -eu

dir=""
flags=POC
guests=""
bm=/proc/sys/fs/binfmt_misc

usage() {
  sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

while [ $# -gt 0 ]; do
  case $1 in
    --path) dir=$2; shift 2 ;;
    --flags) flags=$2; shift 2 ;;
    --guests) guests=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    register|unregister|status) action=$1; shift ;;
    *) echo "mimic-binfmt.sh: unknown argument '$1'" >&2; usage 1 >&2 ;;
  esac
done
[ -n "${action:-}" ] || usage 1 >&2

if [ -z "$guests" ]; then
  case $(uname -m) in
    x86_64|i?86) guests=ppc ;;
    *) guests=i386,ppc ;;
  esac
fi

# Magic and mask of each guest's ELF executables (ET_EXEC and ET_DYN):
# 32-bit class, the byte order, version 1, any OS ABI, e_type 2 or 3,
# e_machine 3 (i386) or 20 (PowerPC).
magic_i386='\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00'
mask_i386='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
magic_ppc='\x7fELF\x01\x02\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x14'
mask_ppc='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff'

need_mount() {
  if [ ! -e "$bm/register" ]; then
    mount -t binfmt_misc binfmt_misc "$bm" ||
      { echo "mimic-binfmt.sh: cannot mount binfmt_misc on $bm" >&2; exit 1; }
  fi
}

emulator() {  # emulator GUEST -> absolute path of mimic-GUEST
  if [ -n "$dir" ]; then
    p="$dir/mimic-$1"
  else
    here=$(cd "$(dirname "$0")" && pwd)
    p="$here/../build/linux-user/bin/mimic-$1"
    [ -x "$p" ] || p=$(command -v "mimic-$1" || true)
  fi
  [ -n "$p" ] && [ -x "$p" ] ||
    { echo "mimic-binfmt.sh: mimic-$1 not found (use --path)" >&2; exit 1; }
  (cd "$(dirname "$p")" && printf '%s/%s\n' "$(pwd -P)" "$(basename "$p")")
}

old_ifs=$IFS
IFS=,
set -- $guests
IFS=$old_ifs
for g in "$@"; do
  case $g in
    i386) magic=$magic_i386; mask=$mask_i386 ;;
    ppc) magic=$magic_ppc; mask=$mask_ppc ;;
    *) echo "mimic-binfmt.sh: unknown guest '$g' (i386 or ppc)" >&2; exit 1 ;;
  esac
  name="mimic-$g"
  case $action in
    register)
      need_mount
      [ -e "$bm/$name" ] && echo -1 >"$bm/$name"
      printf ':%s:M::%s:%s:%s:%s\n' "$name" "$magic" "$mask" "$(emulator "$g")" "$flags" >"$bm/register"
      echo "registered $name ($(sed -n 's/^interpreter //p' "$bm/$name"), flags $flags)"
      ;;
    unregister)
      if [ -e "$bm/$name" ]; then
        echo -1 >"$bm/$name"
        echo "unregistered $name"
      else
        echo "$name was not registered"
      fi
      ;;
    status)
      if [ -e "$bm/$name" ]; then
        echo "$name: $(head -n 1 "$bm/$name"), $(sed -n 's/^interpreter //p' "$bm/$name"), $(sed -n 's/^flags: //p' "$bm/$name")"
      else
        echo "$name: not registered"
      fi
      ;;
  esac
done
