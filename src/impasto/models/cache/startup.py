"""What the server says at start-up about where and how generation will run.

Resolving the device imports torch (and may initialise CUDA), which takes a moment and, for a CUDA build
of torch, hundreds of MiB of memory. The server therefore asks a short-lived child process
(``python -m impasto.models.cache.startup --root ROOT``, the same configuration) and logs its answer in
the background: it answers requests at once and stays small until the first generation loads torch.
It lives beside the model cache because what it reports is the cache's device, dtype and budgets.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

from impasto.models.cache import ModelCache

GIB = 1024**3
CPU_NOTICE = (
    "no GPU found: generation runs on the CPU, typically 10 to 50 times slower than on a GPU (an SD 1.5 "
    "image of 512x512 takes minutes instead of seconds); the bundled demo model and small sizes stay quick"
)


def execution_summary(cache: ModelCache, precision: str) -> list[tuple[int, str]]:
    """(log level, message) lines: device, weight dtype, memory budgets, and a notice on the CPU."""
    from impasto.models.cache.devices import resolve_dtype

    device = cache.execution_device
    dtype = str(resolve_dtype(precision, device)).removeprefix("torch.")
    ram, on_device = cache.ram_budget_bytes / GIB, cache.device_budget_bytes / GIB
    partial = "on" if cache.stats().partial_loading else "off"
    lines = [
        (logging.INFO, f"generation: device {device}, weights in {dtype} (precision: {precision})"),
        (
            logging.INFO,
            f"model cache: {ram:.1f} GiB of RAM, {on_device:.1f} GiB on {device}, partial loading {partial}",
        ),
    ]
    if device.type == "cpu":
        lines.append((logging.WARNING, CPU_NOTICE))
    return lines


def log_execution_setup(cache: ModelCache, precision: str, logger: logging.Logger) -> None:
    """Log :func:`execution_summary`; a failure (a misconfigured device) is logged, not raised."""
    try:
        lines = execution_summary(cache, precision)
    except Exception as exc:
        logger.error("generation will not work: %s", exc)
        return
    for level, message in lines:
        logger.log(level, message)


def log_execution_setup_from_child(root: Path, logger: logging.Logger, timeout_s: float = 120) -> None:
    """Log the summary as a child process with this root's configuration works it out."""
    command = [sys.executable, "-m", "impasto.models.cache.startup", "--root", str(root)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
        lines = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None
    except (OSError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
        logger.error("could not tell where generation will run: %s", exc)
        return
    if done.returncode != 0 or not isinstance(lines, list):
        logger.error("could not tell where generation will run: %s", done.stderr.strip()[-500:])
        return
    for level, message in lines:
        logger.log(int(level), str(message))


def main() -> None:
    """Print the summary for a root's configuration as one JSON line of [level, message] pairs."""
    from impasto.config import load_config

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--root", required=True)
    config = load_config(parser.parse_args().root)
    try:
        lines = execution_summary(ModelCache.from_config(config), config.precision)
    except Exception as exc:
        lines = [(logging.ERROR, f"generation will not work: {exc}")]
    sys.stdout.write(json.dumps(lines) + "\n")


if __name__ == "__main__":
    main()
