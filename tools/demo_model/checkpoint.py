"""Checkpoint and small-record files of a training run, written atomically.

A phase's checkpoint is two files: ``state.pt`` (weights, EMA, step, RNG state: enough to export or to
continue with a fresh optimizer) and ``optim.pt`` (the optimizer state). Keeping them apart lets the
GPU script bring back the useful part when the whole does not fit its file-size limit.
"""

from __future__ import annotations

import json
import logging
import os
import tarfile
from pathlib import Path
from typing import Any

import torch

log = logging.getLogger(__name__)

STATE_FILE = "state.pt"
OPTIM_FILE = "optim.pt"
DONE_FILE = "done.json"


def _atomic(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    os.replace(tmp, path)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as indented JSON, atomically."""
    _atomic(path, lambda p: p.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n"))


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or None if there is no such file."""
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def save_checkpoint(directory: Path, state: dict[str, Any], optim: dict[str, Any]) -> None:
    """Write both checkpoint files; the optimizer first, so ``state.pt`` only ever names a full checkpoint."""
    _atomic(directory / OPTIM_FILE, lambda p: torch.save(optim, p))
    _atomic(directory / STATE_FILE, lambda p: torch.save(state, p))


def load_checkpoint(directory: Path) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(state, optimizer state) of the checkpoint in ``directory``, or None if there is none."""
    if not (directory / STATE_FILE).is_file():
        return None
    state: dict[str, Any] = torch.load(directory / STATE_FILE, map_location="cpu", weights_only=False)
    optim: dict[str, Any] = torch.load(directory / OPTIM_FILE, map_location="cpu", weights_only=False)
    return state, optim


def rng_state(*generators: torch.Generator) -> list[torch.Tensor]:
    """States of the given generators, as CPU byte tensors."""
    return [g.get_state() for g in generators]


def set_rng_state(states: list[torch.Tensor], *generators: torch.Generator) -> None:
    """Restore generator states saved by ``rng_state``."""
    for g, s in zip(generators, states, strict=True):
        g.set_state(s)


def pack_files(root: Path, candidates: list[str], out: Path, max_bytes: int) -> list[str]:
    """Tar the candidate files (relative to ``root``) that exist, in priority order, while they fit.

    Returns the names packed. A tar adds 512 bytes of header per file plus padding, counted here.
    """
    chosen: list[str] = []
    total = 10240  # end-of-archive blocks and slack
    for name in candidates:
        path = root / name
        if not path.is_file():
            continue
        size = 512 + -(-path.stat().st_size // 512) * 512
        if total + size <= max_bytes:
            chosen.append(name)
            total += size
        else:
            log.warning("not packing %s (%.1f MB): over the %d-byte limit", name, size / 1e6, max_bytes)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out, "w") as tar:
        for name in chosen:
            tar.add(root / name, arcname=name)
    return chosen
