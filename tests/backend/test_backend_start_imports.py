"""What a backend process imports to start: not the libraries only some requests need. openpyxl
(with numpy) loads when an export writes a sheet, httpx when an SMS is sent; imported at start they
cost every ``python -m backend`` about a second (the embedded server, each instance behind a
balancer, each worker). A fresh interpreter says what the server's modules import."""

import subprocess
import sys

from tests.conftest import ROOT

LOADED_WHEN_NEEDED = ("openpyxl", "numpy", "httpx")


def test_the_backend_starts_without_what_only_some_requests_need():
    probe = ("import sys, backend.__main__, backend.app; "
             f"print(' '.join(m for m in {LOADED_WHEN_NEEDED!r} if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    assert found == [], f"imported by the backend at start: {found}"
