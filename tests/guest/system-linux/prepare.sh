#!/usr/bin/env bash
# Fetches Debian 12's i386 kernels (linux-image-686, linux-image-686-pae,
# the current ABI resolved with apt-cache) and busybox-static:i386 with
# apt-get download into a cache folder, unpacks them with dpkg-deb -x and
# builds a busybox initramfs. Reused between runs. Prints, one per line:
#   KERNEL686=path KERNELPAE=path INITRD=path
# Usage: prepare.sh CACHE-DIR   (the system-linux suite, the bench and
# the demo call it)
set -euo pipefail
cache=${1:?usage: prepare.sh CACHE-DIR}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
log="$cache/prepare.log"

# The package a metapackage depends on (linux-image-686 -> linux-image-6.1.0-NN-686).
resolve() {
  apt-cache depends "$1:i386" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n 1
}

fetch() {   # fetch PKG: downloads PKG:i386 into the cache once, unpacks it
  local pkg=$1 dir="$cache/$1"
  if [ -e "$dir/.done" ]; then return 0; fi
  rm -rf "$dir"; mkdir -p "$dir"
  (cd "$cache" && apt-get download "$pkg:i386") >>"$log" 2>&1 || {
    if ! dpkg --print-foreign-architectures | grep -qx i386; then
      dpkg --add-architecture i386 >>"$log" 2>&1
    fi
    apt-get update >>"$log" 2>&1 || true
    (cd "$cache" && apt-get download "$pkg:i386") >>"$log" 2>&1 || {
      echo "prepare: cannot download $pkg:i386 (see $log)" >&2; exit 1; }
  }
  local deb
  deb=$(ls -t "$cache/${pkg}_"*_i386.deb | head -n 1)
  dpkg-deb -x "$deb" "$dir"
  touch "$dir/.done"
}

for meta in linux-image-686 linux-image-686-pae; do
  pkg=$(resolve "$meta")
  if [ -z "$pkg" ]; then
    apt-get update >>"$log" 2>&1 || true
    pkg=$(resolve "$meta")
  fi
  [ -n "$pkg" ] || { echo "prepare: apt-cache cannot resolve $meta:i386" >&2; exit 1; }
  fetch "$pkg"
  eval "pkg_${meta//[-]/_}=$pkg"
done
fetch busybox-static

k686=$(ls "$cache/$pkg_linux_image_686"/boot/vmlinuz-* | head -n 1)
kpae=$(ls "$cache/$pkg_linux_image_686_pae"/boot/vmlinuz-* | head -n 1)

# The initramfs: busybox, its applet links, and an /init that mounts the
# usual file systems and runs a shell on the console.
initrd="$cache/initramfs.cpio.gz"
bb="$cache/busybox-static/bin/busybox"
if [ ! -e "$initrd" ] || [ "$initrd" -ot "$0" ] || [ "$initrd" -ot "$bb" ]; then
  root="$cache/initramfs"
  rm -rf "$root"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,root,etc}
  cp "$bb" "$root/bin/busybox"
  # The applet list comes from the package's own binary: run it natively
  # (i386 binaries run on this x86-64 host) or fall back to a fixed list.
  applets=$("$root/bin/busybox" --list-full 2>/dev/null || true)
  if [ -z "$applets" ]; then
    applets=$(printf 'bin/%s\n' sh ash cat echo ls mount umount uname dmesg mkdir rm \
      grep head tail wc sleep sync cp mv ln ps expr test true false seq; \
      printf 'sbin/%s\n' reboot poweroff halt)
  fi
  for a in $applets; do
    [ "$a" = bin/busybox ] && continue
    mkdir -p "$root/$(dirname "$a")"
    ln -sf /bin/busybox "$root/$a"
  done
  cat >"$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
echo "MIMIC-INIT-READY"
exec setsid cttyhack sh
INIT
  chmod +x "$root/init"
  (cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9) >"$initrd.tmp"
  mv "$initrd.tmp" "$initrd"
fi
echo "KERNEL686=$k686"
echo "KERNELPAE=$kpae"
echo "INITRD=$initrd"
