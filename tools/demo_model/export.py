"""Export the trained demo model as a standard diffusers ``StableDiffusionPipeline`` folder.

The UNet and text encoder are the EMA weights. Each component is stored in float16 only if a float16
round trip of its weights leaves its outputs practically unchanged; the exported folder is then loaded
back the way users load it and compared with the float32 model on real renders. The token embedding
keeps only the caption vocabulary's rows (plus bos/eos/pad); the others are zero. The tokenizer is stored
as ``vocab.json`` + ``merges.txt`` (1.4 MB) instead of a 3.6 MB ``tokenizer.json``.
"""

from __future__ import annotations

import copy
import logging
import math
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import safetensors.torch
import torch
from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
from transformers import CLIPTextModel

from tools.demo_model.checkpoint import load_checkpoint
from tools.demo_model.evaluate import EvalSettings, load_pipeline, quiet, render_prompts, single_cases
from tools.demo_model.models import (
    build_text_encoder,
    build_unet,
    inference_scheduler,
    token_embedding,
    zero_unused_embeddings,
)
from tools.demo_model.tokenizer import TOKENIZER_DIR, load_tokenizer, tokenize
from tools.demo_model.train_unet import DiffusionModel, expand_embedding

log = logging.getLogger(__name__)

FP16_TOLERANCE = 1e-2  # largest output change allowed, relative to the output's largest magnitude


def load_trained(run_dir: Path) -> tuple[AutoencoderKL, UNet2DConditionModel, CLIPTextModel]:
    """The final VAE and the EMA weights of UNet and text encoder, in float32 on the CPU."""
    vae: AutoencoderKL = AutoencoderKL.from_pretrained(str(run_dir / "vae_final"))
    loaded = load_checkpoint(run_dir / "unet")
    if loaded is None:
        raise FileNotFoundError(f"no UNet checkpoint in {run_dir / 'unet'}; train the UNet first")
    state = loaded[0]["trainer"]
    model = DiffusionModel(build_unet(), build_text_encoder())
    shape = token_embedding(model.text_encoder).weight.shape
    model.load_weights(expand_embedding(state["ema"], state["keep"], shape))
    zero_unused_embeddings(model.text_encoder, state["keep"])
    for module in (vae, model.unet, model.text_encoder):
        module.requires_grad_(False)
    return vae, model.unet, model.text_encoder


def build_pipeline(
    vae: AutoencoderKL, unet: UNet2DConditionModel, text_encoder: CLIPTextModel
) -> StableDiffusionPipeline:
    """An in-memory pipeline with the shipped scheduler and no safety checker."""
    components: dict[str, Any] = {
        "vae": vae,
        "text_encoder": text_encoder,
        "tokenizer": load_tokenizer(),
        "unet": unet,
        "scheduler": inference_scheduler(),
        "safety_checker": None,
        "feature_extractor": None,
        "image_encoder": None,
    }
    return StableDiffusionPipeline(**components, requires_safety_checker=False)


def fp16_error(module: torch.nn.Module, run: Callable[[Any], torch.Tensor]) -> float:
    """Relative output change (max abs difference / max abs output) after a float16 round trip of weights."""
    with torch.no_grad():
        reference = run(module)
        rounded = copy.deepcopy(module).half().float()
        diff = (run(rounded) - reference).abs().max() / reference.abs().max().clamp(min=1e-8)
    return float(diff)


def _probe_errors(
    vae: AutoencoderKL, unet: UNet2DConditionModel, text_encoder: CLIPTextModel
) -> dict[str, float]:
    """fp16 round-trip error of each component on realistic inputs (real prompts, all noise levels)."""
    g = torch.Generator().manual_seed(0)
    ids = tokenize(load_tokenizer(), [c.prompt for c in single_cases()[:8]])
    with torch.no_grad():
        context = text_encoder(ids).last_hidden_state
    latents = torch.randn(8, 4, 16, 16, generator=g)
    t = torch.linspace(20, 980, 8).long()
    image = torch.rand(8, 3, 64, 64, generator=g) * 2 - 1

    def run_text(m: Any) -> torch.Tensor:
        return torch.as_tensor(m(ids).last_hidden_state)

    def run_unet(m: Any) -> torch.Tensor:
        return torch.as_tensor(m(latents, t, context).sample)

    def run_vae(m: Any) -> torch.Tensor:
        return torch.as_tensor(m.decode(m.encode(image).latent_dist.mode()).sample)

    return {
        "text_encoder": fp16_error(text_encoder, run_text),
        "unet": fp16_error(unet, run_unet),
        "vae": fp16_error(vae, run_vae),
    }


_WEIGHT_FILES = {
    "vae": "vae/diffusion_pytorch_model.safetensors",
    "unet": "unet/diffusion_pytorch_model.safetensors",
    "text_encoder": "text_encoder/model.safetensors",
}


def _save(pipe: StableDiffusionPipeline, half: set[str], folder: Path) -> None:
    """Save in float32, then store the ``half`` components' weights as float16 in place.

    The configs keep saying float32, so a plain ``from_pretrained`` computes in float32 everywhere:
    transformers 5 otherwise loads a text encoder in its saved dtype while diffusers upcasts UNet and
    VAE, and the mixed pipeline fails on a CPU.
    """
    pipe.save_pretrained(str(folder), safe_serialization=True)
    tok = folder / "tokenizer"
    (tok / "tokenizer.json").unlink(missing_ok=True)
    for name in ("vocab.json", "merges.txt"):
        shutil.copyfile(TOKENIZER_DIR / name, tok / name)
    for name, relative in _WEIGHT_FILES.items():
        path = folder / relative
        weights = safetensors.torch.load_file(str(path))
        if name in half:
            weights = {k: v.half() if v.is_floating_point() else v for k, v in weights.items()}
        if name == "text_encoder":
            weights = _canonical_text_encoder_names(weights)
        safetensors.torch.save_file(weights, str(path), metadata={"format": "pt"})
        path.chmod(0o644)


def _canonical_text_encoder_names(weights: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The classic ``text_model.`` names, which every transformers version loads.

    transformers 5.x saves CLIPTextModel without that prefix and strips it when loading; 4.x needs it.
    """
    return {k if k.startswith("text_model.") else f"text_model.{k}": v for k, v in weights.items()}


def _render_psnr(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    mse = float(np.mean([(x.astype(np.float64) - y) ** 2 for x, y in zip(a, b, strict=True)]))
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)


def plain_load_check(folder: Path) -> dict[str, Any]:
    """What a plain ``from_pretrained(folder)`` gives: component dtypes, and whether a CPU render works."""
    try:
        pipe = StableDiffusionPipeline.from_pretrained(str(folder), local_files_only=True)
        quiet(pipe)
        dtypes = {n: str(getattr(pipe, n).dtype) for n in ("vae", "unet", "text_encoder")}
        render_prompts(pipe, [(single_cases()[0].prompt, 0)], EvalSettings(steps=2))
    except Exception as e:  # documented in the model card, not fatal
        log.exception("a plain load of %s failed", folder)
        return {"dtypes": {}, "renders": False, "error": f"{type(e).__name__}: {e}"}
    return {"dtypes": dtypes, "renders": True}


def fp32_agreement(pipe: StableDiffusionPipeline, folder: Path, steps: int) -> float | str:
    """PSNR (dB) of the saved folder's renders against the in-memory float32 model's, same seeds."""
    settings = EvalSettings(steps=steps)
    jobs = [(c.prompt, 0) for c in single_cases()[:4]]
    try:
        saved = render_prompts(load_pipeline(folder, torch.device("cpu")), jobs, settings)
    except Exception as e:  # the folder is written already; say what failed instead of losing the run
        log.exception("loading %s back failed", folder)
        return f"load failed: {type(e).__name__}: {e}"
    psnr = _render_psnr(render_prompts(pipe, jobs, settings), saved)
    return round(psnr, 2) if math.isfinite(psnr) else "identical"


def folder_megabytes(folder: Path) -> float:
    """Total size of the files under ``folder`` in MB."""
    return round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6, 2)


def save_folder(
    vae: AutoencoderKL, unet: UNet2DConditionModel, text_encoder: CLIPTextModel, out_dir: Path
) -> dict[str, Any]:
    """Write the pipeline folder to ``out_dir``, replacing it only once it is complete."""
    errors = _probe_errors(vae, unet, text_encoder)
    half = {name for name, err in errors.items() if err < FP16_TOLERANCE}
    log.info("float16 round-trip output change: %s; stored as float16: %s", errors, sorted(half))
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    _save(build_pipeline(vae, unet, text_encoder), half, tmp)
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return {
        "fp16_output_change": {k: round(v, 6) for k, v in errors.items()},
        "fp16_components": sorted(half),
    }


def export_model(run_dir: Path, out_dir: Path, check_steps: int = 20) -> dict[str, Any]:
    """Export the run's model to ``out_dir``, then check it loads and renders like the float32 model."""
    torch.manual_seed(0)
    modules = load_trained(run_dir)
    stats = save_folder(*modules, out_dir)
    pipe = build_pipeline(*modules)
    quiet(pipe)
    stats["render_psnr_db_vs_fp32"] = fp32_agreement(pipe, out_dir, check_steps)
    stats["plain_load"] = plain_load_check(out_dir)
    stats["megabytes"] = folder_megabytes(out_dir)
    log.info(
        "exported %s (%.1f MB); renders vs float32: %s dB",
        out_dir,
        stats["megabytes"],
        stats["render_psnr_db_vs_fp32"],
    )
    return stats
