"""The tensor store: memory first, disk behind, one folder per process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

from impasto.errors import InvalidInputError, NotFoundError
from impasto.storage.tensors import DiskTensorStore


def test_round_trip_of_tensors_and_containers(tmp_path: Path) -> None:
    store = DiskTensorStore(tmp_path / "tensors")
    latents = torch.randn(1, 4, 8, 8)
    name = store.save(latents)
    assert torch.equal(store.load(name), latents)
    conditioning: dict[str, object] = {"embeds": torch.ones(1, 3, 4), "size": (64, 64)}
    loaded = store.load(store.save(conditioning))
    assert torch.equal(loaded["embeds"], torch.ones(1, 3, 4))
    assert loaded["size"] == (64, 64)


def test_values_evicted_from_memory_are_read_from_disk(tmp_path: Path) -> None:
    store = DiskTensorStore(tmp_path / "tensors", memory_bytes=1024)
    names = [store.save(torch.full((64,), float(i))) for i in range(10)]  # 256 bytes each
    assert store.load(names[0])[0].item() == 0.0  # long evicted from memory
    assert store.load(names[-1])[0].item() == 9.0


def test_unknown_and_malformed_names(tmp_path: Path) -> None:
    store = DiskTensorStore(tmp_path / "tensors")
    with pytest.raises(NotFoundError):
        store.load("0" * 32)
    with pytest.raises(InvalidInputError):
        store.load("../../etc/passwd")


def test_folders_of_dead_processes_are_removed(tmp_path: Path) -> None:
    parent = tmp_path / "tensors"
    stale = parent / "999999999-deadbeef"
    stale.mkdir(parents=True)
    live = parent / f"{os.getpid()}-cafe0000"
    live.mkdir()
    store = DiskTensorStore(parent)
    assert not stale.exists()
    assert live.exists()  # another store of a running process (here: this one) is left alone
    store.close()
    assert not store.folder.exists()
