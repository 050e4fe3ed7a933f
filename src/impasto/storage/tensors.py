"""The tensor store: latents, conditioning and masks by name, for nodes to pass along edges.

Values are kept in memory (bounded by bytes, least recently used first out) and written through to disk, so
a value evicted from memory can still be read by a later node or by a cached node result. Files are only
meaningful to the process that wrote them (its structural node cache, in memory, is what names them), so
each process writes into a folder of its own and, when it opens, removes the folders of processes that
are gone. Values are tensors or plain containers of tensors and numbers, read back with
``weights_only=True``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Any

from impasto.errors import InvalidInputError, NotFoundError

logger = logging.getLogger(__name__)

NAME_PATTERN = re.compile(r"^[0-9a-f]{32}$")
DEFAULT_MEMORY_BYTES = 512 * 1024**2


class DiskTensorStore:
    """Tensors (and dicts/lists/tuples of tensors and numbers) by name, memory first, disk behind."""

    def __init__(self, parent: Path, memory_bytes: int = DEFAULT_MEMORY_BYTES) -> None:
        _remove_abandoned(parent)
        self.folder = parent / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.folder.mkdir(parents=True)
        self.memory_bytes = memory_bytes
        self._memory: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def close(self) -> None:
        """Forget everything and remove this process's folder."""
        with self._lock:
            self._memory.clear()
            self._held = 0
        shutil.rmtree(self.folder, ignore_errors=True)

    def save(self, value: Any) -> str:
        """Store ``value`` (on the CPU) and return its new name."""
        import torch

        name = uuid.uuid4().hex
        value = _to_cpu(value)
        temp = self.folder / f".{name}.tmp"
        torch.save(value, temp)
        temp.replace(self.folder / f"{name}.pt")
        self._remember(name, value)
        return name

    def load(self, name: str) -> Any:
        """The value stored under ``name``; raises ``NotFoundError`` if there is none."""
        import torch

        path = self._path(name)
        with self._lock:
            held = self._memory.get(name)
            if held is not None:
                self._memory.move_to_end(name)
                return held[0]
        if not path.is_file():
            raise NotFoundError(f"tensor '{name}' does not exist (it belongs to an earlier run)")
        value = torch.load(path, map_location="cpu", weights_only=True)
        self._remember(name, value)
        return value

    def delete(self, name: str) -> None:
        path = self._path(name)
        with self._lock:
            entry = self._memory.pop(name, None)
            if entry is not None:
                self._held -= entry[1]
        path.unlink(missing_ok=True)

    def _remember(self, name: str, value: Any) -> None:
        size = _nbytes(value)
        if size > self.memory_bytes:
            return
        with self._lock:
            self._memory[name] = (value, size)
            self._held += size
            while self._held > self.memory_bytes and self._memory:
                _, (_, dropped) = self._memory.popitem(last=False)
                self._held -= dropped

    def _path(self, name: str) -> Path:
        if not NAME_PATTERN.match(name):
            raise InvalidInputError(f"'{name}' is not a valid tensor name")
        return self.folder / f"{name}.pt"


def _remove_abandoned(parent: Path) -> None:
    """Delete the folders of processes that no longer run (they were stopped without cleaning up)."""
    if not parent.is_dir():
        return
    for folder in parent.iterdir():
        pid = folder.name.split("-", 1)[0]
        if folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _to_cpu(value: Any) -> Any:
    import torch

    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu")
    if isinstance(value, dict):
        return {key: _to_cpu(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_to_cpu(item) for item in value)
    return value


def _nbytes(value: Any) -> int:
    import torch

    if isinstance(value, torch.Tensor):
        return int(value.element_size() * value.nelement())
    if isinstance(value, dict):
        return sum(_nbytes(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(_nbytes(item) for item in value)
    return 0
