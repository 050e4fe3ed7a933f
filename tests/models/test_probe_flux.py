"""Identification of every FLUX file layout from its tensors: BFL and ComfyUI transformers, GGUF, all in
one, NF4, T5 / CLIP-L / VAE parts and LoRAs in diffusers/PEFT, kohya and XLabs key formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch

from impasto.models.probe import identify
from impasto.models.probe.weights import sniff
from tests.models.factory import components as c
from tests.models.factory import (
    write_clip_l_file,
    write_flux_all_in_one,
    write_flux_checkpoint,
    write_flux_gguf,
    write_flux_lora,
    write_flux_nf4,
    write_t5_file,
    write_t5_gguf,
    write_vae,
)
from tests.models.factory.checkpoints import save_tensors

torch.set_num_threads(1)


def with_metadata(path: Path, metadata: dict[str, str]) -> Path:
    """The safetensors file at ``path`` written again with ``metadata`` in its header."""
    from safetensors.torch import load_file

    return save_tensors(path, load_file(str(path)), metadata=metadata)


Expected = tuple[str, str, str, str | None]  # base, type, format, variant
CASES: dict[str, tuple[Callable[[Path], Path], Expected, dict[str, Any]]] = {
    "flux1-dev.safetensors": (
        write_flux_checkpoint,
        ("flux", "main", "checkpoint", "dev"),
        {"layout": "bfl"},
    ),
    "flux1-dev-comfy.safetensors": (
        lambda p: write_flux_checkpoint(p, prefix="model.diffusion_model."),
        ("flux", "main", "checkpoint", "dev"),
        {"key_prefix": "model.diffusion_model."},
    ),
    "flux1-schnell-Q8_0.gguf": (
        lambda p: write_flux_gguf(p, variant="schnell", qtype="Q8_0"),
        ("flux", "main", "gguf", "schnell"),
        {"config_hint": "flux-schnell"},
    ),
    "flux1-dev-Q4_0.gguf": (lambda p: write_flux_gguf(p, qtype="Q4_0"), ("flux", "main", "gguf", "dev"), {}),
    "flux1-dev-BF16.gguf": (lambda p: write_flux_gguf(p, qtype="BF16"), ("flux", "main", "gguf", "dev"), {}),
    "flux1-dev-aio.safetensors": (
        write_flux_all_in_one,
        ("flux", "main", "checkpoint", "dev"),
        {"bundled": ["vae", "clip_l", "t5xxl"]},
    ),
    "flux1-dev-bnb-nf4.safetensors": (
        write_flux_nf4,
        ("flux", "main", "bnb_nf4", "dev"),
        {"bundled": ["vae", "clip_l", "t5xxl"], "key_prefix": "model.diffusion_model."},
    ),
    "flux1-schnell-bnb-nf4-v2.safetensors": (  # float32 absmaxes, no nested quantisation
        lambda p: write_flux_nf4(p, variant="schnell", nested=False),
        ("flux", "main", "bnb_nf4", "schnell"),
        {"config_hint": "flux-schnell"},
    ),
    "flux1-dev_bnb_nf4.safetensors": (  # InvokeAI's quantised transformer: bare BFL keys
        lambda p: write_flux_nf4(p, bundled=False),
        ("flux", "main", "bnb_nf4", "dev"),
        {"key_prefix": "", "layout": "bfl"},
    ),
    "flux1-fill-dev-nf4.safetensors": (  # the input width read from img_in's packed bytes and bias
        lambda p: write_flux_nf4(p, variant="fill", bundled=False),
        ("flux", "main", "bnb_nf4", "fill"),
        {"config_hint": "flux-fill"},
    ),
    "flux1-kontext-dev.safetensors": (
        lambda p: write_flux_checkpoint(p, variant="kontext"),
        ("flux", "main", "checkpoint", "kontext"),
        {"config_hint": "flux-dev"},  # dev's architecture
    ),
    "flux1-kontext-dev-Q4_0.gguf": (
        lambda p: write_flux_gguf(p, variant="kontext", qtype="Q4_0"),
        ("flux", "main", "gguf", "kontext"),
        {},
    ),
    "edit-model.safetensors": (  # a renamed file whose metadata still says what it is
        lambda p: with_metadata(write_flux_checkpoint(p), {"modelspec.title": "FLUX.1 Kontext [dev]"}),
        ("flux", "main", "checkpoint", "kontext"),
        {},
    ),
    "plain-model.safetensors": (
        lambda p: with_metadata(write_flux_checkpoint(p), {"modelspec.title": "FLUX.1 [dev]"}),
        ("flux", "main", "checkpoint", "dev"),
        {},
    ),
    "t5xxl_fp16.safetensors": (write_t5_file, ("any", "t5_encoder", "checkpoint", None), {"width": 4096}),
    "t5xxl_fp8_e4m3fn.safetensors": (
        lambda p: write_t5_file(p, fp8=True),
        ("any", "t5_encoder", "checkpoint", None),
        {"width": 4096},
    ),
    "t5-v1_1-xxl-encoder-Q8_0.gguf": (
        lambda p: write_t5_gguf(p, qtype="Q8_0"),
        ("any", "t5_encoder", "gguf", None),
        {"layout": "llama.cpp"},
    ),
    "clip_l.safetensors": (write_clip_l_file, ("any", "clip_embed", "checkpoint", None), {"width": 768}),
    "clip_l_plain.safetensors": (
        lambda p: write_clip_l_file(p, text_model_prefix=False),
        ("any", "clip_embed", "checkpoint", None),
        {"width": 768},
    ),
    "ae.safetensors": (
        lambda p: write_vae(p, base="flux"),
        ("flux", "vae", "checkpoint", None),
        {"latent_channels": 16},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_flux_files_are_identified(name: str, tmp_path: Path) -> None:
    write, expected, details = CASES[name]
    identity = identify(write(tmp_path / name))
    assert (identity.base, identity.type, identity.format, identity.variant) == expected
    assert details.items() <= identity.details.items()


@pytest.mark.parametrize(
    ("style", "fmt"), [("peft", "diffusers"), ("kohya", "lycoris"), ("xlabs", "lycoris")]
)
def test_flux_loras_are_identified(style: str, fmt: str, tmp_path: Path) -> None:
    with torch.device("meta"):
        transformer = c.flux_transformer(guidance=True)
    state = {k: torch.zeros(v.shape) for k, v in transformer.state_dict().items()}
    path = write_flux_lora(tmp_path / f"{style}.safetensors", state, style=style, rank=4)  # type: ignore[arg-type]
    identity = identify(path)
    assert (identity.base, identity.type, identity.format) == ("flux", "lora", fmt)
    assert identity.details == {"style": style, "rank": 4}


def test_safetensors_whose_header_length_starts_like_a_pickle(tmp_path: Path) -> None:
    """A header of 128 + 256n bytes begins with 0x80, pickle's protocol byte; the header still decides."""
    for width in range(1, 64):
        path = save_tensors(tmp_path / "t.safetensors", {"w" * width: torch.zeros(1)})
        if path.read_bytes()[0] == 0x80:
            break
    else:
        pytest.fail("no header length starting with 0x80 was produced")
    assert sniff(path) == "safetensors"


def test_kontext_models_default_to_a_lower_guidance() -> None:
    from impasto.models.taxonomy import BaseModelType, ModelVariant, default_settings

    kontext = default_settings(BaseModelType.FLUX, ModelVariant.FLUX_KONTEXT)
    assert (kontext.guidance, kontext.steps) == (2.5, 28)
    assert default_settings(BaseModelType.FLUX, ModelVariant.FLUX_DEV).guidance == 3.5
