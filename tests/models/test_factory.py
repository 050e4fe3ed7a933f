"""The tiny-model factory writes real, loadable files: checkpoints convert back bit-identically,
folders run as pipelines, LoRAs apply, and every writer is deterministic."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import diffusers
import pytest
import torch
from diffusers.loaders.single_file_utils import infer_diffusers_model_type
from safetensors.torch import load_file

from impasto.models.hashing import hash_path

from .factory import (
    A1111_TREE,
    COMFYUI_TREE,
    write_a1111_tree,
    write_comfyui_tree,
    write_flux_checkpoint,
    write_flux_diffusers,
    write_lora,
    write_malicious_pickle,
    write_sd1_checkpoint,
    write_sd1_diffusers,
    write_sd2_checkpoint,
    write_sd2_diffusers,
    write_sdxl_checkpoint,
    write_sdxl_diffusers,
)
from .factory.tokenizers import CLIP_BOS_ID, CLIP_EOS_ID, clip_tokenizer

torch.set_num_threads(1)
warnings.filterwarnings("ignore", category=FutureWarning)

# diffusers is untyped to mypy: handle its entry points as Any.
DiffusionPipeline: Any = diffusers.DiffusionPipeline
infer_model_type: Any = infer_diffusers_model_type

FOLDERS: dict[str, tuple[Callable[[Path], Path], Callable[..., Path], str]] = {
    "sd1": (write_sd1_diffusers, write_sd1_checkpoint, "StableDiffusionPipeline"),
    "sd2": (write_sd2_diffusers, write_sd2_checkpoint, "StableDiffusionPipeline"),
    "sdxl": (write_sdxl_diffusers, write_sdxl_checkpoint, "StableDiffusionXLPipeline"),
    "refiner": (
        lambda p: write_sdxl_diffusers(p, refiner=True),
        write_sdxl_checkpoint,
        "StableDiffusionXLImg2ImgPipeline",
    ),
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("folders")
    written = {name: write(root / name) for name, (write, _, _) in FOLDERS.items()}
    written["flux"] = write_flux_diffusers(root / "flux")
    return written


def _fresh_storage(pipe: Any) -> None:
    """Copy every weight into newly allocated memory.

    Identical weights can give results that differ in the last bits when one copy is memory-mapped at an
    unaligned address (the BLAS kernels then take another path), so both sides are re-allocated first.
    """
    for name in ("unet", "vae", "text_encoder", "text_encoder_2"):
        module = getattr(pipe, name, None)
        for param in module.parameters() if module is not None else ():
            param.data = param.data.clone()


def _outputs(pipe: Any) -> dict[str, torch.Tensor]:
    """Deterministic forward passes of a pipeline's UNet, VAE decoder and text encoders."""
    _fresh_storage(pipe)
    gen = torch.Generator().manual_seed(0)
    latents = torch.randn(1, 4, 8, 8, generator=gen)  # (B, 4, H/8, W/8)
    ids = torch.tensor([[CLIP_BOS_ID, 320, 539, 66, CLIP_EOS_ID]])
    out: dict[str, torch.Tensor] = {}
    with torch.no_grad():
        for name in ("text_encoder", "text_encoder_2"):
            if getattr(pipe, name, None) is not None:
                out[name] = getattr(pipe, name)(ids)[0]
        context = torch.randn(1, 5, pipe.unet.config.cross_attention_dim, generator=gen)
        added = None
        if pipe.unet.config.addition_embed_type == "text_time":
            n_ids = 5 if pipe.unet.config.cross_attention_dim == 1280 else 6
            added = {"text_embeds": torch.randn(1, 1280, generator=gen), "time_ids": torch.ones(1, n_ids)}
        out["unet"] = pipe.unet(latents, 10, context, added_cond_kwargs=added).sample
        out["vae"] = pipe.vae.decode(latents).sample
    return out


@pytest.mark.parametrize(("name", "suffix"), [(n, ".safetensors") for n in FOLDERS] + [("sd1", ".ckpt")])
def test_checkpoint_loads_back_identically(
    folders: dict[str, Path], tmp_path: Path, name: str, suffix: str
) -> None:
    _, write_checkpoint, pipeline = FOLDERS[name]
    folder = folders[name]
    checkpoint = write_checkpoint(tmp_path / f"{name}{suffix}", source=folder)
    pipe_cls = getattr(diffusers, pipeline)
    single = pipe_cls.from_single_file(str(checkpoint), config=str(folder), local_files_only=True)
    original = pipe_cls.from_pretrained(folder)
    expected, got = _outputs(original), _outputs(single)
    assert set(got) == set(expected)
    for part, tensor in expected.items():
        assert torch.equal(tensor, got[part]), part


def test_sd2_text_encoder_uses_open_clip_layout(folders: dict[str, Path], tmp_path: Path) -> None:
    state = load_file(write_sd2_checkpoint(tmp_path / "sd2.safetensors", source=folders["sd2"]))
    fused = state["cond_stage_model.model.transformer.resblocks.0.attn.in_proj_weight"]
    assert fused.shape == (3 * 1024, 1024)
    assert "cond_stage_model.model.positional_embedding" in state


@pytest.mark.parametrize("name", ["sd1", "sdxl", "flux"])
def test_folders_run_as_pipelines(folders: dict[str, Path], name: str) -> None:
    pipe = DiffusionPipeline.from_pretrained(folders[name])
    pipe.set_progress_bar_config(disable=True)
    image = pipe(
        "a photo of a cat",
        num_inference_steps=1,
        height=64,
        width=64,
        generator=torch.Generator().manual_seed(0),
        output_type="pt",
    ).images
    assert image.shape == (1, 3, 64, 64)
    assert torch.isfinite(image).all()


@pytest.mark.parametrize(
    ("base", "style"), [("sd-1", "kohya"), ("sd-1", "peft"), ("sdxl", "kohya"), ("flux", "peft")]
)
def test_loras_apply_to_the_tiny_models(
    folders: dict[str, Path], tmp_path: Path, base: str, style: str
) -> None:
    folder = folders[{"sd-1": "sd1", "sdxl": "sdxl", "flux": "flux"}[base]]
    pipe = DiffusionPipeline.from_pretrained(folder)
    lora = write_lora(tmp_path / "lora.safetensors", style=style, base=base)  # type: ignore[arg-type]
    pipe.load_lora_weights(str(lora), adapter_name="test")
    denoiser = pipe.transformer if base == "flux" else pipe.unet
    adapted = [n for n, _ in denoiser.named_parameters() if "lora_" in n]
    assert adapted


@pytest.mark.parametrize("variant", ["dev", "schnell", "fill"])
def test_flux_checkpoint_has_the_bfl_layout_diffusers_expects(tmp_path: Path, variant: str) -> None:
    state = load_file(write_flux_checkpoint(tmp_path / "flux.safetensors", variant=variant))  # type: ignore[arg-type]
    assert infer_model_type(state) == f"flux-{variant}"
    assert state["double_blocks.0.img_attn.qkv.weight"].shape == (3 * 32, 32)


def test_writers_are_deterministic(tmp_path: Path) -> None:
    for writer in (write_sd1_checkpoint, write_lora):
        first, second = writer(tmp_path / "a.safetensors"), writer(tmp_path / "b.safetensors")
        assert hash_path(first) == hash_path(second)
    assert hash_path(write_sd1_diffusers(tmp_path / "x")) == hash_path(write_sd1_diffusers(tmp_path / "y"))


def test_malicious_pickle_really_runs_code_when_loaded_unsafely(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    path = write_malicious_pickle(tmp_path / "evil.ckpt", marker)
    assert not marker.exists()
    torch.load(path, weights_only=False)  # what a careless loader would do
    assert marker.exists()


def test_clip_tokenizer_gives_real_clip_pieces() -> None:
    ids = clip_tokenizer()("a photo of a cat").input_ids
    assert (ids[0], ids[-1]) == (CLIP_BOS_ID, CLIP_EOS_ID)
    assert (ids[1], ids[4]) == (320, 539)  # "a</w>" and "of</w>" have these ids in CLIP's vocabulary
    assert clip_tokenizer(pad_with_eos=False).pad_token_id == 0


def test_a1111_and_comfyui_trees(tmp_path: Path) -> None:
    a1111 = write_a1111_tree(tmp_path / "webui")
    comfy = write_comfyui_tree(tmp_path / "ComfyUI")
    for root, tree in ((a1111, A1111_TREE), (comfy, COMFYUI_TREE)):
        for relative in tree:
            assert (root / relative).exists(), relative
    assert (a1111 / "models/Stable-diffusion/Put Stable Diffusion checkpoints here.txt").is_file()
    assert (comfy / "models/checkpoints/put_checkpoints_here").is_file()
