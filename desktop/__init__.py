"""The application shell: QApplication + qasync loop, sign-in, main window, settings, embedded backend."""

import os

# qasync picks its Qt binding at import; name it before any shell module imports qasync.
os.environ.setdefault("QT_API", "pyside6")
