"""The generation parameters of an image, as written by Impasto and as recalled from any tool's image.

:class:`GenerationParameters` holds every field both directions share; all are optional because an image
made by another tool rarely says everything. :class:`GenerationMetadata` is what a generation graph fills
(usually through the ``generation_metadata`` node) and the ``save_image`` node writes. Its field names
follow diffusers' and InvokeAI's vocabulary so a graph builder can copy node inputs across one to one.
:class:`RecallParameters` is what the parsers return: the same fields, plus where they came from and what
could not be read.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from impasto import __version__

RecallSource = Literal["impasto", "invokeai", "a1111", "comfyui"]


class ModelRef(BaseModel):
    """A model as an image records it: enough to find the same model again (by key, hash or name)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, description="The model's name as the user sees it.")
    key: str | None = Field(None, description="Key of the installed model in Impasto's model manager.")
    hash: str | None = Field(
        None, description="Content hash, e.g. 'blake3:…', 'sha256:…' or an A1111 short hash."
    )
    base: str | None = Field(None, description="Base architecture, e.g. 'sd-1', 'sdxl', 'flux'.")


class LoraRef(ModelRef):
    """A LoRA and the weight it was applied with."""

    weight: float = Field(1.0, description="Strength the LoRA was applied with (1 is full strength).")


class ControlUnit(BaseModel):
    """One ControlNet, T2I-Adapter or IP-Adapter that guided the generation."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field("controlnet", description="'controlnet', 't2i_adapter' or 'ip_adapter'.")
    model: ModelRef | None = Field(None, description="The control model.")
    weight: float | None = Field(None, description="Strength of the control (1 is full strength).")
    begin: float | None = Field(None, description="Fraction of the steps at which the control starts.")
    end: float | None = Field(None, description="Fraction of the steps at which the control ends.")
    image_name: str | None = Field(None, description="The control image, when it is a stored image.")
    processor: str | None = Field(None, description="Preprocessor that made the control image (e.g. canny).")
    control_mode: str | None = Field(None, description="Balance between prompt and control, if set.")


class GenerationParameters(BaseModel):
    """Everything about how an image was generated that Impasto can write and recall."""

    mode: str | None = Field(
        None, description="How the image was made: 'txt2img', 'img2img', 'inpaint' or 'outpaint'."
    )
    positive_prompt: str | None = Field(None, description="The prompt.")
    negative_prompt: str | None = Field(None, description="The negative prompt.")
    positive_style_prompt: str | None = Field(None, description="SDXL's second (style) prompt.")
    negative_style_prompt: str | None = Field(None, description="SDXL's second negative prompt.")
    model: ModelRef | None = Field(None, description="The main model.")
    vae: ModelRef | None = Field(None, description="A separate VAE, if one replaced the model's own.")
    t5_encoder: ModelRef | None = Field(
        None, description="A separate T5 text encoder (FLUX, SD 3), if one replaced or completed the model's."
    )
    clip_embed: ModelRef | None = Field(
        None,
        description="A separate CLIP-L text encoder (FLUX, SD 3), if one replaced or completed the model's.",
    )
    loras: list[LoraRef] = Field(default_factory=list, description="LoRAs applied, in order.")
    seed: int | None = Field(None, description="Seed of the initial noise.")
    steps: int | None = Field(None, description="Number of denoising steps.")
    cfg_scale: float | None = Field(None, description="Classifier-free guidance scale.")
    cfg_rescale: float | None = Field(None, description="CFG rescale multiplier (0 is off).")
    guidance: float | None = Field(None, description="Distilled guidance of FLUX models.")
    scheduler: str | None = Field(
        None, description="Impasto's scheduler name, e.g. 'euler', 'euler_a', 'dpmpp_2m_k' (Karras)."
    )
    width: int | None = Field(None, description="Width of the generated image in pixels.")
    height: int | None = Field(None, description="Height of the generated image in pixels.")
    strength: float | None = Field(
        None, description="Denoising strength of image-to-image and inpainting (1 replaces everything)."
    )
    clip_skip: int | None = Field(
        None, description="Text-encoder layers skipped; 0 skips none (A1111's 'Clip skip: 2' is 1 here)."
    )
    seamless_x: bool | None = Field(None, description="Whether the image tiles horizontally.")
    seamless_y: bool | None = Field(None, description="Whether the image tiles vertically.")
    init_image: str | None = Field(None, description="Name of the initial image of image-to-image.")
    reference_image: str | None = Field(
        None, description="Name of the reference image a FLUX.1 Kontext model edited."
    )
    control: list[ControlUnit] = Field(
        default_factory=list, description="ControlNets and adapters that guided the generation."
    )
    refiner_model: ModelRef | None = Field(None, description="SDXL refiner model.")
    refiner_steps: int | None = Field(None, description="Steps of the refiner pass.")
    refiner_cfg_scale: float | None = Field(None, description="CFG scale of the refiner pass.")
    refiner_scheduler: str | None = Field(None, description="Scheduler of the refiner pass.")
    refiner_positive_aesthetic_score: float | None = Field(
        None, description="Aesthetic score the refiner was conditioned on for the prompt."
    )
    refiner_negative_aesthetic_score: float | None = Field(
        None, description="Aesthetic score the refiner was conditioned on for the negative prompt."
    )
    refiner_start: float | None = Field(
        None, description="Fraction of the steps after which the refiner took over (A1111 'switch at')."
    )
    hires_scale: float | None = Field(None, description="Upscale factor of a high-resolution fix pass.")
    hires_width: int | None = Field(None, description="Final width after the high-resolution fix.")
    hires_height: int | None = Field(None, description="Final height after the high-resolution fix.")
    hires_steps: int | None = Field(None, description="Steps of the high-resolution fix pass.")
    hires_strength: float | None = Field(None, description="Denoising strength of the high-resolution pass.")
    hires_upscaler: str | None = Field(None, description="Upscaler of the high-resolution fix pass.")


class GenerationMetadata(GenerationParameters):
    """The metadata Impasto writes into every generated PNG (chunk ``impasto_metadata``)."""

    model_config = ConfigDict(extra="forbid")

    app_version: str = Field(__version__, description="Version of Impasto that made the image.")
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Further JSON values a graph wants kept with the image."
    )


class RecallParameters(GenerationParameters):
    """Parameters recalled from an image's metadata, whichever tool wrote it."""

    model_config = ConfigDict(extra="ignore")

    source: RecallSource | None = Field(None, description="The tool whose metadata was read.")
    sampler: str | None = Field(
        None, description="The sampler as the source tool named it (e.g. 'DPM++ 2M', 'euler_ancestral')."
    )
    app: str | None = Field(None, description="The application and version that wrote the metadata.")
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Values the source wrote that have no field here, by their key."
    )
    unread: list[str] = Field(
        default_factory=list, description="What was present but could not be read, in words."
    )

    def search_text(self) -> str:
        """The text searched by the gallery's search box: every prompt, lower-cased."""
        prompts = (
            self.positive_prompt,
            self.negative_prompt,
            self.positive_style_prompt,
            self.negative_style_prompt,
        )
        return "\n".join(p for p in prompts if p).lower()
