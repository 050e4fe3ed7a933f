"""What the server says at start-up about where and how generation will run.

Resolving the device imports torch (and may initialise CUDA), which takes a moment; the server does it
in the background so that it answers requests at once.
"""

from __future__ import annotations

import logging

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
