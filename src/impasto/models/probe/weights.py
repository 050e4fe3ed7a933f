"""Key names, shapes and metadata of a weights file, read without running or (mostly) loading it.

safetensors: only the JSON header is read (8-byte little-endian length, then the header), which also
lets a truncated file be caught before anyone tries to load it. GGUF: the tensor index, through the
``gguf`` reader (memory-mapped). Pickles: scanned and loaded weights-only via :mod:`impasto.models.
security`, memory-mapped where torch allows, so shapes are known without reading the tensors' bytes.
The container is told by its first bytes, not by the file's suffix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from impasto.models.security import (
    DamagedModelError,
    flatten_tensors,
    is_pickle,
    is_safetensors,
    load_pickle,
    unwrap_weights,
)

Container = Literal["safetensors", "pickle", "gguf"]
Shape = tuple[int, ...]
MAX_HEADER_BYTES = 100 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_PICKLE_PROTO = 0x80


@dataclass(frozen=True)
class Weights:
    """What identification may look at: every tensor's name and shape, plus the file's metadata."""

    container: Container
    shapes: Mapping[str, Shape]
    metadata: Mapping[str, str] = field(default_factory=dict)

    def shape(self, key: str) -> Shape | None:
        """The shape of ``key``, or None if the file has no such tensor."""
        return self.shapes.get(key)

    def has(self, *keys: str) -> bool:
        """Whether every one of ``keys`` is present."""
        return all(k in self.shapes for k in keys)

    def has_prefix(self, prefix: str) -> bool:
        """Whether any key starts with ``prefix``."""
        return any(k.startswith(prefix) for k in self.shapes)

    def find(self, pattern: str) -> tuple[str, Shape] | None:
        """The first key (in sorted order) that ``pattern`` matches in full, with its shape."""
        regex = re.compile(pattern)
        for key in sorted(self.shapes):
            if regex.fullmatch(key):
                return key, self.shapes[key]
        return None

    def sample(self, limit: int = 8) -> list[str]:
        """A few keys from different parts of the file, for messages about what was seen."""
        seen: dict[str, str] = {}
        for key in sorted(self.shapes):
            seen.setdefault(".".join(key.split(".")[:2]), key)
        picked = list(seen.values())
        return picked[:limit]


def sniff(path: Path) -> Container | None:
    """The container format of ``path`` judged by its first bytes (None: not a weights file)."""
    with path.open("rb") as handle:
        head = handle.read(9)
    if head[:4] == b"GGUF":
        return "gguf"
    # A safetensors header length can start with the pickle protocol byte (0x80: a length of 128 + 256n),
    # so the header's opening brace at byte 8 and a length that fits the file are checked first.
    if len(head) == 9 and head[8:9] == b"{" and int.from_bytes(head[:8], "little") < path.stat().st_size:
        return "safetensors"
    if head[:4] == _ZIP_MAGIC or (head and head[0] == _PICKLE_PROTO):
        return "pickle"
    if is_safetensors(path):
        return "safetensors"  # a damaged file with the right name: say so rather than "unrecognised"
    return "pickle" if is_pickle(path) and head else None


def read_weights(path: Path) -> Weights | None:
    """The tensors' names and shapes in ``path`` (None when it is not a weights file at all)."""
    container = sniff(path)
    if container == "safetensors":
        return read_safetensors_header(path)
    if container == "gguf":
        return _read_gguf(path)
    if container == "pickle":
        return _read_pickle(path)
    return None


def read_safetensors_header(path: Path) -> Weights:
    """Parse a safetensors header, checking that the tensors it describes fit in the file."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        length = int.from_bytes(handle.read(8), "little")
        if size < 8 or length < 2 or length > min(size - 8, MAX_HEADER_BYTES):
            raise _damaged(path, f"its header length ({length} bytes) does not fit a {size}-byte file")
        raw = handle.read(length)
    header = _parse_header(path, raw)
    metadata = header.pop("__metadata__", None) or {}
    shapes, end = _header_shapes(path, header)
    if 8 + length + end > size:
        available = size - 8 - length
        raise _damaged(path, f"it is truncated: {end} bytes of tensors are described, {available} present")
    return Weights("safetensors", shapes, {str(k): str(v) for k, v in metadata.items()})


def _parse_header(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _damaged(path, f"its header is not valid JSON ({exc})") from exc
    if not isinstance(header, dict):
        raise _damaged(path, "its header is not a JSON object")
    return header


def _header_shapes(path: Path, header: Mapping[str, Any]) -> tuple[dict[str, Shape], int]:
    shapes: dict[str, Shape] = {}
    end = 0
    for key, info in header.items():
        try:
            shapes[key] = tuple(int(d) for d in info["shape"])
            end = max(end, int(info["data_offsets"][1]))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise _damaged(path, f"the header entry for {key!r} is malformed") from exc
    return shapes, end


def _read_gguf(path: Path) -> Weights:
    import gguf

    try:
        reader = gguf.GGUFReader(str(path))
    except (ValueError, OSError, IndexError) as exc:
        raise _damaged(path, f"it is not a readable GGUF file ({exc})") from exc
    # GGUF lists dimensions innermost first; torch lists them outermost first.
    shapes = {t.name: tuple(int(d) for d in reversed(t.shape)) for t in reader.tensors}
    metadata: dict[str, str] = {}
    for name in ("general.architecture", "general.name"):
        entry = reader.fields.get(name)
        if entry is not None:
            metadata[name] = str(entry.contents())
    return Weights("gguf", shapes, metadata)


def _read_pickle(path: Path) -> Weights:
    obj = load_pickle(path)
    metadata: dict[str, str] = {}
    if isinstance(obj, Mapping) and isinstance(obj.get("global_step"), int):
        metadata["global_step"] = str(obj["global_step"])
    tensors = flatten_tensors(unwrap_weights(obj))
    return Weights("pickle", {k: tuple(v.shape) for k, v in tensors.items()}, metadata)


def _damaged(path: Path, why: str) -> DamagedModelError:
    return DamagedModelError(f"{path.name} is not a readable model file: {why}", details={"path": str(path)})
