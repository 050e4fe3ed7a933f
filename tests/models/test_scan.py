"""Scanning folders, AUTOMATIC1111 and ComfyUI trees included, and installing what was found in place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from impasto.errors import InvalidInputError
from impasto.models.install.jobs import JobState
from impasto.models.install.scan import detect_layout

from .factory import (
    A1111_TREE,
    COMFYUI_TREE,
    write_a1111_tree,
    write_comfyui_tree,
    write_ip_adapter,
    write_lora,
    write_malicious_pickle,
)
from .install_helpers import ModelStack, model_stack

torch.set_num_threads(1)


@pytest.fixture
def stack(root: Path, a1111: Path, comfyui: Path) -> Iterator[ModelStack]:
    """The user's AUTOMATIC1111 and ComfyUI folders are listed in ``model_dirs``, as they must be."""
    with model_stack(root, model_dirs=[root.parent, a1111.parent, comfyui.parent]) as built:
        yield built


@pytest.fixture(scope="module")
def a1111(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("webui") / "stable-diffusion-webui"
    write_a1111_tree(tree)
    (tree / "extensions" / "some-extension" / "weights.pt").parent.mkdir(parents=True)
    (tree / "extensions" / "some-extension" / "weights.pt").write_bytes(b"not looked at")
    (tree / "venv" / "lib").mkdir(parents=True)
    (tree / "venv" / "lib" / "torch_model.bin").write_bytes(b"not looked at")
    return tree


@pytest.fixture(scope="module")
def comfyui(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("comfy") / "ComfyUI"
    write_comfyui_tree(tree)
    return tree


def found(stack: ModelStack, folder: Path) -> dict[str, tuple[str, str]]:
    result = stack.installer.scan(folder)
    return {
        Path(e.path).relative_to(folder).as_posix(): (e.identity.type.value, e.identity.base.value)
        for e in result.entries
        if e.identity is not None
    }


@pytest.mark.parametrize(
    ("tree", "expected", "layout"), [("a1111", A1111_TREE, "a1111"), ("comfyui", COMFYUI_TREE, "comfyui")]
)
def test_scan_identifies_every_model_of_the_tree(
    stack: ModelStack,
    tree: str,
    expected: dict[str, tuple[str, str]],
    layout: str,
    request: pytest.FixtureRequest,
) -> None:
    folder: Path = request.getfixturevalue(tree)
    result = stack.installer.scan(folder)
    assert result.layout == layout
    problems = {Path(e.path).name: e.error for e in result.entries if e.identity is None}
    assert problems == {}
    assert found(stack, folder) == expected
    assert all(e.installed_key is None for e in result.entries)
    assert all(e.tree_folder for e in result.entries)
    # pointing at the tree's models folder finds the same tree
    assert detect_layout(folder / "models")[0] == layout


def test_install_all_from_an_a1111_tree_in_place(stack: ModelStack, a1111: Path) -> None:
    jobs = stack.installer.install_scanned(a1111, None, inplace=True)
    assert len(jobs) == len(A1111_TREE)
    finished = [stack.wait(job.id) for job in jobs]
    assert [j.error_message for j in finished if j.state is not JobState.COMPLETED] == []
    records = stack.records.list()
    assert len(records) == len(A1111_TREE)
    assert all(not r.owned and Path(r.path).is_absolute() for r in records)
    assert {Path(r.path).relative_to(a1111).as_posix() for r in records} == set(A1111_TREE)
    assert stack.model_files() == []
    rescanned = stack.installer.scan(a1111)
    assert all(e.installed_key for e in rescanned.entries if e.identity is not None)
    assert stack.installer.install_scanned(a1111, None, inplace=True) == []


def test_install_selected_from_a_comfyui_tree(stack: ModelStack, comfyui: Path) -> None:
    chosen = ["models/loras/tiny-sdxl-lora.safetensors", "models/diffusers/tiny-sd15"]
    jobs = stack.installer.install_scanned(comfyui, [Path(p) for p in chosen], inplace=True)
    states = [stack.wait(job.id).state for job in jobs]
    assert states == [JobState.COMPLETED, JobState.COMPLETED]
    assert sorted(r.path for r in stack.records.list()) == sorted(str(comfyui / p) for p in chosen)
    with pytest.raises(InvalidInputError, match="not inside"):
        stack.installer.install_scanned(comfyui, [Path("/etc/passwd")], inplace=True)


def test_plain_folder_reports_what_is_not_a_model(stack: ModelStack, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_lora(folder / "nested" / "good.safetensors")
    (folder / "broken.safetensors").write_bytes(b"\x00" * 10)
    (folder / ".hidden").mkdir(parents=True)
    write_lora(folder / ".hidden" / "skipped.safetensors")
    (folder / "notes.txt").write_text("hello")
    write_malicious_pickle(folder / "evil.ckpt", tmp_path / "pwned")
    result = stack.installer.scan(folder)
    assert result.layout == "folder"
    by_name = {Path(e.path).name: e for e in result.entries}
    assert set(by_name) == {"good.safetensors", "broken.safetensors", "evil.ckpt"}
    assert by_name["good.safetensors"].identity is not None
    assert by_name["broken.safetensors"].error
    assert by_name["evil.ckpt"].error_code == "unsafe_model"
    assert not (tmp_path / "pwned").exists()


def test_an_invokeai_models_folder_yields_its_ip_adapter_folders(stack: ModelStack, tmp_path: Path) -> None:
    folder = tmp_path / "invokeai" / "models" / "sd-1" / "ip_adapter" / "ip_adapter_sd15"
    write_ip_adapter(folder / "ip_adapter.bin")
    (folder / "image_encoder.txt").write_text("InvokeAI/ip_adapter_sd_image_encoder\n")
    assert found(stack, tmp_path / "invokeai") == {
        "models/sd-1/ip_adapter/ip_adapter_sd15": ("ip_adapter", "sd-1")
    }


def test_scan_of_a_missing_folder_is_a_clear_error(stack: ModelStack, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="does not exist"):
        stack.installer.scan(tmp_path / "nope")


def test_scan_paths_that_cannot_be_looked_at_are_a_clear_error(stack: ModelStack, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="NUL"):
        stack.installer.scan(Path("models\x00"))
    with pytest.raises(InvalidInputError, match="cannot expand"):
        stack.installer.scan(Path("~no-such-user-of-impasto"))
    with pytest.raises(InvalidInputError, match="does not exist"):
        stack.installer.scan(tmp_path / ("n" * 300))
    with pytest.raises(InvalidInputError, match="NUL"):
        stack.installer.install_scanned(tmp_path, [Path("a\x00b")], inplace=True)
    with pytest.raises(InvalidInputError, match="does not exist"):
        stack.installer.install_scanned(tmp_path / "nope", [Path("a")], inplace=True)
