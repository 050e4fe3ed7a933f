"""Installing from Hugging Face ids, offline, through the hub's real cache layout.

The tests build ``models--owner--repo/{blobs,refs/main,snapshots/<commit>}`` the way ``huggingface_hub``
writes it (snapshot files are symlinks to content-addressed blobs) and switch the hub to offline mode, so
the real ``hf_hub_download`` code path answers from that cache and nothing touches the network.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from huggingface_hub import constants

from impasto.config import load_config
from impasto.errors import InvalidInputError
from impasto.models.install.hf import choose_files
from impasto.models.install.installer import InstallerSettings
from impasto.models.install.jobs import JobState
from impasto.models.install.sources import HFSource

from .factory import write_lora, write_sd1_diffusers
from .install_helpers import ModelStack, model_stack

torch.set_num_threads(1)

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def cache_repo(cache: Path, repo_id: str, files: dict[str, Path]) -> Path:
    """Put ``files`` (repo path → local file) into the hub cache as revision ``main``."""
    storage = cache / ("models--" + repo_id.replace("/", "--"))
    snapshot = storage / "snapshots" / COMMIT
    (storage / "refs").mkdir(parents=True, exist_ok=True)
    (storage / "refs" / "main").write_text(COMMIT)
    for repo_path, local in files.items():
        data = local.read_bytes()
        blob = storage / "blobs" / hashlib.sha256(data).hexdigest()
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(data)
        link = snapshot / repo_path
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))
    return snapshot


def folder_files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    return tmp_path / "hub"


@pytest.fixture
def stack(root: Path, hub_cache: Path) -> Iterator[ModelStack]:
    with model_stack(root, InstallerSettings(hf_cache_dir=hub_cache)) as built:
        yield built


def test_diffusers_repo_installs_as_a_folder_named_after_the_repo(
    stack: ModelStack, hub_cache: Path, tmp_path: Path
) -> None:
    pipeline = write_sd1_diffusers(tmp_path / "pipe")
    files = folder_files(pipeline) | {"README.md": _text(tmp_path / "README.md", "# card")}
    cache_repo(hub_cache, "tiny-org/tiny-sd15", files)
    job = stack.install("tiny-org/tiny-sd15")
    assert job.state is JobState.COMPLETED, job.error_message
    record = stack.records.get(job.model_key or "")
    assert (record.name, record.base, record.format, record.path) == (
        "tiny-sd15",
        "sd-1",
        "diffusers",
        "sd-1/main/tiny-sd15",
    )
    assert (record.source, record.source_type) == ("tiny-org/tiny-sd15", "hf")
    installed = stack.config.models_path / record.path
    assert (installed / "unet" / "config.json").is_file()
    assert not (installed / "README.md").exists()
    assert not any(p.is_symlink() for p in installed.rglob("*"))
    assert not any((stack.config.models_path / ".download").iterdir())


def test_single_file_repo_and_file_in_repo(stack: ModelStack, hub_cache: Path, tmp_path: Path) -> None:
    lora = write_lora(tmp_path / "tiny-lora.safetensors")
    other = write_lora(tmp_path / "other.safetensors", style="loha")
    cache_repo(hub_cache, "someone/one-lora", {"tiny-lora.safetensors": lora})
    cache_repo(hub_cache, "someone/two-loras", {"a.safetensors": lora, "sub/b.safetensors": other})
    one = stack.install("someone/one-lora")
    assert one.state is JobState.COMPLETED, one.error_message
    assert stack.records.get(one.model_key or "").path == "sd-1/lora/tiny-lora.safetensors"
    picked = stack.install("someone/two-loras::sub/b.safetensors")
    assert picked.state is JobState.COMPLETED, picked.error_message
    assert stack.records.get(picked.model_key or "").name == "b"


def test_unknown_repo_offline_fails_with_a_reason(stack: ModelStack) -> None:
    job = stack.install("nobody/nothing")
    assert job.state is JobState.ERROR
    assert "not cached" in (job.error_message or "")
    assert stack.model_files() == []


def test_choose_files_picks_one_set_of_weights() -> None:
    repo = [
        ".gitattributes",
        "README.md",
        "model_index.json",
        "v1-5-pruned.safetensors",
        "v1-5-pruned.ckpt",
        "unet/config.json",
        "unet/diffusion_pytorch_model.bin",
        "unet/diffusion_pytorch_model.safetensors",
        "unet/diffusion_pytorch_model.fp16.safetensors",
        "text_encoder/config.json",
        "text_encoder/model.safetensors",
        "text_encoder/model.fp16.safetensors",
        "tokenizer/vocab.json",
        "tokenizer/merges.txt",
        "scheduler/scheduler_config.json",
        "onnx/unet/model.onnx",
        "flax_model.msgpack",
        "vae_1_0/config.json",
        "vae_1_0/diffusion_pytorch_model.safetensors",
    ]
    components = {"unet", "text_encoder", "tokenizer", "scheduler"}
    plain = choose_files(repo, HFSource("o/r"), components)
    assert plain == [
        "model_index.json",
        "scheduler/scheduler_config.json",
        "text_encoder/config.json",
        "text_encoder/model.safetensors",
        "tokenizer/merges.txt",
        "tokenizer/vocab.json",
        "unet/config.json",
        "unet/diffusion_pytorch_model.safetensors",
    ]
    assert "vae_1_0/config.json" in choose_files(repo, HFSource("o/r"))
    fp16 = choose_files(repo, HFSource("o/r", variant="fp16"), components)
    assert "unet/diffusion_pytorch_model.fp16.safetensors" in fp16
    assert "unet/diffusion_pytorch_model.safetensors" not in fp16
    assert choose_files(["README.md", "vae/x.safetensors", "model.safetensors"], HFSource("o/r")) == [
        "model.safetensors"
    ]
    invokeai = [".gitattributes", "README.md", "image_encoder.txt", "ip_adapter.bin"]
    assert choose_files(invokeai, HFSource("InvokeAI/ip_adapter_sd15")) == [
        "image_encoder.txt",
        "ip_adapter.bin",
    ]
    with pytest.raises(InvalidInputError, match="several model files"):
        choose_files(["a.safetensors", "b.safetensors"], HFSource("o/r"))
    with pytest.raises(InvalidInputError, match="neither"):
        choose_files(["README.md"], HFSource("o/r"))


def _text(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_the_token_comes_from_the_config_and_is_never_shown(root: Path) -> None:
    config = load_config(root, environ={"IMPASTO_HF_TOKEN": "hf_very_secret"})
    assert InstallerSettings.from_config(config).hf_token == "hf_very_secret"
    assert "hf_very_secret" not in json.dumps(config.public_dict())
    assert "hf_very_secret" not in repr(config)
    assert InstallerSettings.from_config(load_config(root, environ={})).hf_token is None
