"""Running out of device memory: free what the model cache holds and say what the user can change.

An out-of-memory error in the middle of a generation leaves the models it locked on the device; once the
locks are released (the guard sits outside them) the cache is emptied so the next attempt starts clean,
and the error the user sees names the remedies rather than a CUDA allocator message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from impasto.errors import ImpastoError

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

REMEDIES = (
    "try a smaller image size, fewer images at once or fewer ControlNets; enable partial loading "
    "(enable_partial_loading: true) or lower vram_cache_gb in impasto.yaml so models stream in layer by "
    "layer; or use precision float16 on a GPU"
)


class OutOfDeviceMemoryError(ImpastoError):
    """The execution device ran out of memory during a generation step."""

    code = "out_of_memory"
    status_code = 507


class _Emptiable(Protocol):
    def empty(self) -> Any: ...


class MemoryGuard:
    """Collects the model caches a run used, so that an out-of-memory error can empty them."""

    def __init__(self) -> None:
        self.caches: list[_Emptiable] = []

    def track(self, loaded: Any) -> Any:
        """Remember the cache a loaded model lives in; returns the loaded model."""
        cache = getattr(loaded, "cache", None)
        if cache is not None and all(cache is not known for known in self.caches):
            self.caches.append(cache)
        return loaded


def is_out_of_memory(exc: BaseException) -> bool:
    """CUDA's ``OutOfMemoryError``, and the ``RuntimeError`` of the MPS backend and of the CPU allocator."""
    import torch

    if isinstance(exc, torch.OutOfMemoryError):
        return True
    message = str(exc).lower()
    return isinstance(exc, RuntimeError) and (
        "out of memory" in message or "can't allocate memory" in message
    )


@contextmanager
def out_of_memory_guard(what: str) -> Iterator[MemoryGuard]:
    """Turn an out-of-memory error raised in the block into :class:`OutOfDeviceMemoryError`."""
    guard = MemoryGuard()
    try:
        yield guard
    except Exception as exc:
        if not is_out_of_memory(exc):
            raise
        _release(guard)
        raise OutOfDeviceMemoryError(
            f"the device ran out of memory while {what}; the model cache was emptied. To fix it: {REMEDIES}",
            {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__},
        ) from exc


def _release(guard: MemoryGuard) -> None:
    import torch

    for cache in guard.caches:
        result = cache.empty()
        logger.warning("out of device memory: emptied the model cache (%s)", result)
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    elif torch.backends.mps.is_available():
        torch.mps.empty_cache()


def check_fits(need: int, device: torch.device, subject: str, width: int, height: int, hint: str) -> None:
    """Refuse a pass whose estimated working memory is more than the device has in all: it could only
    fail, after a long wait or by taking the machine's memory from everything else."""
    from impasto.models.cache.devices import device_memory
    from impasto.models.limits import memory_error

    memory = device_memory(device)
    if need > memory.total:
        raise memory_error(subject, width, height, need, memory.total, memory.name, hint)


def free_bytes(device: torch.device) -> int:
    """Memory free on the device now (RAM for the CPU)."""
    from impasto.models.cache.devices import device_memory

    return device_memory(device).free
