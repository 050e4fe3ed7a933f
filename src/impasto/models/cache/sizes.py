"""How many bytes a cached object holds, and which module (if any) the cache moves for it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import torch
from torch import nn


def module_of(obj: Any) -> nn.Module | None:
    """The module whose weights move to the device when ``obj`` is locked.

    A module itself, or the ``model`` of a wrapper such as spandrel's ``ImageModelDescriptor``. Tokenizers,
    schedulers and tensor bundles (LoRA, embeddings) have none: they stay where their user puts them.
    """
    if isinstance(obj, nn.Module):
        return obj
    inner = getattr(obj, "model", None)
    return inner if isinstance(inner, nn.Module) else None


def object_bytes(obj: Any) -> int:
    """Bytes of the tensors an object holds (each tensor once); 0 for objects without tensors."""
    seen: set[int] = set()
    return _bytes(obj, seen, depth=0)


def _bytes(obj: Any, seen: set[int], depth: int) -> int:
    if depth > 8 or id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, torch.Tensor):
        return obj.numel() * obj.element_size()
    module = module_of(obj)
    if module is not None:
        tensors = [*module.parameters(), *module.buffers()]
        return sum(_bytes(t, seen, depth + 1) for t in tensors)
    if isinstance(obj, Mapping):
        return sum(_bytes(v, seen, depth + 1) for v in obj.values())
    if isinstance(obj, list | tuple):
        return sum(_bytes(v, seen, depth + 1) for v in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return sum(_bytes(getattr(obj, f.name), seen, depth + 1) for f in dataclasses.fields(obj))
    return 0
