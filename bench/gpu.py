"""`python bench/gpu.py [--dry-run]`: the GPU check, runnable as a file from a fresh clone.

The check itself lives in :mod:`bench.gpu_check`; this file only makes the repository's root (for
``bench``) and ``src`` (for ``impasto``, when it is not installed) importable, so the check also runs on
a machine whose image has torch and diffusers but where Impasto was never installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    for folder in (REPOSITORY, REPOSITORY / "src"):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    from bench.gpu_check.__main__ import main

    sys.exit(main())
