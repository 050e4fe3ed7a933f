"""Timing and memory on the execution device, shared by the GPU checks.

CUDA work is asynchronous, so a wall clock around a call measures the launches, not the work: on CUDA
the device is synchronised first and the call is timed with CUDA events recorded on the stream. On the
CPU (the dry runs) the wall clock is the measure. Peak memory is the CUDA allocator's and does not exist
on the CPU.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import torch

T = TypeVar("T")
GIB = 2**30


def synchronize(device: torch.device) -> None:
    """Wait for the work queued on ``device`` (nothing to wait for on the CPU)."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def reset_peak(device: torch.device) -> None:
    """Start a new peak-memory measurement (cached blocks are returned first)."""
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)


def peak_bytes(device: torch.device) -> int | None:
    """The most memory allocated on ``device`` since :func:`reset_peak`; None on the CPU."""
    return torch.cuda.max_memory_allocated(device) if device.type == "cuda" else None


def timed_call(action: Callable[[], T], device: torch.device) -> tuple[float, T]:
    """Seconds ``action`` keeps ``device`` busy (CUDA events on CUDA), and what it returned."""
    if device.type != "cuda":
        started = time.perf_counter()
        result = action()
        return time.perf_counter() - started, result
    start = torch.cuda.Event(enable_timing=True)  # type: ignore[no-untyped-call]
    end = torch.cuda.Event(enable_timing=True)  # type: ignore[no-untyped-call]
    torch.cuda.synchronize(device)
    start.record()
    result = action()
    end.record()
    end.synchronize()
    return start.elapsed_time(end) / 1000, result


def max_difference(first: torch.Tensor, second: torch.Tensor) -> float:
    """The largest |first - second|, in float32; infinite when they differ in shape or in where they are
    not finite (random weights can overflow float16, and NaN never equals NaN)."""
    a, b = first.detach().float().cpu(), second.detach().float().cpu()
    if a.shape != b.shape or not torch.equal(a.isfinite(), b.isfinite()):
        return float("inf")
    finite = a.isfinite()
    if not torch.equal(a[~finite].nan_to_num(), b[~finite].nan_to_num()):
        return float("inf")  # +inf against -inf, or inf against NaN
    return float((a[finite] - b[finite]).abs().max()) if finite.any() else 0.0
