"""Entry point of ``python -m tools.demo_model``."""

import sys

from tools.demo_model.cli import main

if __name__ == "__main__":
    sys.exit(main())
