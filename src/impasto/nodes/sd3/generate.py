"""SD 3 generation nodes: prompt encoding, denoising, and image ↔ latents through the 16-channel VAE."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.graph.forecast import Forecast, ForecastInputs, Pass, PassKind
from impasto.nodes.image import open_image, store_image
from impasto.nodes.latents import (
    LatentsOutput,
    check_image_limit,
    latents_output,
    step_hooks,
    vae_forecast,
    vae_spec,
)
from impasto.nodes.prompts import ConditioningOutput
from impasto.nodes.refs import CLIPField, ConditioningField, LatentsField, VAEField
from impasto.nodes.sd3.models import SD3T5EncoderField, SD3TransformerField
from impasto.nodes.types import ImageField, ImageOutput
from impasto.text import TextStr

if TYPE_CHECKING:
    from impasto.generation.sd3.conditioning import SD3Conditioning
    from impasto.generation.sd3.text import Encoder

_TAGS = ("sd3",)
MAX_STEPS = 1000
LATENT_FACTOR = 8
SD3Scheduler = Literal["euler", "heun"]


def _connection(description: str, *, optional: bool = False) -> Any:
    if optional:
        return InputField(None, description=description, input=Input.CONNECTION)
    return InputField(description=description, input=Input.CONNECTION)


@node("sd3_text_encoder", title="Prompt (SD 3)", category="conditioning", tags=(*_TAGS, "prompt"))
class SD3TextEncoderNode(BaseNode):
    """Encodes a prompt with SD 3's CLIP-L, CLIP-G and (if connected) T5 encoders.

    The prompt is read as it is (no weighting syntax). Without T5 its tokens are zeros, which costs some
    prompt following but saves T5's memory.
    """

    prompt: TextStr = InputField("", description="The prompt.", ui=UIHints(component="textarea"))
    clip_l: CLIPField = _connection("The first text encoder (CLIP-L), from the SD 3 model loader.")
    clip_g: CLIPField = _connection("The second text encoder (CLIP-G), from the SD 3 model loader.")
    t5_encoder: SD3T5EncoderField | None = _connection("The T5 encoder (optional).", optional=True)
    max_sequence_length: int = InputField(
        256, ge=1, le=512, description="T5 tokens the prompt is padded or cut to (256 as in diffusers)."
    )

    def invoke(self, ctx: NodeContext) -> ConditioningOutput:
        from impasto.generation.sd3.text import SD3TextSpec, run_sd3_text_encoder

        ctx.raise_if_canceled()
        t5 = self.t5_encoder
        spec = SD3TextSpec(
            clip_l=_clip(self.clip_l, "clip_l"),
            clip_g=_clip(self.clip_g, "clip_g"),
            t5=_parts(t5.tokenizer, t5.text_encoder) if t5 is not None else None,
            t5_tokens=self.max_sequence_length,
        )
        conditioning = run_sd3_text_encoder(ctx.models, spec, self.prompt, step_hooks(ctx))
        name = ctx.tensors.save(conditioning.to_dict())
        return ConditioningOutput(conditioning=ConditioningField(conditioning_name=name))


def _parts(tokenizer: Any, encoder: Any, skipped: int = 0) -> Encoder:
    from impasto.generation.runtime import Part
    from impasto.generation.sd3.text import Encoder

    return Encoder(Part(tokenizer.key, tokenizer.submodel), Part(encoder.key, encoder.submodel), skipped)


def _clip(field: CLIPField, role: str) -> Encoder:
    if field.loras:
        raise InvalidInputError(
            f"{role}: LoRAs are not supported on SD 3 text encoders; remove the LoRA loader"
        )
    return _parts(field.tokenizer, field.text_encoder, field.skipped_layers)


@node("sd3_denoise", title="Denoise Latents (SD 3)", category="latents", tags=(*_TAGS, "denoise", "generate"))
class SD3DenoiseNode(BaseNode):
    """Turns noise into an image's latents with an SD 3 transformer, guided by the prompts.

    Text to image: connect noise. Image to image: connect the image's latents and noise and set
    denoising_start to 1 - strength. Large Turbo is distilled: 4 steps, cfg_scale 1 (no guidance).
    """

    transformer: SD3TransformerField = _connection("The transformer, from the SD 3 model loader.")
    positive_conditioning: ConditioningField = _connection("What the image should show (SD 3 prompt node).")
    negative_conditioning: ConditioningField | None = _connection(
        "What it should not show (SD 3 prompt node); needed when cfg_scale is above 1.", optional=True
    )
    noise: LatentsField | None = _connection("Starting noise (from the noise node).", optional=True)
    latents: LatentsField | None = _connection("Latents to start from (image to image).", optional=True)
    cfg_scale: float = InputField(
        5.0,
        ge=0,
        le=100,
        description="How closely to follow the prompt; guidance runs only above 1 (Turbo: 1).",
        ui=UIHints(component="number", step=0.5, slider_min=1, slider_max=20),
    )
    steps: int = InputField(28, ge=1, le=MAX_STEPS, description="Denoising steps over the full schedule.")
    scheduler: SD3Scheduler = InputField("euler", description="The flow-matching sampler.")
    denoising_start: float = InputField(
        0.0, ge=0, le=1, description="Where in the schedule to start (image to image: 1 - strength)."
    )
    denoising_end: float = InputField(1.0, ge=0, le=1, description="Where in the schedule to stop.")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        extent = inputs.extent("noise") or inputs.extent("latents")
        if extent is None:
            return Forecast()
        return Forecast(extent, (Pass(PassKind.DENOISE, extent, inputs.node_id),))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.runtime import Part
        from impasto.generation.sd3.denoise import SD3DenoiseRequest, run_sd3_denoise
        from impasto.generation.sd3.sampling import SD3Settings

        ctx.raise_if_canceled()
        transformer = self.transformer
        request = SD3DenoiseRequest(
            transformer=Part(transformer.transformer.key, transformer.transformer.submodel),
            scheduler=Part(transformer.scheduler.key, transformer.scheduler.submodel),
            positive=_conditioning(ctx, self.positive_conditioning, "positive"),
            negative=(
                _conditioning(ctx, self.negative_conditioning, "negative")
                if self.negative_conditioning is not None
                else None
            ),
            settings=SD3Settings(
                steps=self.steps,
                cfg_scale=self.cfg_scale,
                denoising_start=self.denoising_start,
                denoising_end=self.denoising_end,
                scheduler=self.scheduler,
            ),
            noise=ctx.tensors.load(self.noise.latents_name) if self.noise else None,
            latents=ctx.tensors.load(self.latents.latents_name) if self.latents else None,
            vae=Part(transformer.transformer.key, "vae"),
        )
        start = request.latents if request.latents is not None else request.noise
        if start is not None:
            width, height = int(start.shape[-1]) * LATENT_FACTOR, int(start.shape[-2]) * LATENT_FACTOR
            check_image_limit(ctx, transformer.transformer.key, width, height, "denoise")
        latents = run_sd3_denoise(ctx.models, request, step_hooks(ctx))
        seed = next(
            (s.seed for s in (self.noise, self.latents) if s is not None and s.seed is not None), None
        )
        return latents_output(ctx, latents, LATENT_FACTOR, seed=seed)


def _conditioning(ctx: NodeContext, field: ConditioningField, which: str) -> SD3Conditioning:
    from impasto.generation.sd3.conditioning import SD3Conditioning

    stored = ctx.tensors.load(field.conditioning_name)
    try:
        return SD3Conditioning.from_dict(stored if isinstance(stored, dict) else {})
    except (ValueError, KeyError) as exc:
        raise InvalidInputError(
            f"the {which} conditioning was not made by the SD 3 prompt node (sd3_text_encoder)"
        ) from exc


def _tiled() -> Any:
    return InputField(False, description="Work in tiles: less memory (always so for very large images).")


def _fp32() -> Any:
    return InputField(False, description="Run the VAE in float32 (always so on the CPU).")


@node(
    "sd3_l2i", title="Latents to Image (SD 3)", category="latents", tags=(*_TAGS, "latents", "vae", "decode")
)
class SD3LatentsToImageNode(BaseNode):
    """Decodes SD 3 latents into an image with the 16-channel VAE (undoing its shift and scaling)."""

    latents: LatentsField = _connection("The latents to decode.")
    vae: VAEField = _connection("The VAE, from the SD 3 model loader.")
    tiled: bool = _tiled()
    fp32: bool = _fp32()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return vae_forecast(inputs, PassKind.DECODE, inputs.extent("latents"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.vae_runs import run_decode

        latents = ctx.tensors.load(self.latents.latents_name)
        factor = self.latents.scale_factor
        check_image_limit(
            ctx, self.vae.vae.key, int(latents.shape[-1]) * factor, int(latents.shape[-2]) * factor, "decode"
        )
        image = run_decode(
            ctx.models, vae_spec(self.vae), latents, tiled=self.tiled, fp32=self.fp32, hooks=step_hooks(ctx)
        )
        return store_image(ctx, image)


@node(
    "sd3_i2l", title="Image to Latents (SD 3)", category="latents", tags=(*_TAGS, "latents", "vae", "encode")
)
class SD3ImageToLatentsNode(BaseNode):
    """Encodes an image into SD 3 latents (for image to image)."""

    image: ImageField = _connection("The image to encode.")
    vae: VAEField = _connection("The VAE, from the SD 3 model loader.")
    tiled: bool = _tiled()
    fp32: bool = _fp32()

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        return vae_forecast(inputs, PassKind.ENCODE, inputs.extent("image"))

    def invoke(self, ctx: NodeContext) -> LatentsOutput:
        from impasto.generation.vae_runs import run_encode

        image = open_image(ctx, self.image)
        check_image_limit(ctx, self.vae.vae.key, image.width, image.height, "encode")
        latents = run_encode(
            ctx.models, vae_spec(self.vae), image, tiled=self.tiled, fp32=self.fp32, hooks=step_hooks(ctx)
        )
        return latents_output(ctx, latents, LATENT_FACTOR)
