#!/usr/bin/env bash
# Builds a sysroot of real Debian i386 software (busybox, bash, coreutils,
# python3, sqlite3, gzip, bzip2, xz, gawk) from Debian's i386 packages, unpacked
# with dpkg -x (nothing is installed system-wide). Cached: a stamp file
# records the package list. Usage: i386-sysroot.sh DEST
set -euo pipefail
dest=${1:?usage: i386-sysroot.sh DEST}
pkgs=(
  libc6 libgcc-s1 busybox-static bash libtinfo6 coreutils libacl1 libattr1
  libselinux1 libpcre2-8-0 libgmp10 libssl3 sqlite3 libsqlite3-0 libreadline8
  zlib1g libedit2 libbsd0 libmd0 python3.11-minimal libpython3.11-minimal
  libpython3.11-stdlib libexpat1 libffi8 libncursesw6 libuuid1 libdb5.3
  libnsl2 libtirpc3 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libcom-err2
  libkrb5support0 libkeyutils1 libcrypt1 liblzma5 libbz2-1.0
  gzip bzip2 xz-utils gawk libmpfr6 libsigsegv2
)
stamp="$dest/.mimic-sysroot"
want=$(printf '%s\n' "${pkgs[@]}")
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  $SUDO dpkg --add-architecture i386
  # bookworm-security's i386 index may fail; main and updates suffice.
  $SUDO apt-get update -qq || true
fi
dl=$(mktemp -d)
trap 'rm -rf "$dl"' EXIT
args=()
for p in "${pkgs[@]}"; do args+=("$p:i386"); done
if ! (cd "$dl" && apt-get download -qq "${args[@]}" >/dev/null 2>&1); then
  $SUDO apt-get update -qq || true
  (cd "$dl" && apt-get download -qq "${args[@]}" >/dev/null)
fi
rm -rf "$dest"
mkdir -p "$dest"
for f in "$dl"/*.deb; do dpkg-deb -x "$f" "$dest"; done
# Absolute symlinks would point into the host: make them relative.
(cd "$dest" && find . -type l -lname '/*' -print0 | while IFS= read -r -d '' l; do
  t=$(readlink "$l")
  rel=$(realpath -m --relative-to="$(dirname "$l")" ".$t")
  ln -sfn "$rel" "$l"
done)
mkdir -p "$dest/etc"
printf '/lib/i386-linux-gnu\n/usr/lib/i386-linux-gnu\n' > "$dest/etc/ld.so.conf"
ldconfig -r "$dest" 2>/dev/null || true
echo "$want" > "$stamp"
echo "i386-sysroot: unpacked ${#pkgs[@]} packages into $dest"
