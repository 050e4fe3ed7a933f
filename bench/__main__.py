"""`python -m bench [--quick] [--cases a,b] [--threads N]`: run the benchmarks, print a table, write JSON."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
from pathlib import Path

from bench.harness import Row, format_table, write_results

CASES = ("startup", "events", "model_cache", "generation", "upscale", "canvas")
RESULTS = Path(__file__).parent / "results"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument(
        "--cases", default=",".join(CASES), help=f"comma-separated subset of {', '.join(CASES)}"
    )
    parser.add_argument("--threads", type=int, default=1, help="torch threads for in-process cases")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/<date>.json")
    args = parser.parse_args()
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    logging.basicConfig(level=logging.WARNING)
    import torch

    torch.set_num_threads(args.threads)
    rows: list[Row] = []
    for name in [c.strip() for c in args.cases.split(",") if c.strip()]:
        if name not in CASES:
            parser.error(f"unknown case '{name}'; known: {', '.join(CASES)}")
        started = time.perf_counter()
        module = importlib.import_module(f"bench.cases.{name}")
        rows.extend(module.run(args.quick))
        sys.stderr.write(f"{name}: {time.perf_counter() - started:.1f} s\n")
    sys.stdout.write(format_table(rows) + "\n")
    if not args.no_write:
        sys.stdout.write(f"written to {write_results(rows, RESULTS)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
