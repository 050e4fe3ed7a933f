"""Reading model weights without running code from them.

Pickle-based formats (``.ckpt``, ``.pt``, ``.pth``, ``.bin``) can execute arbitrary code while being
unpickled. Every pickle is therefore scanned with ``picklescan`` first (it lists the globals the pickle
would import, without unpickling), refused if any is dangerous, and then loaded with torch's restricted
``weights_only`` unpickler, which rebuilds only tensors and plain containers. ``.safetensors`` files hold
no code at all and are read directly. Identification and the loaders both read weights through here.
A model folder has every pickle below it scanned before it is identified, since the libraries that load
folders may open any of them.
"""

from __future__ import annotations

import logging
import os
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file

from impasto.errors import InvalidInputError

logger = logging.getLogger(__name__)

PICKLE_SUFFIXES = frozenset({".ckpt", ".pt", ".pth", ".bin", ".pkl"})
SAFETENSORS_SUFFIXES = frozenset({".safetensors", ".sft"})
# Wrappers training code puts around the weights; RealESRGAN prefers its EMA weights.
_WRAPPER_KEYS = ("state_dict", "params_ema", "params", "model_state_dict")

StateDict = dict[str, torch.Tensor]
_DISALLOWED_GLOBAL = re.compile(r"Unsupported global: GLOBAL ([\w.]+)")


class UnsafeModelError(InvalidInputError):
    """A pickle would run code (or import disallowed objects) if loaded; it is refused unopened."""

    code = "unsafe_model"


class DamagedModelError(InvalidInputError):
    """A model file is truncated, corrupt or not in the format its name claims."""

    code = "damaged_model"


def is_pickle(path: Path) -> bool:
    """Whether ``path`` has one of the pickle-based weight suffixes."""
    return path.suffix.lower() in PICKLE_SUFFIXES


def is_safetensors(path: Path) -> bool:
    """Whether ``path`` has a safetensors suffix."""
    return path.suffix.lower() in SAFETENSORS_SUFFIXES


def scan_pickle(path: Path, label: str | None = None) -> None:
    """Refuse ``path`` if the pickle inside imports anything picklescan rates dangerous.

    Raises :class:`UnsafeModelError` naming those globals (``builtins.exec``, ``os.system``...). Messages
    name the file as ``label`` (its path inside a model folder), else by its file name.
    """
    from picklescan.scanner import SafetyLevel, scan_file_path  # type: ignore[import-untyped]

    label = label or path.name
    try:
        result = scan_file_path(str(path))
    except Exception as exc:  # a file the scanner cannot even parse is not loaded either
        raise DamagedModelError(
            f"{label} is not a readable PyTorch weights file ({_first_line(exc)})",
            details={"path": str(path)},
        ) from exc
    dangerous = sorted({f"{g.module}.{g.name}" for g in result.globals if g.safety == SafetyLevel.Dangerous})
    if dangerous or result.infected_files:  # before a parse error: what was read already is damning
        names = ", ".join(dangerous) or "unknown globals"
        raise UnsafeModelError(
            f"{label} contains code that would run when it is loaded ({names}); it was not loaded. "
            "Use a .safetensors version of this model.",
            details={"path": str(path), "globals": dangerous},
        )
    if result.scan_err:
        raise DamagedModelError(
            f"{label}: could not be scanned for unsafe code; the file may be damaged",
            details={"path": str(path)},
        )


def scan_folder_pickles(folder: Path) -> None:
    """Scan every pickle-suffixed file anywhere below ``folder`` (:func:`scan_pickle`), first error raised.

    A model folder is handed whole to diffusers and transformers, which may ``torch.load`` any ``.bin`` in
    it (``unet/diffusion_pytorch_model.bin``, ``text_encoder/pytorch_model.bin``...). Identification reads
    only a few of them, so all are scanned before a folder is accepted, and linked folders are followed
    as those loaders would follow them.
    """
    for path in _files_below(folder):
        if is_pickle(path):
            scan_pickle(path, label=path.relative_to(folder).as_posix())


def _files_below(folder: Path) -> list[Path]:
    """Every file below ``folder``, sorted; symlinked folders are followed, each real folder once."""
    files: list[Path] = []
    seen: set[str] = set()
    for current, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:  # a link back up the tree (or a second link to one folder)
            dirs[:] = []
            continue
        seen.add(real)
        files.extend(Path(current, name) for name in names)
    return sorted(files)


def load_pickle(path: Path) -> Any:
    """The object in a scanned pickle, rebuilt by torch's ``weights_only`` unpickler (tensors on CPU).

    Zip-format files (what ``torch.save`` writes) are memory-mapped, so tensors that are never touched
    are never read; legacy pickle streams cannot be and are read whole.
    """
    import pickle

    scan_pickle(path)
    try:
        return torch.load(path, map_location="cpu", weights_only=True, mmap=zipfile.is_zipfile(path))
    except pickle.UnpicklingError as exc:
        disallowed = _DISALLOWED_GLOBAL.search(str(exc))
        if disallowed is None:  # not a refusal: a damaged stream the restricted unpickler cannot parse
            raise DamagedModelError(
                f"{path.name} is not a readable PyTorch weights file (its pickle data is damaged)",
                details={"path": str(path)},
            ) from exc
        raise UnsafeModelError(
            f"{path.name} holds Python objects that are not plain weights ({disallowed[1]}), "
            "so it was not loaded",
            details={"path": str(path), "globals": [disallowed[1]]},
        ) from exc
    except (RuntimeError, ValueError, EOFError, OSError) as exc:
        raise DamagedModelError(
            f"{path.name} is not a readable PyTorch weights file ({_first_line(exc)})",
            details={"path": str(path)},
        ) from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def load_state_dict(path: Path) -> StateDict:
    """All tensors of a weights file, keyed by name; pickles are scanned and loaded weights-only.

    Training wrappers (``{"state_dict": ...}``, ``params_ema``) are removed and nested dicts are
    flattened with dotted keys (``string_to_param.*``); other values (step counts, names) are dropped.
    """
    if is_safetensors(path):
        try:
            return load_file(str(path))
        except (SafetensorError, OSError) as exc:
            raise DamagedModelError(f"{path.name} is not a readable safetensors file ({exc})") from exc
    return flatten_tensors(unwrap_weights(load_pickle(path)))


def unwrap_weights(obj: Any) -> Any:
    """The weights inside a training checkpoint's wrapper dicts (``state_dict``, ``params_ema``...)."""
    while isinstance(obj, Mapping):
        inner = next((obj[k] for k in _WRAPPER_KEYS if isinstance(obj.get(k), Mapping)), None)
        if inner is None:
            break
        obj = inner
    return obj


def flatten_tensors(obj: Any, prefix: str = "") -> StateDict:
    """Every tensor in nested dicts, keyed by its dotted path."""
    out: StateDict = {}
    if isinstance(obj, torch.Tensor):
        out[prefix.removesuffix(".")] = obj
    elif isinstance(obj, Mapping):
        for key, value in obj.items():
            out.update(flatten_tensors(value, f"{prefix}{key}."))
    return out
