#!/usr/bin/env bash
# Installs the Debian 12 packages Mimic needs to build and test, if any are
# missing. Idempotent and quiet when everything is already there.
set -euo pipefail
pkgs=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libffi-dev libcapstone-dev libcriterion-dev
  gcc-i686-linux-gnu libc6-dev-i386-cross
  gcc-powerpc-linux-gnu libc6-dev-powerpc-cross
  qemu-user tcl python3 gdb-multiarch
  qemu-system-x86 cpio linux-headers-amd64 kmod
  clang-14 libclang-rt-14-dev
  golang-go
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq || echo "install-deps: apt-get update reported errors (continuing)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
