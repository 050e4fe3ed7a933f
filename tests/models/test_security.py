"""Pickle security: code in a model file is refused unopened; plain weights load as tensors."""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from impasto.errors import InvalidInputError
from impasto.models.probe import identify
from impasto.models.security import (
    DamagedModelError,
    UnsafeModelError,
    load_pickle,
    load_state_dict,
    scan_folder_pickles,
    scan_pickle,
)

from .factory import write_embedding, write_malicious_pickle, write_sd1_checkpoint

torch.set_num_threads(1)


@pytest.fixture(params=[True, False], ids=["zip", "legacy"])
def malicious(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "pwned"
    path = write_malicious_pickle(tmp_path / "model.ckpt", marker, zipped=request.param)
    return path, marker


def test_unsafe_model_error_is_an_input_error() -> None:
    assert issubclass(UnsafeModelError, InvalidInputError)
    assert UnsafeModelError.code == "unsafe_model"


def test_scan_refuses_malicious_pickle_naming_the_global(malicious: tuple[Path, Path]) -> None:
    path, marker = malicious
    with pytest.raises(UnsafeModelError, match=r"model\.ckpt contains code .*exec") as caught:
        scan_pickle(path)
    assert any("exec" in name for name in caught.value.details["globals"])
    assert not marker.exists()


def test_load_state_dict_refuses_malicious_pickle(malicious: tuple[Path, Path]) -> None:
    path, marker = malicious
    with pytest.raises(UnsafeModelError):
        load_state_dict(path)
    assert not marker.exists()


def test_identify_refuses_malicious_pickle_without_running_it(malicious: tuple[Path, Path]) -> None:
    path, marker = malicious
    with pytest.raises(UnsafeModelError):
        identify(path)
    assert not marker.exists()


def test_objects_beyond_weights_are_refused_by_the_restricted_unpickler(tmp_path: Path) -> None:
    path = tmp_path / "odd.pt"
    torch.save({"w": torch.zeros(2), "args": argparse.Namespace(lr=1)}, path)
    with pytest.raises(UnsafeModelError, match=r"not plain weights \(argparse\.Namespace\)"):
        load_pickle(path)


def test_checkpoint_pickle_loads_unwrapped(tmp_path: Path) -> None:
    path = write_sd1_checkpoint(tmp_path / "sd1.ckpt")
    state = load_state_dict(path)
    assert "model.diffusion_model.input_blocks.0.0.weight" in state
    assert all(isinstance(v, torch.Tensor) for v in state.values())


def test_nested_pickle_is_flattened(tmp_path: Path) -> None:
    state = load_state_dict(write_embedding(tmp_path / "emb.pt"))
    assert list(state) == ["string_to_param.*"]
    assert state["string_to_param.*"].shape == (2, 768)


def test_safetensors_load_without_scanning(tmp_path: Path) -> None:
    path = tmp_path / "w.safetensors"
    save_file({"a": torch.ones(3)}, str(path))
    assert torch.equal(load_state_dict(path)["a"], torch.ones(3))


def test_damaged_files_are_clear_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ckpt"
    junk.write_bytes(pickle.dumps([1, 2, 3])[:-3])
    with pytest.raises(DamagedModelError, match=r"junk\.ckpt is not a readable PyTorch weights file"):
        load_state_dict(junk)
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"0" * 32)
    with pytest.raises(DamagedModelError, match=r"bad\.safetensors is not a readable safetensors file"):
        load_state_dict(bad)


def test_folder_scan_passes_plain_weights_and_refuses_any_pickle_below(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    torch.save({"w": torch.ones(2)}, folder / "pytorch_model.bin")
    (folder / "notes.txt").write_text("not a pickle, not scanned")
    scan_folder_pickles(folder)
    marker = tmp_path / "pwned"
    write_malicious_pickle(folder / "a" / "b" / "stray.pth", marker, zipped=False)
    with pytest.raises(UnsafeModelError, match=r"a/b/stray\.pth contains code") as caught:
        scan_folder_pickles(folder)
    assert caught.value.details["path"] == str(folder / "a" / "b" / "stray.pth")
    assert not marker.exists()


def test_folder_scan_follows_linked_folders_and_survives_loops(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write_malicious_pickle(outside / "diffusion_pytorch_model.bin", tmp_path / "pwned")
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    scan_folder_pickles(folder)  # a link back up the tree ends the walk instead of recursing forever
    (folder / "unet").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafeModelError, match=r"unet/diffusion_pytorch_model\.bin"):
        scan_folder_pickles(folder)
    assert not (tmp_path / "pwned").exists()


def test_a_damaged_pickle_in_a_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    (folder / "vae").mkdir(parents=True)
    (folder / "vae" / "weights.ckpt").write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(DamagedModelError, match=r"vae/weights\.ckpt"):
        scan_folder_pickles(folder)
