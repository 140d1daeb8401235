"""OpsDesk desktop client: ``python main.py [--server URL] [--lang zh_Hant|en] [--data-dir DIR]``."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
