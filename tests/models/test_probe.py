"""Identification of every supported kind of model, from files the factory writes in the real formats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from safetensors.torch import save_file

from impasto.models.identity import UnrecognisedModelError
from impasto.models.probe import identify
from impasto.models.probe.base import Candidate, declared_prediction
from impasto.models.probe.lora import match_lora
from impasto.models.probe.sd_checkpoint import match_sd_checkpoint
from impasto.models.probe.weights import read_safetensors_header, sniff
from impasto.models.security import DamagedModelError
from impasto.models.taxonomy import PredictionType

from .factory import (
    components,
    write_clip_vision,
    write_controlnet,
    write_embedding,
    write_esrgan,
    write_flux_checkpoint,
    write_flux_diffusers,
    write_flux_gguf,
    write_ip_adapter,
    write_lora,
    write_sd1_checkpoint,
    write_sd1_diffusers,
    write_sd2_checkpoint,
    write_sd2_diffusers,
    write_sdxl_checkpoint,
    write_sdxl_diffusers,
    write_t2i_adapter,
    write_t5_encoder,
    write_vae,
)
from .factory.sd3 import write_sd3_checkpoint, write_sd3_diffusers

torch.set_num_threads(1)

Writer = Callable[[Path], Path]


def _write_clip_text(folder: Path) -> Path:
    """A standalone CLIP text encoder folder (what ComfyUI keeps in ``models/clip``)."""
    components.clip_text(components.SD1_TEXT_WIDTH).save_pretrained(folder)
    return folder


# name → (writer, (base, type, format, variant, prediction), details that must be present)
CASES: dict[str, tuple[Writer, tuple[str, str, str, str | None, str | None], dict[str, Any]]] = {
    "sd1": (write_sd1_diffusers, ("sd-1", "main", "diffusers", "normal", "epsilon"), {}),
    "sd1-inpaint": (
        lambda p: write_sd1_diffusers(p, variant="inpaint"),
        ("sd-1", "main", "diffusers", "inpaint", "epsilon"),
        {"pipeline": "StableDiffusionInpaintPipeline"},
    ),
    "sd2-v": (write_sd2_diffusers, ("sd-2", "main", "diffusers", "normal", "v_prediction"), {}),
    "sd2-eps": (
        lambda p: write_sd2_diffusers(p, prediction="epsilon"),
        ("sd-2", "main", "diffusers", "normal", "epsilon"),
        {},
    ),
    "sd2-depth": (
        lambda p: write_sd2_diffusers(p, variant="depth"),
        ("sd-2", "main", "diffusers", "depth", "epsilon"),
        {},
    ),
    "sdxl-fp16": (
        lambda p: write_sdxl_diffusers(p, repo_variant="fp16"),
        ("sdxl", "main", "diffusers", "normal", "epsilon"),
        {"repo_variant": "fp16"},
    ),
    "sdxl-refiner": (
        lambda p: write_sdxl_diffusers(p, refiner=True),
        ("sdxl-refiner", "main", "diffusers", "normal", "epsilon"),
        {},
    ),
    "flux-dev": (write_flux_diffusers, ("flux", "main", "diffusers", "dev", "flow"), {}),
    "flux-schnell": (
        lambda p: write_flux_diffusers(p, variant="schnell"),
        ("flux", "main", "diffusers", "schnell", "flow"),
        {},
    ),
    "flux-fill": (
        lambda p: write_flux_diffusers(p, variant="fill"),
        ("flux", "main", "diffusers", "fill", "flow"),
        {"pipeline": "FluxFillPipeline"},
    ),
    "flux-kontext": (
        lambda p: write_flux_diffusers(p, variant="kontext"),
        ("flux", "main", "diffusers", "kontext", "flow"),
        {"pipeline": "FluxKontextPipeline"},
    ),
    "sd1.safetensors": (
        write_sd1_checkpoint,
        ("sd-1", "main", "checkpoint", "normal", "epsilon"),
        {"config_hint": "sd1", "components": ["unet", "vae", "text_encoder"]},
    ),
    "sd1-inpaint.ckpt": (
        lambda p: write_sd1_checkpoint(p, variant="inpaint"),
        ("sd-1", "main", "checkpoint", "inpaint", "epsilon"),
        {"config_hint": "sd1-inpaint"},
    ),
    "sd2-v.safetensors": (
        write_sd2_checkpoint,
        ("sd-2", "main", "checkpoint", "normal", "v_prediction"),
        {"config_hint": "sd2-v"},
    ),
    "sd2-eps.ckpt": (  # marked by global_step 220000
        lambda p: write_sd2_checkpoint(p, prediction="epsilon"),
        ("sd-2", "main", "checkpoint", "normal", "epsilon"),
        {"config_hint": "sd2"},
    ),
    "sd2-eps.safetensors": (  # marked by modelspec.prediction_type
        lambda p: write_sd2_checkpoint(p, prediction="epsilon"),
        ("sd-2", "main", "checkpoint", "normal", "epsilon"),
        {"config_hint": "sd2"},
    ),
    "sd2-depth.safetensors": (
        lambda p: write_sd2_checkpoint(p, variant="depth"),
        ("sd-2", "main", "checkpoint", "depth", "epsilon"),
        {"config_hint": "sd2-depth"},
    ),
    "sdxl.safetensors": (
        write_sdxl_checkpoint,
        ("sdxl", "main", "checkpoint", "normal", "epsilon"),
        {"config_hint": "sdxl", "components": ["unet", "vae", "text_encoder", "text_encoder_2"]},
    ),
    "sdxl-inpaint.safetensors": (
        lambda p: write_sdxl_checkpoint(p, variant="inpaint"),
        ("sdxl", "main", "checkpoint", "inpaint", "epsilon"),
        {"config_hint": "sdxl-inpaint"},
    ),
    "sdxl-refiner.safetensors": (
        lambda p: write_sdxl_checkpoint(p, refiner=True),
        ("sdxl-refiner", "main", "checkpoint", "normal", "epsilon"),
        {"config_hint": "sdxl-refiner", "components": ["unet", "vae", "text_encoder_2"]},
    ),
    "flux1-dev.safetensors": (
        write_flux_checkpoint,
        ("flux", "main", "checkpoint", "dev", "flow"),
        {"config_hint": "flux-dev", "layout": "bfl"},
    ),
    "flux1-schnell-comfy.safetensors": (
        lambda p: write_flux_checkpoint(p, variant="schnell", prefix="model.diffusion_model."),
        ("flux", "main", "checkpoint", "schnell", "flow"),
        {"config_hint": "flux-schnell", "key_prefix": "model.diffusion_model."},
    ),
    "flux1-fill.safetensors": (
        lambda p: write_flux_checkpoint(p, variant="fill"),
        ("flux", "main", "checkpoint", "fill", "flow"),
        {"config_hint": "flux-fill"},
    ),
    "flux1-dev-Q8.gguf": (
        write_flux_gguf,
        ("flux", "main", "gguf", "dev", "flow"),
        {"config_hint": "flux-dev"},
    ),
    "flux1-fill-Q8.gguf": (
        lambda p: write_flux_gguf(p, variant="fill"),
        ("flux", "main", "gguf", "fill", "flow"),
        {},
    ),
    "vae-ft-mse.safetensors": (
        write_vae,
        ("sd-1", "vae", "checkpoint", None, None),
        {"latent_channels": 4, "layout": "ldm", "base_from": "default"},
    ),
    "vae-ft-mse.pt": (write_vae, ("sd-1", "vae", "checkpoint", None, None), {}),
    "sdxl_vae.safetensors": (
        lambda p: write_vae(p, base="sdxl"),
        ("sdxl", "vae", "checkpoint", None, None),
        {"base_from": "file name"},
    ),
    "ae.safetensors": (
        lambda p: write_vae(p, base="flux"),
        ("flux", "vae", "checkpoint", None, None),
        {"latent_channels": 16},
    ),
    "vae-folder-sd1": (write_vae, ("sd-1", "vae", "diffusers", None, None), {}),
    "vae-folder-xl": (lambda p: write_vae(p, base="sdxl"), ("sdxl", "vae", "diffusers", None, None), {}),
    "vae-folder-flux": (lambda p: write_vae(p, base="flux"), ("flux", "vae", "diffusers", None, None), {}),
    "controlnet-sd1": (write_controlnet, ("sd-1", "controlnet", "diffusers", None, None), {}),
    "controlnet-sdxl": (
        lambda p: write_controlnet(p, base="sdxl"),
        ("sdxl", "controlnet", "diffusers", None, None),
        {},
    ),
    "control_sd15.safetensors": (
        write_controlnet,
        ("sd-1", "controlnet", "checkpoint", None, None),
        {"layout": "ldm"},
    ),
    "control_sd21.pth": (
        lambda p: write_controlnet(p, base="sd-2"),
        ("sd-2", "controlnet", "checkpoint", None, None),
        {"layout": "ldm"},
    ),
    "control_sdxl.safetensors": (
        lambda p: write_controlnet(p, base="sdxl"),
        ("sdxl", "controlnet", "checkpoint", None, None),
        {"layout": "diffusers"},
    ),
    "controlnet-flux": (
        lambda p: write_controlnet(p, base="flux"),
        ("flux", "controlnet", "diffusers", None, None),
        {},
    ),
    "clip-text": (_write_clip_text, ("any", "clip_embed", "transformers", None, None), {}),
    "sd3": (write_sd3_diffusers, ("sd-3", "main", "diffusers", "medium", "flow"), {"t5": True}),
    "sd3.5_large.safetensors": (
        lambda p: write_sd3_checkpoint(p, variant="large"),
        ("sd-3", "main", "checkpoint", "large", "flow"),
        {"config_hint": "sd35-large", "key_prefix": "model.diffusion_model."},
    ),
    "t2i-sd1": (write_t2i_adapter, ("sd-1", "t2i_adapter", "diffusers", None, None), {}),
    "t2i-sdxl": (
        lambda p: write_t2i_adapter(p, base="sdxl"),
        ("sdxl", "t2i_adapter", "diffusers", None, None),
        {},
    ),
    "style.pt": (write_embedding, ("sd-1", "embedding", "embedding_file", None, None), {"tokens": 2}),
    "style2.safetensors": (
        lambda p: write_embedding(p, base="sd-2", vectors=3),
        ("sd-2", "embedding", "embedding_file", None, None),
        {"tokens": 3},
    ),
    "style-xl.safetensors": (
        lambda p: write_embedding(p, base="sdxl"),
        ("sdxl", "embedding", "embedding_file", None, None),
        {"tokens": 2},
    ),
    "style-folder": (
        write_embedding,
        ("sd-1", "embedding", "embedding_folder", None, None),
        {"token": "<style-folder>"},
    ),
    "4x-esrgan.pth": (
        write_esrgan,
        ("any", "upscaler", "spandrel", None, None),
        {"architecture": "ESRGAN", "scale": 4},
    ),
    "2x-esrgan.safetensors": (
        lambda p: write_esrgan(p, scale=2),
        ("any", "upscaler", "spandrel", None, None),
        {"scale": 2},
    ),
    "ip-adapter_sd15.safetensors": (
        write_ip_adapter,
        ("sd-1", "ip_adapter", "checkpoint", None, None),
        {"image_embedding_width": 1024},
    ),
    "ip-adapter_sdxl.bin": (
        lambda p: write_ip_adapter(p, base="sdxl"),
        ("sdxl", "ip_adapter", "checkpoint", None, None),
        {},
    ),
    "clip-vision": (write_clip_vision, ("any", "clip_vision", "transformers", None, None), {}),
    "t5-encoder": (write_t5_encoder, ("any", "t5_encoder", "transformers", None, None), {}),
}
_LORA_BASES = {"sd-1": "sd-1", "sd-2": "sd-2", "sdxl": "sdxl", "flux": "flux"}
for _base in ("sd-1", "sd-2", "sdxl", "flux"):
    for _style in ("kohya", "peft", "loha", "lokr"):
        _fmt = "diffusers" if _style == "peft" else "lycoris"
        _rank: dict[str, Any] = {"rank": None if _style == "lokr" else 4}
        CASES[f"lora-{_base}-{_style}.safetensors"] = (
            lambda p, b=_base, s=_style: write_lora(p, style=s, base=b),  # type: ignore[misc]
            (_base, "lora", _fmt, None, None),
            {"style": _style, **_rank},
        )
CASES["lora-sd1-kohya.pt"] = (write_lora, ("sd-1", "lora", "lycoris", None, None), {"style": "kohya"})


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("models")
    return {name: writer(folder / name) for name, (writer, _, _) in CASES.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_identifies(models: dict[str, Path], name: str) -> None:
    _, expected, details = CASES[name]
    identity = identify(models[name])
    seen = (identity.base, identity.type, identity.format, identity.variant, identity.prediction_type)
    assert seen == expected
    assert {k: identity.details.get(k) for k in details} == details
    assert identity.path == models[name]
    assert identity.size > 0


def test_name_and_size(models: dict[str, Path]) -> None:
    folder = identify(models["sd1"])
    assert folder.name == "sd1"
    assert folder.size == sum(f.stat().st_size for f in models["sd1"].rglob("*") if f.is_file())
    file = identify(models["sd1.safetensors"])
    assert (file.name, file.size) == ("sd1", models["sd1.safetensors"].stat().st_size)


def test_random_safetensors_is_unrecognised_with_its_keys(tmp_path: Path) -> None:
    path = tmp_path / "mystery.safetensors"
    save_file({"alpha.weight": torch.zeros(3), "beta.gamma.bias": torch.zeros(2)}, str(path))
    with pytest.raises(
        UnrecognisedModelError, match=r"unrecognised.*saw keys alpha\.weight, beta\.gamma\.bias"
    ):
        identify(path)


def test_text_file_is_unrecognised(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a model")
    with pytest.raises(UnrecognisedModelError, match=r"saw no tensors: notes\.txt is not a safetensors"):
        identify(path)


def test_empty_folder_is_unrecognised(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnrecognisedModelError, match="an empty folder"):
        identify(tmp_path / "empty")


def test_folder_of_other_files_lists_them(tmp_path: Path) -> None:
    folder = tmp_path / "stuff"
    (folder / "sub").mkdir(parents=True)
    (folder / "README.md").write_text("hi")
    (folder / "sub" / "data.json").write_text("{}")
    with pytest.raises(UnrecognisedModelError, match=r"saw files README\.md, sub/data\.json"):
        identify(folder)


def test_invokeai_ip_adapter_folders_need_their_weights(tmp_path: Path) -> None:
    folder = tmp_path / "ip_adapter_sd15"
    folder.mkdir()
    (folder / "image_encoder.txt").write_text("InvokeAI/ip_adapter_sd_image_encoder\n")
    with pytest.raises(UnrecognisedModelError, match=r"image_encoder\.txt but no ip_adapter\.safetensors"):
        identify(folder)
    write_lora(folder / "ip_adapter.safetensors")
    with pytest.raises(UnrecognisedModelError, match=r"no image_proj\.\* and ip_adapter\.\* weights"):
        identify(folder)
    (folder / "ip_adapter.safetensors").unlink()
    write_ip_adapter(folder / "ip_adapter.bin", base="sdxl")
    identity = identify(folder)
    assert (identity.base, identity.type, identity.format) == ("sdxl", "ip_adapter", "invokeai")
    assert identity.details["image_encoder_model_id"] == "InvokeAI/ip_adapter_sd_image_encoder"
    assert identity.details["image_encoder_width"] == 1024


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file or folder"):
        identify(tmp_path / "nothing.safetensors")


def test_truncated_safetensors_is_damaged(models: dict[str, Path], tmp_path: Path) -> None:
    data = models["vae-ft-mse.safetensors"].read_bytes()
    path = tmp_path / "cut.safetensors"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        DamagedModelError, match=r"cut\.safetensors is not a readable model file: it is truncated"
    ):
        identify(path)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\xff" * 64, "header length"),
        ((20).to_bytes(8, "little") + b"{not json at all....", "not valid JSON"),
        ((2).to_bytes(8, "little") + b"[]", "not a JSON object"),
        (b"", "header length"),
    ],
)
def test_corrupt_safetensors_header_is_damaged(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    with pytest.raises(DamagedModelError, match=why):
        identify(path)


def test_truncated_pickle_is_damaged(models: dict[str, Path], tmp_path: Path) -> None:
    data = models["style.pt"].read_bytes()
    path = tmp_path / "cut.pt"
    path.write_bytes(data[: len(data) - 200])
    with pytest.raises(DamagedModelError, match=r"cut\.pt is not a readable PyTorch weights file"):
        identify(path)


def test_container_is_told_by_content_not_suffix(models: dict[str, Path], tmp_path: Path) -> None:
    renamed = tmp_path / "download"
    renamed.write_bytes(models["sd1.safetensors"].read_bytes())
    assert sniff(renamed) == "safetensors"
    assert identify(renamed).base == "sd-1"
    assert sniff(models["sd1-inpaint.ckpt"]) == "pickle"
    assert sniff(models["flux1-dev-Q8.gguf"]) == "gguf"


def test_header_reading_does_not_load_tensors(models: dict[str, Path]) -> None:
    weights = read_safetensors_header(models["sd2-eps.safetensors"])
    assert weights.metadata["modelspec.prediction_type"] == "epsilon"
    key = "model.diffusion_model.input_blocks.2.1.transformer_blocks.0.attn2.to_k.weight"
    assert weights.shape(key) == (32, 1024)  # the real SD 2.x discriminating width


def _fake_unet(tmp_path: Path, in_channels: int, width: int) -> Path:
    unet = "model.diffusion_model."
    tensors = {
        unet + "input_blocks.0.0.weight": torch.zeros(8, in_channels, 3, 3),
        unet + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight": torch.zeros(8, width),
    }
    path = tmp_path / f"unet-{in_channels}-{width}.safetensors"
    save_file(tensors, str(path))
    return path


def test_unsupported_unet_input_channels_are_named(tmp_path: Path) -> None:
    with pytest.raises(UnrecognisedModelError, match="a sd-1 UNet with 8 input channels"):
        identify(_fake_unet(tmp_path, 8, 768))


def test_unknown_cross_attention_width_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnrecognisedModelError, match="cross-attention width 640"):
        match_sd_checkpoint(Candidate(_fake_unet(tmp_path, 4, 640)))


def test_matchers_decline_what_is_not_theirs(models: dict[str, Path]) -> None:
    assert match_lora(Candidate(models["sd1.safetensors"])) is None
    assert match_sd_checkpoint(Candidate(models["lora-sd-1-kohya.safetensors"])) is None


def test_v_prediction_marker_tensor(tmp_path: Path) -> None:
    path = _fake_unet(tmp_path, 4, 2048)
    tensors = {k: torch.zeros(s) for k, s in read_safetensors_header(path).shapes.items()}
    save_file({**tensors, "v_pred": torch.zeros(())}, str(path))
    assert identify(path).prediction_type is PredictionType.V_PREDICTION


@pytest.mark.parametrize(
    ("value", "expected"),
    [("v", "v_prediction"), ("v-prediction", "v_prediction"), ("epsilon", "epsilon"), ("", None)],
)
def test_declared_prediction(value: str, expected: str | None) -> None:
    assert declared_prediction({"modelspec.prediction_type": value}) == expected


def test_vae_base_from_metadata(tmp_path: Path) -> None:
    path = write_vae(tmp_path / "vae.safetensors")
    tensors = {k: torch.zeros(s) for k, s in read_safetensors_header(path).shapes.items()}
    save_file(tensors, str(path), metadata={"modelspec.architecture": "stable-diffusion-xl-v1-base/vae"})
    identity = identify(path)
    assert (identity.base, identity.details["base_from"]) == ("sdxl", "metadata")


def test_unsupported_pipeline_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "kandinsky"
    folder.mkdir()
    (folder / "model_index.json").write_text(json.dumps({"_class_name": "KandinskyPipeline"}))
    with pytest.raises(UnrecognisedModelError, match="pipeline KandinskyPipeline is not supported"):
        identify(folder)
