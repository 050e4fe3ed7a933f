"""Choosing the execution device, the weight precision and the cache budgets from the configuration.

torch is imported inside the functions: the server imports the cache package at start-up and must not pay
for (or require) torch until a model is actually used.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from impasto.errors import ConfigError
from impasto.models.taxonomy import BaseModelType

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

GIB = 1024**3
_MIN_RAM_BUDGET = 1 * GIB
_RAM_MARGIN = 1 * GIB


def resolve_device(setting: str = "auto") -> torch.device:
    """The execution device: ``auto`` picks CUDA, then Apple's MPS, then the CPU.

    A named device that this machine lacks is a configuration error, not a silent fallback to the CPU
    (which would make generation mysteriously 50x slower).
    """
    import torch

    if setting == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda", torch.cuda.current_device())
        if torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if not re.fullmatch(r"cpu|mps|cuda(:\d+)?", setting):
        raise ConfigError(f"`device` = {setting!r}: expected auto, cpu, mps, cuda or cuda:N")
    device = torch.device(setting)
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise ConfigError(f"`device` = {setting!r}, but CUDA is not available on this machine")
        index = device.index or 0
        if index >= torch.cuda.device_count():
            raise ConfigError(f"`device` = {setting!r}, but only {torch.cuda.device_count()} CUDA device(s)")
        return torch.device("cuda", index)
    if device.type == "mps" and not torch.backends.mps.is_available():
        raise ConfigError(f"`device` = {setting!r}, but MPS is not available on this machine")
    return device


def resolve_dtype(precision: str, device: torch.device, base: BaseModelType | None = None) -> torch.dtype:
    """Weight precision: ``auto`` is float16 on CUDA (bfloat16 for FLUX, which overflows in float16) and
    float32 on the CPU and MPS, where half precision is slow or lossy."""
    import torch

    named = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
    if precision in named:
        return named[precision]
    if precision != "auto":
        raise ConfigError(f"`precision` = {precision!r}: expected auto, float32, float16 or bfloat16")
    if device.type == "cuda":
        return torch.bfloat16 if base is BaseModelType.FLUX else torch.float16
    return torch.float32


def auto_ram_budget_bytes() -> int:
    """Half of the machine's RAM less a margin for the rest of the process, at least 1 GiB."""
    import psutil  # type: ignore[import-untyped]

    total = int(psutil.virtual_memory().total)
    return max(total // 2 - _RAM_MARGIN, _MIN_RAM_BUDGET)


def auto_device_budget_bytes(device: torch.device, working_mem_bytes: int) -> int:
    """Free device memory now, less the working memory kept for activations.

    On the CPU the device *is* RAM, so the RAM budget applies and this returns it.
    """
    import torch

    if device.type == "cuda":
        free, _total = torch.cuda.mem_get_info(device)
        budget = int(free) - working_mem_bytes
    elif device.type == "mps":
        budget = int(torch.mps.recommended_max_memory()) - working_mem_bytes
    else:
        return auto_ram_budget_bytes()
    if budget <= 0:
        logger.warning("device %s has less free memory than the working memory kept free", device)
    return max(budget, 0)


def gib_to_bytes(value: float) -> int:
    return int(value * GIB)


@dataclass(frozen=True)
class DeviceMemory:
    """The memory work on a device can use: in all, and free now (bytes)."""

    device: str
    """``cpu``, ``cuda:0``, ``mps``: where the memory is."""
    total: int
    free: int

    @property
    def kind(self) -> str:
        """The device type (``cpu``, ``cuda``, ``mps``)."""
        return self.device.split(":", 1)[0]

    @property
    def name(self) -> str:
        return "RAM" if self.kind == "cpu" else f"memory on {self.device}"


def ram_memory() -> DeviceMemory:
    """The machine's RAM: its size and what is available now."""
    import psutil

    memory = psutil.virtual_memory()
    return DeviceMemory("cpu", int(memory.total), int(memory.available))


def device_memory(device: torch.device) -> DeviceMemory:
    """The memory of an execution device; on CUDA, memory torch holds but does not use counts as free."""
    import torch

    if device.type == "cuda":
        free, total = torch.cuda.mem_get_info(device)
        idle = torch.cuda.memory_reserved(device) - torch.cuda.memory_allocated(device)
        return DeviceMemory(str(device), int(total), int(free + idle))
    if device.type == "mps":
        total = int(torch.mps.recommended_max_memory())
        return DeviceMemory("mps", total, max(total - int(torch.mps.current_allocated_memory()), 0))
    return ram_memory()


def known_device_memory(setting: str) -> DeviceMemory:
    """The configured device's memory, without importing torch to find out: until torch is loaded (by the
    first generation), the RAM's, which on a GPU machine bounds the device's from above."""
    if setting == "cpu" or "torch" not in sys.modules:
        return ram_memory()
    try:
        device = resolve_device(setting)
    except ConfigError:  # a device this machine lacks: generation says so when it runs
        return ram_memory()
    return device_memory(device)
