"""Model loader nodes of the SD family: SD 1.x/2.x, SDXL and its refiner, their LoRAs, CLIP skip and
seamless tiling.

Loaders load nothing: they check that the model exists and is of the right type and base, and answer
references (UNet + scheduler, text encoders + tokenizers, VAE) that the nodes which run them resolve
through the model cache. LoRAs, CLIP skip and seamless tiling are attached to those references, so they
apply only while those nodes run and never change the cached models.
"""

from __future__ import annotations

from typing import TypeVar

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.nodes.loras import lora_weight_input
from impasto.nodes.models import TAGS, checked_record, model_input
from impasto.nodes.refs import CLIPField, LoRARef, ModelRef, UNetField, VAEField

_SD_BASES = ("sd-1", "sd-2")
CLIP_SKIP_LIMITS = {"sd-1": 12, "sd-2": 24, "sdxl": 24, "sdxl-refiner": 24}
"""The most final layers CLIP skip may drop, per base (the encoders' depths)."""


class ModelLoaderOutput(BaseOutput):
    """The parts of an SD 1.x / 2.x main model."""

    unet: UNetField = OutputField(description="The UNet and its scheduler, for the denoise node.")
    clip: CLIPField = OutputField(description="The text encoder, for the prompt nodes.")
    vae: VAEField = OutputField(description="The VAE, for image ↔ latents.")


class SDXLModelLoaderOutput(BaseOutput):
    """The parts of an SDXL main model."""

    unet: UNetField = OutputField(description="The UNet and its scheduler, for the denoise node.")
    clip: CLIPField = OutputField(description="The first text encoder (CLIP ViT-L).")
    clip2: CLIPField = OutputField(description="The second text encoder (OpenCLIP bigG).")
    vae: VAEField = OutputField(description="The VAE, for image ↔ latents.")


class SDXLRefinerModelLoaderOutput(BaseOutput):
    """The parts of an SDXL refiner."""

    unet: UNetField = OutputField(description="The refiner's UNet and its scheduler.")
    clip2: CLIPField = OutputField(description="The refiner's text encoder (OpenCLIP bigG).")
    vae: VAEField = OutputField(description="The refiner's VAE.")


class LoRALoaderOutput(BaseOutput):
    """The UNet and text encoder with the LoRA attached (absent where no input was connected)."""

    unet: UNetField | None = OutputField(description="The UNet with the LoRA.")
    clip: CLIPField | None = OutputField(description="The text encoder with the LoRA.")


class SDXLLoRALoaderOutput(BaseOutput):
    """The SDXL UNet and both text encoders with the LoRA attached (absent where not connected)."""

    unet: UNetField | None = OutputField(description="The UNet with the LoRA.")
    clip: CLIPField | None = OutputField(description="The first text encoder with the LoRA.")
    clip2: CLIPField | None = OutputField(description="The second text encoder with the LoRA.")


class CLIPSkipOutput(BaseOutput):
    """A text encoder with final layers skipped."""

    clip: CLIPField = OutputField(description="The text encoder, skipping its final layers.")


class SeamlessModeOutput(BaseOutput):
    """UNet and VAE that tile along the chosen axes."""

    unet: UNetField | None = OutputField(description="The UNet, tiling.")
    vae: VAEField | None = OutputField(description="The VAE, tiling.")


def _unet(key: str) -> UNetField:
    return UNetField(
        unet=ModelRef(key=key, submodel="unet"), scheduler=ModelRef(key=key, submodel="scheduler")
    )


def _clip(key: str, second: bool = False) -> CLIPField:
    suffix = "_2" if second else ""
    return CLIPField(
        tokenizer=ModelRef(key=key, submodel=f"tokenizer{suffix}"),
        text_encoder=ModelRef(key=key, submodel=f"text_encoder{suffix}"),
    )


def _vae(key: str) -> VAEField:
    return VAEField(vae=ModelRef(key=key, submodel="vae"))


@node("main_model_loader", title="Main Model (SD 1.x / 2.x)", category="model", tags=(*TAGS, "main"))
class MainModelLoaderNode(BaseNode):
    """Loads a Stable Diffusion 1.x or 2.x model: its UNet, text encoder and VAE for the other nodes."""

    model: ModelRef = model_input(
        "The main model (an installed SD 1.x or 2.x model's key).", "main", _SD_BASES
    )

    def invoke(self, ctx: NodeContext) -> ModelLoaderOutput:
        key = checked_record(ctx, self.model.key, "main", _SD_BASES, "main model").key
        return ModelLoaderOutput(unet=_unet(key), clip=_clip(key), vae=_vae(key))


@node("sdxl_model_loader", title="Main Model (SDXL)", category="model", tags=(*TAGS, "main", "sdxl"))
class SDXLModelLoaderNode(BaseNode):
    """Loads an SDXL model: its UNet, both text encoders and its VAE."""

    model: ModelRef = model_input("The SDXL main model's key.", "main", ("sdxl",))

    def invoke(self, ctx: NodeContext) -> SDXLModelLoaderOutput:
        key = checked_record(ctx, self.model.key, "main", ("sdxl",), "SDXL model").key
        return SDXLModelLoaderOutput(
            unet=_unet(key), clip=_clip(key), clip2=_clip(key, second=True), vae=_vae(key)
        )


@node(
    "sdxl_refiner_model_loader",
    title="Refiner Model (SDXL)",
    category="model",
    tags=(*TAGS, "main", "sdxl", "refiner"),
)
class SDXLRefinerModelLoaderNode(BaseNode):
    """Loads an SDXL refiner: its UNet, its text encoder (OpenCLIP bigG) and its VAE."""

    model: ModelRef = model_input("The SDXL refiner model's key.", "main", ("sdxl-refiner",))

    def invoke(self, ctx: NodeContext) -> SDXLRefinerModelLoaderOutput:
        key = checked_record(ctx, self.model.key, "main", ("sdxl-refiner",), "SDXL refiner").key
        return SDXLRefinerModelLoaderOutput(unet=_unet(key), clip2=_clip(key, second=True), vae=_vae(key))


def _with_lora(ctx: NodeContext, target: UNetField | CLIPField, lora: LoRARef, what: str) -> None:
    """Refuse a LoRA already attached, or one made for another base than the model it is attached to."""
    if any(existing.lora.key == lora.lora.key for existing in target.loras):
        raise InvalidInputError(f"the LoRA is already applied to this {what}; remove one of the loaders")
    key = target.unet.key if isinstance(target, UNetField) else target.text_encoder.key
    model = ctx.models.record(key)
    lora_record = ctx.models.record(lora.lora.key)
    if lora_record.base not in (model.base, "any"):
        raise InvalidInputError(
            f"LoRA {lora_record.name!r} is for {lora_record.base} models and cannot be applied to the "
            f"{model.base} model {model.name!r}"
        )


Target = TypeVar("Target", UNetField, CLIPField)


def attach_lora(ctx: NodeContext, target: Target | None, lora: LoRARef, what: str) -> Target | None:
    """``target`` with ``lora`` appended to its LoRAs (``None`` stays ``None``)."""
    return None if target is None else _appended(ctx, target, lora, what)


def _appended(ctx: NodeContext, target: Target, lora: LoRARef, what: str) -> Target:
    _with_lora(ctx, target, lora, what)
    return target.model_copy(update={"loras": (*target.loras, lora)})


@node("lora_loader", title="LoRA", category="model", tags=(*TAGS, "lora"))
class LoRALoaderNode(BaseNode):
    """Attaches a LoRA to a UNet and/or text encoder; chain several loaders to stack LoRAs.

    The LoRA is applied only while the denoise and prompt nodes run; the cached model stays as it is.
    """

    lora: ModelRef = model_input("The LoRA model's key.", "lora")
    weight: float = lora_weight_input()
    unet: UNetField | None = InputField(None, description="The UNet to apply it to.", input=Input.CONNECTION)
    clip: CLIPField | None = InputField(
        None, description="The text encoder to apply it to.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> LoRALoaderOutput:
        checked_record(ctx, self.lora.key, "lora", (), "LoRA")
        ref = LoRARef(lora=ModelRef(key=self.lora.key), weight=self.weight)
        return LoRALoaderOutput(
            unet=attach_lora(ctx, self.unet, ref, "UNet"),
            clip=attach_lora(ctx, self.clip, ref, "text encoder"),
        )


@node("sdxl_lora_loader", title="LoRA (SDXL)", category="model", tags=(*TAGS, "lora", "sdxl"))
class SDXLLoRALoaderNode(BaseNode):
    """Attaches an SDXL LoRA to the UNet and/or both text encoders; chain loaders to stack LoRAs."""

    lora: ModelRef = model_input("The LoRA model's key.", "lora", ("sdxl",))
    weight: float = lora_weight_input()
    unet: UNetField | None = InputField(None, description="The UNet to apply it to.", input=Input.CONNECTION)
    clip: CLIPField | None = InputField(
        None, description="The first text encoder to apply it to.", input=Input.CONNECTION
    )
    clip2: CLIPField | None = InputField(
        None, description="The second text encoder to apply it to.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> SDXLLoRALoaderOutput:
        checked_record(ctx, self.lora.key, "lora", ("sdxl",), "SDXL LoRA")
        ref = LoRARef(lora=ModelRef(key=self.lora.key), weight=self.weight)
        return SDXLLoRALoaderOutput(
            unet=attach_lora(ctx, self.unet, ref, "UNet"),
            clip=attach_lora(ctx, self.clip, ref, "text encoder"),
            clip2=attach_lora(ctx, self.clip2, ref, "second text encoder"),
        )


@node("clip_skip", title="CLIP Skip", category="model", tags=(*TAGS, "clip", "skip"))
class CLIPSkipNode(BaseNode):
    """Skips final layers of a text encoder: the prompt is read from an earlier layer (some models,
    mostly anime styles, were trained that way and want 1 or 2)."""

    clip: CLIPField = InputField(description="The text encoder.", input=Input.CONNECTION)
    skipped_layers: int = InputField(0, ge=0, le=24, description="How many final layers to skip.")

    def invoke(self, ctx: NodeContext) -> CLIPSkipOutput:
        record = ctx.models.record(self.clip.text_encoder.key)
        limit = CLIP_SKIP_LIMITS.get(str(record.base))
        if limit is not None and self.skipped_layers >= limit:
            raise InvalidInputError(
                f"{record.base} text encoders have {limit} layers; skip fewer than that "
                f"(got {self.skipped_layers})"
            )
        return CLIPSkipOutput(clip=self.clip.model_copy(update={"skipped_layers": self.skipped_layers}))


@node("seamless", title="Seamless Tiling", category="model", tags=(*TAGS, "seamless", "tile"))
class SeamlessNode(BaseNode):
    """Makes the images tile: what leaves one edge comes back in at the opposite edge."""

    unet: UNetField | None = InputField(None, description="The UNet.", input=Input.CONNECTION)
    vae: VAEField | None = InputField(None, description="The VAE.", input=Input.CONNECTION)
    seamless_x: bool = InputField(True, description="Tile horizontally.")
    seamless_y: bool = InputField(True, description="Tile vertically.")

    def invoke(self, ctx: NodeContext) -> SeamlessModeOutput:
        axes = tuple(axis for axis, on in (("x", self.seamless_x), ("y", self.seamless_y)) if on)
        return SeamlessModeOutput(
            unet=self.unet.model_copy(update={"seamless_axes": axes}) if self.unet else None,
            vae=self.vae.model_copy(update={"seamless_axes": axes}) if self.vae else None,
        )
