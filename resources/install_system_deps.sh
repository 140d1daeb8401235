#!/bin/sh
# Debian packages the desktop needs beyond Python wheels: CJK fonts (Chinese text, offscreen too),
# the X/EGL libraries Qt loads, and the xcb libraries of Qt 6's X11 platform plugin, which a
# minimal Debian or Ubuntu desktop lacks ("Could not load the Qt platform plugin xcb").
# Installs only what is missing; needs root or sudo for apt.
# With --test, also LibreOffice Calc (headless), which the tests use to open the templates and
# exports as a user's spreadsheet would, Xvfb, on which a test starts the desktop's X11
# platform as `make run` does on a desktop, and HAProxy, the load balancer a test puts in front of
# two backend instances on one PostgreSQL; if they cannot be installed, those tests say they skipped.
set -e
optional=""
if [ "${1:-}" = "--test" ]; then
    command -v soffice >/dev/null 2>&1 || optional="libreoffice-calc-nogui"
    command -v Xvfb >/dev/null 2>&1 || optional="$optional xvfb"
    command -v haproxy >/dev/null 2>&1 || optional="$optional haproxy"
fi
missing=""
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
# The xcb list is what libqxcb.so and libQt6XcbQpa.so load (tests/test_system_deps.py checks it with ldd).
for lib in libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libgl1 \
           libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
           libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1; do
    dpkg -s "$lib" >/dev/null 2>&1 || missing="$missing $lib"
done
[ -z "$missing$optional" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "warning: missing$missing $optional and no apt-get here; install them with your package manager" >&2
    exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! $SUDO apt-get update -qq; then
    [ -n "$missing" ] && exit 1
    echo "warning: apt-get update failed; the LibreOffice, X11 and load balancer checks will be skipped" >&2
    exit 0
fi
if [ -n "$missing" ]; then
    echo "installing:$missing"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if [ -n "$optional" ]; then
    echo "installing for the tests: $optional"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $optional \
        || echo "warning: $optional not installed; the tests that need them will be skipped" >&2
fi
