"""``python -m desktop.screenshots``: see the package's docstring."""

import sys

from desktop.screenshots import main

sys.exit(main())
