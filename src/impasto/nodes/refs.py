"""References that travel on edges between generation nodes.

A loader node does not pass a model along an edge: it passes a :class:`ModelRef` (a model key and which
part of it), plus what should happen to it when it runs (LoRAs to apply, layers to skip, axes to tile).
Latents and conditioning live in the tensor store and travel by name. Everything here is small, frozen and
JSON-serialisable, so it can be cached, stored with a queue item and replayed. The class names are the
socket type names the workflow editor shows.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from impasto.nodes.types import ImageField

SeamlessAxis = Literal["x", "y"]
ControlMode = Literal["balanced", "more_prompt", "more_control", "unbalanced"]
ResizeMode = Literal["just_resize", "crop_resize", "fill_resize", "just_resize_simple"]
IPAdapterMethod = Literal["full", "style", "composition"]


class _Ref(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelRef(_Ref):
    """An installed model, or one part of a main model."""

    key: str = Field(min_length=1, description="Key of the installed model.")
    submodel: str | None = Field(
        None, description="Part of a main model (unet, text_encoder, tokenizer, vae, scheduler...)."
    )


class LoRARef(_Ref):
    """A LoRA to apply, with its strength."""

    lora: ModelRef = Field(description="The LoRA model.")
    weight: float = Field(ge=-10, le=10, description="How strongly to apply it (1 = as trained).")


class UNetField(_Ref):
    """The denoiser of a main model, its scheduler config, and what to apply to it when it runs."""

    unet: ModelRef = Field(description="The UNet (or transformer) submodel.")
    scheduler: ModelRef = Field(description="The scheduler submodel (its config).")
    loras: tuple[LoRARef, ...] = Field((), description="LoRAs applied while denoising, in order.")
    seamless_axes: tuple[SeamlessAxis, ...] = Field((), description="Axes along which the image tiles.")


class CLIPField(_Ref):
    """A text encoder with its tokenizer, and what to apply to it when it runs."""

    tokenizer: ModelRef = Field(description="The tokenizer submodel.")
    text_encoder: ModelRef = Field(description="The text encoder submodel.")
    loras: tuple[LoRARef, ...] = Field((), description="LoRAs applied while encoding, in order.")
    skipped_layers: int = Field(0, ge=0, le=24, description="Final layers to skip (CLIP skip).")


class VAEField(_Ref):
    """A VAE, and the axes along which its decoded images tile."""

    vae: ModelRef = Field(description="The VAE (a main model's submodel or a standalone VAE).")
    seamless_axes: tuple[SeamlessAxis, ...] = Field((), description="Axes along which the image tiles.")


class LatentsField(_Ref):
    """Latents in the tensor store."""

    latents_name: str = Field(min_length=1, description="Name of the stored latents tensor.")
    seed: int | None = Field(None, description="Seed the latents were made from, if they are noise.")
    scale_factor: int = Field(
        8, ge=1, le=64, description="Pixels per latent pixel along a side (the VAE's downscale factor)."
    )


class ConditioningField(_Ref):
    """Encoded prompt conditioning in the tensor store."""

    conditioning_name: str = Field(min_length=1, description="Name of the stored conditioning.")


class TensorField(_Ref):
    """A tensor in the tensor store (a region mask, for instance)."""

    tensor_name: str = Field(min_length=1, description="Name of the stored tensor.")


class DenoiseMaskField(_Ref):
    """Which part of an image to regenerate (inpainting), in the tensor store."""

    mask_name: str = Field(min_length=1, description="Name of the stored mask tensor (1 = regenerate).")
    masked_latents_name: str | None = Field(
        None, description="Latents of the image with the masked area blanked (for 9-channel inpaint models)."
    )
    gradient: bool = Field(False, description="Soft mask edges that regenerate progressively.")


class ControlField(_Ref):
    """A ControlNet unit: a control image, the model, and how strongly and when it applies."""

    image: ImageField = Field(description="The control image (already preprocessed).")
    control_model: ModelRef = Field(description="The ControlNet model.")
    control_weight: float = Field(1.0, ge=-1, le=2, description="Strength of the control.")
    begin_step_percent: float = Field(0, ge=0, le=1, description="When the control starts (0 = first step).")
    end_step_percent: float = Field(1, ge=0, le=1, description="When the control stops (1 = last step).")
    control_mode: ControlMode = Field("balanced", description="Balance between prompt and control.")
    resize_mode: ResizeMode = Field("just_resize", description="How the image is fitted to the output size.")


class T2IAdapterField(_Ref):
    """A T2I-Adapter unit: a control image, the adapter, and how strongly and when it applies."""

    image: ImageField = Field(description="The control image (already preprocessed).")
    t2i_adapter_model: ModelRef = Field(description="The T2I-Adapter model.")
    weight: float = Field(1.0, ge=-1, le=2, description="Strength of the adapter.")
    begin_step_percent: float = Field(0, ge=0, le=1, description="When it starts (0 = first step).")
    end_step_percent: float = Field(1, ge=0, le=1, description="When it stops (1 = last step).")
    resize_mode: ResizeMode = Field("just_resize", description="How the image is fitted to the output size.")


class IPAdapterField(_Ref):
    """An IP-Adapter unit: a reference image, the adapter and its image encoder, and how it applies."""

    image: ImageField | list[ImageField] = Field(
        description="The reference image, or several used together (their image tokens side by side)."
    )
    ip_adapter_model: ModelRef = Field(description="The IP-Adapter model.")
    image_encoder_model: ModelRef = Field(description="The CLIP-vision image encoder the adapter needs.")
    weight: float = Field(1.0, ge=-1, le=2, description="Strength of the reference image.")
    begin_step_percent: float = Field(0, ge=0, le=1, description="When it starts (0 = first step).")
    end_step_percent: float = Field(1, ge=0, le=1, description="When it stops (1 = last step).")
    method: IPAdapterMethod = Field(
        "full", description="Which attention layers it steers: all, style, layout."
    )
    mask: ImageField | None = Field(None, description="Where it applies (white = everywhere); none = all.")
