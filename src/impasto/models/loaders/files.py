"""Reading weights from model files: safetensors directly (only the keys asked for), pickles only through
the security module's restricted loader."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError, safe_open

from impasto.models.loaders.base import ModelLoadError

SAFETENSORS_SUFFIXES = (".safetensors", ".sft")
StateDict = dict[str, torch.Tensor]


def is_safetensors(path: Path) -> bool:
    return path.suffix.lower() in SAFETENSORS_SUFFIXES


def read_state_dict(path: Path, prefixes: Iterable[str] | None = None) -> StateDict:
    """The tensors of a weights file, only those whose keys start with one of ``prefixes`` if given.

    With safetensors only the selected tensors are read, so loading a checkpoint's VAE does not read
    its 3 GB UNet. Pickles must be read whole; they go through :func:`impasto.models.security
    .load_state_dict`, which refuses code and loads tensors only.
    """
    wanted = tuple(prefixes) if prefixes is not None else None
    if not path.is_file():
        raise ModelLoadError(f"model file {path} does not exist")
    if is_safetensors(path):
        return _read_safetensors(path, wanted)
    from impasto.models.security import load_state_dict

    state = load_state_dict(path)  # unwraps {"state_dict": ...} and flattens nested dicts
    return {k: v for k, v in state.items() if wanted is None or k.startswith(wanted)}


def _read_safetensors(path: Path, wanted: tuple[str, ...] | None) -> StateDict:
    try:
        with safe_open(str(path), framework="pt", device="cpu") as handle:
            names: list[str] = handle.keys()
            keys = [k for k in names if wanted is None or k.startswith(wanted)]
            return {key: handle.get_tensor(key) for key in keys}
    except (OSError, SafetensorError) as exc:
        raise ModelLoadError(f"cannot read {path}: {exc}") from exc


def read_json(path: Path) -> dict[str, Any]:
    """A JSON config file, or a clear error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelLoadError(f"{path} is missing") from exc
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelLoadError(f"{path} must hold a JSON object")
    return data


def safetensors_metadata(path: Path) -> dict[str, str]:
    """The ``__metadata__`` of a safetensors file (empty for other files)."""
    if not is_safetensors(path):
        return {}
    with safe_open(str(path), framework="pt", device="cpu") as handle:
        return dict(handle.metadata() or {})
