"""The bundle's backend executable (``opsdesk-backend``): ``python -m backend`` for a frozen desktop.

A frozen application has no Python to run ``-m backend`` with, so the bundle carries this second
executable beside the desktop's, sharing its libraries (packaging/opsdesk.spec). The desktop starts
it as its embedded server (desktop/embedded_backend.py); an operator runs its commands with it
(``opsdesk-backend create-user ...``, ``opsdesk-backend backups ...``). It is a console program: the
desktop reads its ready line on stdout, which a windowed executable on Windows does not have.
"""

import multiprocessing
import sys

from backend.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # several workers run as processes of this executable
    sys.exit(main())
