#!/bin/sh
# Debian packages the desktop needs beyond Python wheels: CJK fonts (Chinese text, offscreen too)
# and the X/EGL libraries Qt loads. Installs only what is missing; needs root or sudo for apt.
set -e
missing=""
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
for lib in libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libgl1; do
    dpkg -s "$lib" >/dev/null 2>&1 || missing="$missing $lib"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: missing$missing and no apt-get here; install them with your package manager" >&2
    exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
