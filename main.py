"""Start Wallboard 112 (same as the `wallboard` command)."""

import sys

from wallboard.shell.cli import main

if __name__ == "__main__":
    sys.exit(main())
