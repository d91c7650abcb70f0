#!/usr/bin/env bash
# Fetches the benchmark programs' sources from Debian source packages
# (bzip2, lua5.4, sqlite3, libmd) into DIR, using a private apt state so
# the system's apt configuration is not touched. Cached.
# Usage: fetch.sh DIR
set -euo pipefail
dir=${1:?usage: fetch.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pkgs=(bzip2 lua5.4 sqlite3 libmd)
mkdir -p "$dir"
[ -f "$dir/.fetched" ] && exit 0
apt_dir="$dir/apt"
mkdir -p "$apt_dir/lists/partial"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
  > "$apt_dir/sources.list"
A=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
   -o Dir::State::Lists="$apt_dir/lists")
apt-get "${A[@]}" update -qq
(cd "$dir" && apt-get "${A[@]}" source --download-only -qq "${pkgs[@]}" 2>&1 | grep -v unsandboxed || true)
for t in "$dir"/*.orig.tar.*; do
  case "$t" in *.asc) continue ;; esac
  tar xf "$t" -C "$dir"
done
touch "$dir/.fetched"
echo "bench: fetched sources of ${pkgs[*]}"
