"""Writers of complete diffusers pipeline folders (model_index.json, component configs, weights).

Each folder loads with ``DiffusionPipeline.from_pretrained(folder)`` offline and runs on the CPU.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import torch
from diffusers import (
    DDIMScheduler,
    EulerDiscreteScheduler,
    FlowMatchEulerDiscreteScheduler,
    FluxFillPipeline,
    FluxKontextPipeline,
    FluxPipeline,
    PNDMScheduler,
    StableDiffusionDepth2ImgPipeline,
    StableDiffusionInpaintPipeline,
    StableDiffusionPipeline,
    StableDiffusionXLImg2ImgPipeline,
    StableDiffusionXLInpaintPipeline,
    StableDiffusionXLPipeline,
)
from transformers import DPTConfig, DPTForDepthEstimation, DPTImageProcessor

from . import components as c
from .tokenizers import CLIP_EOS_ID, clip_tokenizer, t5_tokenizer

SdVariant = Literal["normal", "inpaint", "depth"]
FluxVariant = Literal["dev", "schnell", "fill", "kontext"]
IN_CHANNELS = {"normal": 4, "inpaint": 9, "depth": 5}
_SD_SCHEDULE: dict[str, Any] = {
    "beta_start": 0.00085,
    "beta_end": 0.012,
    "beta_schedule": "scaled_linear",
    "steps_offset": 1,
}


def save_pipeline(pipe: Any, folder: Path, repo_variant: str | None) -> Path:
    """Save ``pipe`` as safetensors; an ``fp16`` repo variant stores float16 ``*.fp16.safetensors`` files."""
    if repo_variant == "fp16":
        pipe.to(torch.float16)
    folder.mkdir(parents=True, exist_ok=True)
    pipe.save_pretrained(folder, safe_serialization=True, variant=repo_variant)
    return folder


def _tiny_depth_estimator() -> tuple[DPTForDepthEstimation, DPTImageProcessor]:
    """A four-layer, 32-wide DPT depth model and its image processor (SD 2 depth needs both)."""
    config = DPTConfig(
        image_size=32,
        patch_size=8,
        hidden_size=32,
        num_hidden_layers=4,
        num_attention_heads=4,
        intermediate_size=37,
        backbone_out_indices=(0, 1, 2, 3),
        neck_hidden_sizes=[8, 16, 32, 32],
        fusion_hidden_size=16,
        is_hybrid=False,
    )
    processor = DPTImageProcessor(size={"height": 32, "width": 32}, do_rescale=True)
    return DPTForDepthEstimation(config), processor


def _sd_scheduler(scheduler_cls: type[Any], prediction: str) -> Any:
    """SD 1.x's PNDM or SD 2.x's DDIM scheduler with the usual settings."""
    extra = {"skip_prk_steps": True} if scheduler_cls is PNDMScheduler else {"clip_sample": False}
    return c.build(scheduler_cls, **_SD_SCHEDULE, **extra, set_alpha_to_one=False, prediction_type=prediction)


def _sd_pipeline(
    text_width: int, variant: SdVariant, prediction: str, scheduler_cls: type[Any], seed: int
) -> Any:
    """An SD 1.x / 2.x pipeline object of ``variant`` with seeded components."""
    c.seeded(seed)
    unet = c.sd_unet(text_width, in_channels=IN_CHANNELS[variant], linear_projection=text_width != 768)
    vae = c.vae()
    pad_with_eos = text_width == c.SD1_TEXT_WIDTH
    text_encoder = c.clip_text(text_width, pad_id=CLIP_EOS_ID if pad_with_eos else 0)
    parts: dict[str, Any] = {
        "unet": unet,
        "vae": vae,
        "text_encoder": text_encoder,
        "tokenizer": clip_tokenizer(pad_with_eos=pad_with_eos),
        "scheduler": _sd_scheduler(scheduler_cls, prediction),
    }
    if variant == "depth":
        estimator, processor = _tiny_depth_estimator()
        extra = {"depth_estimator": estimator, "feature_extractor": processor}
        return c.build(StableDiffusionDepth2ImgPipeline, **parts, **extra)
    pipe_cls = StableDiffusionInpaintPipeline if variant == "inpaint" else StableDiffusionPipeline
    return c.build(
        pipe_cls, **parts, safety_checker=None, feature_extractor=None, requires_safety_checker=False
    )


def sd1_pipeline(variant: SdVariant = "normal") -> Any:
    """The SD 1.x pipeline object that :func:`write_sd1_diffusers` saves."""
    return _sd_pipeline(c.SD1_TEXT_WIDTH, variant, "epsilon", PNDMScheduler, seed=1)


def sd2_prediction(prediction: str | None, variant: SdVariant) -> str:
    """SD 2.x defaults: the 768 px model predicts v; the inpaint and depth models (512 px) epsilon."""
    return prediction or ("v_prediction" if variant == "normal" else "epsilon")


def sd2_pipeline(prediction: str | None = None, variant: SdVariant = "normal") -> Any:
    """The SD 2.x pipeline object that :func:`write_sd2_diffusers` saves."""
    return _sd_pipeline(c.SD2_TEXT_WIDTH, variant, sd2_prediction(prediction, variant), DDIMScheduler, seed=2)


def write_sd1_diffusers(
    folder: Path, *, variant: Literal["normal", "inpaint"] = "normal", repo_variant: str | None = None
) -> Path:
    """A Stable Diffusion 1.x pipeline folder (text width 768; inpaint: a 9-channel UNet)."""
    return save_pipeline(sd1_pipeline(variant), Path(folder), repo_variant)


def write_sd2_diffusers(
    folder: Path,
    *,
    prediction: Literal["v_prediction", "epsilon"] | None = None,
    variant: Literal["normal", "inpaint", "depth"] = "normal",
    repo_variant: str | None = None,
) -> Path:
    """A Stable Diffusion 2.x pipeline folder (text width 1024; the scheduler config names the prediction).

    ``prediction`` defaults to what the published models use: v for normal, epsilon for inpaint/depth.
    """
    return save_pipeline(sd2_pipeline(prediction, variant), Path(folder), repo_variant)


def _sdxl_scheduler() -> Any:
    return c.build(
        EulerDiscreteScheduler, **_SD_SCHEDULE, timestep_spacing="leading", prediction_type="epsilon"
    )


def sdxl_pipeline(*, refiner: bool = False, variant: SdVariant = "normal") -> Any:
    """An SDXL base (two text encoders, cross width 2048) or refiner (OpenCLIP only, 1280) pipeline."""
    c.seeded(4 if refiner else 3)
    unet = c.sdxl_unet(refiner=refiner, in_channels=IN_CHANNELS[variant])
    vae = c.vae(scaling_factor=0.13025)
    text_encoder = None if refiner else c.clip_text(c.SD1_TEXT_WIDTH)
    parts: dict[str, Any] = {
        "unet": unet,
        "vae": vae,
        "text_encoder": text_encoder,
        "text_encoder_2": c.clip_text_projected(),
        "tokenizer": None if refiner else clip_tokenizer(),
        "tokenizer_2": clip_tokenizer(pad_with_eos=False),
        "scheduler": _sdxl_scheduler(),
    }
    if refiner:
        pipe = c.build(
            StableDiffusionXLImg2ImgPipeline,
            **parts,
            requires_aesthetics_score=True,
            force_zeros_for_empty_prompt=False,
        )
    elif variant == "inpaint":
        pipe = c.build(StableDiffusionXLInpaintPipeline, **parts)
    else:
        pipe = c.build(StableDiffusionXLPipeline, **parts)
    return pipe


def write_sdxl_diffusers(
    folder: Path,
    *,
    refiner: bool = False,
    variant: Literal["normal", "inpaint"] = "normal",
    repo_variant: str | None = None,
) -> Path:
    """An SDXL base (two text encoders, cross width 2048) or refiner (OpenCLIP only, 1280) folder."""
    return save_pipeline(sdxl_pipeline(refiner=refiner, variant=variant), Path(folder), repo_variant)


def flux_scheduler(variant: FluxVariant) -> Any:
    """FLUX's flow-matching scheduler: dynamic shifting for dev/fill, a plain shift of 1 for schnell."""
    if variant == "schnell":
        return c.build(FlowMatchEulerDiscreteScheduler, shift=1.0, use_dynamic_shifting=False)
    return c.build(
        FlowMatchEulerDiscreteScheduler, shift=3.0, use_dynamic_shifting=True, base_shift=0.5, max_shift=1.15
    )


def flux_pipeline(variant: FluxVariant = "dev") -> Any:
    """A FLUX.1 pipeline: dev (guidance embedding), schnell (none), fill (384 input channels) or kontext
    (dev's transformer, here with dev's very weights, in a ``FluxKontextPipeline``)."""
    c.seeded(5)
    parts: dict[str, Any] = {
        "transformer": c.flux_transformer(guidance=variant != "schnell", fill=variant == "fill"),
        "vae": c.vae(latent_channels=16, scaling_factor=0.3611, shift_factor=0.1159),
        "text_encoder": c.clip_text(c.SD1_TEXT_WIDTH),
        "tokenizer": clip_tokenizer(),
        "text_encoder_2": c.t5_encoder(),
        "tokenizer_2": t5_tokenizer(),
        "scheduler": flux_scheduler(variant),
    }
    pipelines = {"fill": FluxFillPipeline, "kontext": FluxKontextPipeline}
    return c.build(pipelines.get(variant, FluxPipeline), **parts)


def write_flux_diffusers(
    folder: Path, *, variant: FluxVariant = "dev", repo_variant: str | None = None
) -> Path:
    """A FLUX.1 folder: dev (guidance embedding), schnell (none), fill (384 input channels) or kontext."""
    return save_pipeline(flux_pipeline(variant), Path(folder), repo_variant)
