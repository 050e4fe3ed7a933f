"""Standalone component files: VAEs, ControlNets, T2I-Adapters, textual inversions and upscalers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import torch
from spandrel.architectures.ESRGAN import ESRGAN  # type: ignore[import-untyped]
from spandrel.architectures.LaMa import LaMa  # type: ignore[import-untyped]

from . import components as c
from .checkpoints import save_state, save_tensors
from .ldm import prefixed, unet_to_ldm, vae_to_ldm

VaeBase = Literal["sd-1", "sd-2", "sdxl", "flux"]
_VAE_SCALING = {"sd-1": 0.18215, "sd-2": 0.18215, "sdxl": 0.13025}
_EMBED_WIDTH = {"sd-1": c.SD1_TEXT_WIDTH, "sd-2": c.SD2_TEXT_WIDTH}
_PICKLED_EMBEDDING_TOKEN = 265  # the placeholder id A1111 stores in ``string_to_token``


def _is_file(path: Path) -> bool:
    return Path(path).suffix != ""


def _build_vae(base: VaeBase) -> Any:
    c.seeded(11)
    if base == "flux":
        return c.vae(latent_channels=16, scaling_factor=0.3611, shift_factor=0.1159)
    return c.vae(scaling_factor=_VAE_SCALING[base])


def write_vae(path_or_folder: Path, *, base: VaeBase = "sd-1") -> Path:
    """A VAE: a diffusers folder (no suffix) or a single file in the original layout (``encoder.down...``).

    SD and SDXL VAEs share one architecture; only the folder's ``scaling_factor`` tells them apart, so
    single files of either look the same (as real ones do). FLUX's has 16 latent channels.
    """
    model = _build_vae(base)
    path = Path(path_or_folder)
    if not _is_file(path):
        model.save_pretrained(path, safe_serialization=True)
        return path
    return save_state(path, vae_to_ldm(model.state_dict(), model.config))


def _control_unet(base: Literal["sd-1", "sd-2", "sdxl"]) -> Any:
    if base == "sdxl":
        return c.sdxl_unet()
    if base == "sd-2":
        return c.sd_unet(c.SD2_TEXT_WIDTH, linear_projection=True)
    return c.sd_unet(c.SD1_TEXT_WIDTH)


def write_controlnet(folder_or_file: Path, *, base: Literal["sd-1", "sd-2", "sdxl", "flux"] = "sd-1") -> Path:
    """A ControlNet matching the tiny UNet (or FLUX transformer) of ``base``: a diffusers folder, or a
    single file.

    Single SD 1.x/2.x files use the original layout under ``control_model.`` (as lllyasviel's releases);
    SDXL ControlNets are only distributed in diffusers' key layout, so that is what an SDXL file holds.
    FLUX ControlNets are written as folders only.
    """
    c.seeded(12)
    net = c.flux_controlnet() if base == "flux" else c.controlnet_for(_control_unet(base))
    path = Path(folder_or_file)
    if not _is_file(path):
        net.save_pretrained(path, safe_serialization=True)
        return path
    if base == "flux":
        raise ValueError("FLUX ControlNets are written as diffusers folders only")
    state = net.state_dict()
    if base != "sdxl":
        state = prefixed(unet_to_ldm(state, net.config), "control_model.")
    return save_state(path, state)


def write_t2i_adapter(folder: Path, *, base: Literal["sd-1", "sdxl"] = "sd-1") -> Path:
    """A diffusers T2I-Adapter folder (``full_adapter`` for SD 1.x, ``full_adapter_xl`` for SDXL)."""
    c.seeded(13)
    adapter = c.t2i_adapter(sdxl=base == "sdxl")
    adapter.save_pretrained(Path(folder), safe_serialization=True)
    return Path(folder)


def write_embedding(path: Path, *, base: Literal["sd-1", "sd-2", "sdxl"] = "sd-1", vectors: int = 2) -> Path:
    """A textual inversion: ``.pt``/``.bin`` A1111 pickle (``string_to_param``), ``.safetensors``
    (``emb_params``; SDXL: ``clip_l`` + ``clip_g``), or, for a path without suffix, a diffusers folder
    holding ``learned_embeds.safetensors`` (``{"<token>": vectors}``).
    """
    gen = torch.Generator().manual_seed(14)
    path = Path(path)
    if base == "sdxl":
        tensors = {
            "clip_l": torch.randn(vectors, c.SD1_TEXT_WIDTH, generator=gen),
            "clip_g": torch.randn(vectors, c.SDXL_G_WIDTH, generator=gen),
        }
        return save_tensors(path, tensors)
    embedding = torch.randn(vectors, _EMBED_WIDTH[base], generator=gen)
    if not _is_file(path):
        save_tensors(path / "learned_embeds.safetensors", {f"<{path.name}>": embedding})
        return path
    if path.suffix == ".safetensors":
        return save_tensors(path, {"emb_params": embedding})
    payload = {
        "string_to_token": {"*": _PICKLED_EMBEDDING_TOKEN},
        "string_to_param": {"*": embedding},
        "name": path.stem,
        "step": 1000,
        "sd_checkpoint": None,
        "sd_checkpoint_name": None,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(payload, path)
    return path


def write_esrgan(path: Path, *, scale: int = 4) -> Path:
    """An ESRGAN (old RRDB layout, ``model.0.weight``...) upscaler with 8 filters and 1 block."""
    c.seeded(15)
    model = ESRGAN(num_filters=8, num_blocks=1, scale=scale)
    return save_tensors(Path(path), model.state_dict())


def write_lama(path: Path) -> Path:
    """A LaMa inpainter with random weights, stored in float16 (about 100 MB).

    spandrel builds LaMa at the published size whatever the file holds (only the channel counts are read
    from it), so this cannot be smaller than big-lama; it is saved once per test module.
    """
    c.seeded(17)
    state = LaMa(in_nc=4, out_nc=3).state_dict()
    return save_tensors(Path(path), {k: v.half() if v.is_floating_point() else v for k, v in state.items()})


_IP_ADAPTER_TOKENS = 4
CLIP_VISION_EMBED = 1024  # ViT-H image embeddings, what SD 1.x / SDXL IP-Adapters project from


def write_ip_adapter(path: Path, *, base: Literal["sd-1", "sd-2", "sdxl"] = "sd-1") -> Path:
    """An IP-Adapter in the original layout: ``image_proj.*`` and ``ip_adapter.N.to_k_ip/to_v_ip``.

    The projection maps a 1024-wide image embedding to 4 tokens of the UNet's cross-attention width;
    each attention layer gets key/value projections from that width to its own channel count.
    """
    width = {"sd-1": c.SD1_TEXT_WIDTH, "sd-2": c.SD2_TEXT_WIDTH, "sdxl": c.SDXL_CROSS_WIDTH}[base]
    gen = torch.Generator().manual_seed(16)
    tensors = {
        "image_proj.proj.weight": torch.randn(_IP_ADAPTER_TOKENS * width, CLIP_VISION_EMBED, generator=gen),
        "image_proj.proj.bias": torch.zeros(_IP_ADAPTER_TOKENS * width),
        "image_proj.norm.weight": torch.ones(width),
        "image_proj.norm.bias": torch.zeros(width),
    }
    for i, channels in enumerate((32, 64)):
        layer = 2 * i + 1  # the processors of cross-attention layers have odd indices
        tensors[f"ip_adapter.{layer}.to_k_ip.weight"] = torch.randn(channels, width, generator=gen) * 0.02
        tensors[f"ip_adapter.{layer}.to_v_ip.weight"] = torch.randn(channels, width, generator=gen) * 0.02
    return save_tensors(Path(path), tensors)


def write_clip_vision(folder: Path) -> Path:
    """A transformers ``CLIPVisionModelWithProjection`` folder (image encoder for IP-Adapters)."""
    from transformers import CLIPVisionConfig, CLIPVisionModelWithProjection

    c.seeded(17)
    config = CLIPVisionConfig(
        hidden_size=32,
        intermediate_size=37,
        projection_dim=CLIP_VISION_EMBED,
        num_hidden_layers=1,
        num_attention_heads=2,
        image_size=32,
        patch_size=8,
    )
    CLIPVisionModelWithProjection(config).save_pretrained(Path(folder))
    return Path(folder)


def write_t5_encoder(folder: Path) -> Path:
    """A transformers ``T5EncoderModel`` folder (FLUX's 4096-wide text encoder, standalone)."""
    c.seeded(18)
    c.t5_encoder().save_pretrained(Path(folder))
    return Path(folder)
