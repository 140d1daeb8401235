"""`make run` on a desktop: Qt's X11 platform plugin finds every library it loads (the project's
resources/install_system_deps.sh installs them; a minimal Debian lacks libxcb-cursor0 and others)
and starts a window on a real X server."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

QT = Path(PySide6.__file__).resolve().parent / "Qt"
XCB_LIBRARIES = (QT / "plugins" / "platforms" / "libqxcb.so", QT / "lib" / "libQt6XcbQpa.so.6")
SHOW_A_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("OpsDesk")
label.show()
app.processEvents()
print(app.platformName(), label.isVisible(), label.windowHandle() is not None)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")
def test_the_x11_platform_plugin_finds_every_library_it_loads():
    found = subprocess.run(["ldd", *map(str, XCB_LIBRARIES)], capture_output=True, text=True, check=True).stdout
    missing = sorted({line.split()[0] for line in found.splitlines() if "not found" in line})
    assert missing == [], f"install them with resources/install_system_deps.sh: {missing}"


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_the_desktop_starts_a_window_on_an_x_server(tmp_path):
    # -displayfd: Xvfb picks a free display and writes its number when it is ready to take clients.
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as ready:
            display = ready.readline().strip()
        assert display, "Xvfb did not start"
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | {
            "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(tmp_path)}
        shown = subprocess.run([sys.executable, "-c", SHOW_A_WINDOW], env=env, capture_output=True, text=True,
                               timeout=120)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.split() == ["xcb", "True", "True"], shown.stderr
    finally:
        server.terminate()
        server.wait()
