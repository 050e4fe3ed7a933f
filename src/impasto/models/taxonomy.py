"""What a model is: its base architecture, type, file format, variant and prediction type.

These string enums are stored in the database and sent over the API, so their values never change once
released. Default generation settings per base live here too, since they follow from the architecture.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class BaseModelType(StrEnum):
    """The architecture family a model belongs to (what it is compatible with)."""

    SD1 = "sd-1"
    SD2 = "sd-2"
    SDXL = "sdxl"
    SDXL_REFINER = "sdxl-refiner"
    SD3 = "sd-3"
    FLUX = "flux"
    ANY = "any"


class ModelType(StrEnum):
    """What a model does."""

    MAIN = "main"
    VAE = "vae"
    LORA = "lora"
    EMBEDDING = "embedding"
    CONTROLNET = "controlnet"
    T2I_ADAPTER = "t2i_adapter"
    IP_ADAPTER = "ip_adapter"
    CLIP_VISION = "clip_vision"
    T5_ENCODER = "t5_encoder"
    CLIP_EMBED = "clip_embed"
    UPSCALER = "upscaler"
    PREPROCESSOR = "preprocessor"
    SIGLIP = "siglip"  # a SigLIP vision encoder (what FLUX Redux reads a reference image with)
    FLUX_REDUX = "flux_redux"  # FLUX.1 Redux: SigLIP image features → extra FLUX text tokens


class PreprocessorArchitecture(StrEnum):
    """The network of a ``preprocessor`` model (its record's ``details["architecture"]``).

    Depth estimators are transformers folders; the others are lllyasviel's ControlNet annotator files.
    """

    DEPTH_ANYTHING = "depth_anything"
    DPT = "dpt"
    HED = "hed"
    LINEART = "lineart"
    LINEART_ANIME = "lineart_anime"
    PIDINET = "pidinet"
    MLSD = "mlsd"
    OPENPOSE_BODY = "openpose_body"
    OPENPOSE_HAND = "openpose_hand"


class ModelFormat(StrEnum):
    """How a model is stored on disk."""

    DIFFUSERS = "diffusers"
    CHECKPOINT = "checkpoint"
    LYCORIS = "lycoris"
    EMBEDDING_FILE = "embedding_file"
    EMBEDDING_FOLDER = "embedding_folder"
    GGUF = "gguf"
    BNB_NF4 = "bnb_nf4"  # bitsandbytes 4-bit NormalFloat weights (dequantised on loading)
    SPANDREL = "spandrel"
    TRANSFORMERS = "transformers"
    INVOKEAI = "invokeai"  # InvokeAI's own folder layout (IP-Adapters: weights plus image_encoder.txt)


class ModelVariant(StrEnum):
    """A variation of an architecture that changes how it is used."""

    NORMAL = "normal"
    INPAINT = "inpaint"
    DEPTH = "depth"
    FLUX_DEV = "dev"
    FLUX_SCHNELL = "schnell"
    FLUX_FILL = "fill"
    FLUX_KONTEXT = "kontext"  # FLUX.1 Kontext: dev's architecture, edits a reference image
    SD3_MEDIUM = "medium"
    SD3_LARGE = "large"
    SD3_LARGE_TURBO = "large_turbo"


class PredictionType(StrEnum):
    """What the denoiser predicts (it decides the scheduler configuration)."""

    EPSILON = "epsilon"
    V_PREDICTION = "v_prediction"
    FLOW = "flow"


class DefaultSettings(BaseModel):
    """Generation settings a model prefers; applied when a user picks it."""

    model_config = ConfigDict(extra="forbid")

    width: int | None = Field(None, ge=8, le=16384, multiple_of=8, description="Image width in pixels.")
    height: int | None = Field(None, ge=8, le=16384, multiple_of=8, description="Image height in pixels.")
    steps: int | None = Field(None, ge=1, le=1000, description="Denoising steps.")
    cfg_scale: float | None = Field(None, ge=0, le=100, description="Classifier-free guidance scale.")
    scheduler: str | None = Field(None, description="Scheduler name (see the generation docs).")
    guidance: float | None = Field(
        None,
        ge=0,
        le=30,
        description="Distilled guidance of a guidance-distilled model (FLUX dev); empty for the others.",
    )


_BASE_DEFAULTS: dict[BaseModelType, DefaultSettings] = {
    BaseModelType.SD1: DefaultSettings(
        width=512, height=512, steps=30, cfg_scale=7.5, scheduler="dpmpp_2m_k"
    ),
    BaseModelType.SD2: DefaultSettings(
        width=768, height=768, steps=30, cfg_scale=7.5, scheduler="dpmpp_2m_k"
    ),
    BaseModelType.SDXL: DefaultSettings(
        width=1024, height=1024, steps=30, cfg_scale=6.0, scheduler="dpmpp_2m_k"
    ),
    BaseModelType.SDXL_REFINER: DefaultSettings(
        width=1024, height=1024, steps=20, cfg_scale=6.0, scheduler="dpmpp_2m_k"
    ),
    BaseModelType.SD3: DefaultSettings(width=1024, height=1024, steps=28, cfg_scale=5.0, scheduler="euler"),
    BaseModelType.FLUX: DefaultSettings(
        width=1024, height=1024, steps=28, cfg_scale=1.0, scheduler="euler", guidance=3.5
    ),
}


KONTEXT_GUIDANCE = 2.5
"""The distilled guidance FLUX.1 Kontext is used with (diffusers' ``FluxKontextPipeline`` default)."""


def default_settings(
    base: BaseModelType, variant: ModelVariant | None = None, native_resolution: int | None = None
) -> DefaultSettings:
    """Sensible generation defaults for a main model of ``base`` (empty for other bases).

    ``native_resolution`` (the size a model was trained at, when identification could tell) replaces the
    base's usual size, so small or unusual models start at a size they can draw.
    """
    settings = _BASE_DEFAULTS.get(base, DefaultSettings()).model_copy()
    if base is BaseModelType.FLUX and variant is ModelVariant.FLUX_SCHNELL:
        settings.steps = 4
        settings.guidance = None  # schnell is timestep-distilled and takes no guidance input
    if base is BaseModelType.FLUX and variant is ModelVariant.FLUX_KONTEXT:
        settings.guidance = KONTEXT_GUIDANCE
    if base is BaseModelType.SD3 and variant is ModelVariant.SD3_LARGE_TURBO:
        settings.steps, settings.cfg_scale = 4, 1.0  # distilled: few steps, no guidance
    if native_resolution is not None and native_resolution % 8 == 0 and 8 <= native_resolution <= 16384:
        settings.width = settings.height = native_resolution
    return settings
