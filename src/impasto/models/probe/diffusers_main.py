"""Main models as diffusers folders, recognised by ``model_index.json`` and their components' configs.

The pipeline class names the family; the UNet's ``cross_attention_dim`` (768 SD 1.x, 1024 SD 2.x, 2048
SDXL, 1280 refiner) and ``in_channels`` (4 normal, 9 inpaint, 5 depth) the base and variant; the
scheduler config the prediction type. FLUX: ``guidance_embeds`` in the transformer config → dev, else
schnell; 384 input channels → Fill; the pipeline class ``FluxKontextPipeline`` (or its inpainting
sibling) → Kontext, whose transformer is shaped exactly like dev's. SD 3.x: the transformer config tells
Medium from Large (see :mod:`.sd3_file`). Weights saved as ``*.fp16.safetensors`` are noted as the ``fp16``
repo variant, which loaders must ask for.
"""

from __future__ import annotations

import re
from typing import Any

from impasto.models.probe.base import CROSS_ATTENTION_BASES, Candidate, Found
from impasto.models.probe.sd3_file import sd3_folder
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant, PredictionType

_UNET_VARIANTS = {4: ModelVariant.NORMAL, 9: ModelVariant.INPAINT, 5: ModelVariant.DEPTH}
_PREDICTIONS = {"epsilon": PredictionType.EPSILON, "v_prediction": PredictionType.V_PREDICTION}
_REPO_VARIANT = re.compile(r"[^/]+/[^/]+\.(fp16|bf16)\.(safetensors|bin)")
FLUX_FILL_IN_CHANNELS = 384
KONTEXT_PIPELINE_PREFIX = "FluxKontext"


def match_diffusers_main(candidate: Candidate) -> Found | None:
    """A diffusers pipeline folder of a supported main model."""
    index = candidate.json("model_index.json")
    if index is None:
        return None
    pipeline = str(index.get("_class_name", ""))
    if pipeline.startswith("Flux"):
        found = _flux(candidate, kontext=pipeline.startswith(KONTEXT_PIPELINE_PREFIX))
    elif pipeline.startswith("StableDiffusion3"):
        found = sd3_folder(candidate, _config(candidate, "transformer"))
    elif pipeline.startswith("StableDiffusion"):
        found = _stable_diffusion(candidate)
    else:
        raise candidate.unrecognised(f"pipeline {pipeline or 'without a class name'} is not supported")
    found.details["pipeline"] = pipeline
    repo_variants = {m[1] for f in candidate.files if (m := _REPO_VARIANT.fullmatch(f))}
    if repo_variants:
        found.details["repo_variant"] = sorted(repo_variants)[0]
    return found


def _config(candidate: Candidate, component: str) -> dict[str, Any]:
    config = candidate.json(f"{component}/config.json")
    if config is None:
        raise candidate.unrecognised(
            f"model_index.json names a pipeline but {component}/config.json is missing"
        )
    return config


def _stable_diffusion(candidate: Candidate) -> Found:
    unet = _config(candidate, "unet")
    width = unet.get("cross_attention_dim")
    base = CROSS_ATTENTION_BASES.get(width if isinstance(width, int) else 0) or _small_sd_base(candidate)
    variant = _UNET_VARIANTS.get(unet.get("in_channels", 4))
    if base is None or variant is None:
        raise candidate.unrecognised(
            f"a UNet with cross_attention_dim {width} and in_channels {unet.get('in_channels')}"
        )
    scheduler = candidate.json("scheduler/scheduler_config.json") or {}
    prediction = _PREDICTIONS.get(str(scheduler.get("prediction_type", "epsilon")), PredictionType.EPSILON)
    found = Found(base, ModelType.MAIN, ModelFormat.DIFFUSERS, variant, prediction)
    resolution = _native_resolution(candidate, unet)
    if resolution is not None:
        found.details["native_resolution"] = resolution
    return found


def _small_sd_base(candidate: Candidate) -> BaseModelType | None:
    """A single-encoder SD pipeline of non-standard width (a small or distilled model).

    The text encoder tells the family: SD 1.x uses OpenAI CLIP (``quick_gelu``), SD 2.x OpenCLIP (``gelu``).
    """
    index = candidate.json("model_index.json") or {}
    if str(index.get("_class_name", "")).startswith("StableDiffusionXL"):
        return None
    encoder = candidate.json("text_encoder/config.json") or {}
    return {"quick_gelu": BaseModelType.SD1, "gelu": BaseModelType.SD2}.get(str(encoder.get("hidden_act")))


def _native_resolution(candidate: Candidate, unet: dict[str, Any]) -> int | None:
    """The image size the model was trained at: UNet sample size times the VAE's downscale factor."""
    vae = candidate.json("vae/config.json") or {}
    sample_size, blocks = unet.get("sample_size"), vae.get("block_out_channels")
    if not isinstance(sample_size, int) or not isinstance(blocks, list) or not blocks:
        return None
    return int(sample_size * 2 ** (len(blocks) - 1))


def _flux(candidate: Candidate, *, kontext: bool) -> Found:
    transformer = _config(candidate, "transformer")
    if transformer.get("in_channels") == FLUX_FILL_IN_CHANNELS:
        variant = ModelVariant.FLUX_FILL
    elif kontext and transformer.get("guidance_embeds"):
        variant = ModelVariant.FLUX_KONTEXT
    elif transformer.get("guidance_embeds"):
        variant = ModelVariant.FLUX_DEV
    else:
        variant = ModelVariant.FLUX_SCHNELL
    return Found(BaseModelType.FLUX, ModelType.MAIN, ModelFormat.DIFFUSERS, variant, PredictionType.FLOW)
