# Shell functions for test suites that use Debian's own packages at test
# time without installing them (source this file from bash).
#   debian_fetch PACKAGE DIR   apt-get download + dpkg-deb -x into DIR/root, once
#   debian_kernel_amd64        prints the current linux-image-6.1-ABI-amd64
#                              package name, resolved from the metapackage

debian_fetch() {
  local p=$1 d=$2
  [ -e "$d/.done" ] && return 0
  rm -rf "$d"; mkdir -p "$d"
  (cd "$d" && apt-get download "$p" >/dev/null 2>&1 && dpkg-deb -x ./*.deb root) || return 1
  touch "$d/.done"
}

debian_kernel_amd64() {
  apt-cache depends linux-image-amd64 2>/dev/null |
    awk '/Depends: linux-image-[0-9]/ {print $2; exit}'
}
