"""FLUX loaders: the main model's parts (or a single transformer file plus separate encoders and VAE),
and LoRAs attached to the transformer and CLIP-L.

As for Stable Diffusion, loaders load nothing: they check the models and answer references the running
nodes resolve through the model cache.
"""

from __future__ import annotations

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.models.identity import ModelRecord
from impasto.nodes.flux.refs import T5EncoderField, TransformerField
from impasto.nodes.models import checked_record, model_input, optional_model_input
from impasto.nodes.refs import CLIPField, LoRARef, ModelRef, VAEField

_TAGS = ("model", "loader", "flux")
SCHNELL_MAX_SEQ_LEN = 256
DEV_MAX_SEQ_LEN = 512


class FluxModelLoaderOutput(BaseOutput):
    """The parts of a FLUX.1 model."""

    transformer: TransformerField = OutputField(description="The transformer, for the FLUX denoise node.")
    clip: CLIPField = OutputField(description="CLIP-L, for the FLUX text encoder node.")
    t5_encoder: T5EncoderField = OutputField(description="T5, for the FLUX text encoder node.")
    vae: VAEField = OutputField(description="The VAE, for image ↔ latents (and the noise node).")
    max_seq_len: int = OutputField(description="T5's token limit for this model: 256 schnell, 512 dev.")


class FluxLoRALoaderOutput(BaseOutput):
    """The transformer and CLIP-L with the LoRA attached (absent where no input was connected)."""

    transformer: TransformerField | None = OutputField(description="The transformer with the LoRA.")
    clip: CLIPField | None = OutputField(description="CLIP-L with the LoRA.")


def _part(
    ctx: NodeContext, given: ModelRef | None, main: ModelRecord, expected: str, submodels: tuple[str, str]
) -> tuple[ModelRef, ModelRef]:
    """(tokenizer, encoder) or (VAE, VAE) refs: from the separate model if given, else the main model's."""
    if given is None:
        if main.format != "diffusers" and _BUNDLED_NAMES[expected] not in (main.details.get("bundled") or []):
            raise InvalidInputError(
                f"{main.name!r} holds only the FLUX transformer: choose a {expected} model for the "
                f"{_INPUT_NAMES[expected]} input",
                {"field": _INPUT_NAMES[expected]},
            )
        return ModelRef(key=main.key, submodel=submodels[0]), ModelRef(key=main.key, submodel=submodels[1])
    record = checked_record(ctx, given.key, expected, () if expected != "vae" else ("flux",), expected)
    if expected == "vae":
        return ModelRef(key=record.key), ModelRef(key=record.key)
    return ModelRef(key=record.key, submodel=submodels[0]), ModelRef(key=record.key, submodel=submodels[1])


_INPUT_NAMES = {"t5_encoder": "t5_encoder_model", "clip_embed": "clip_embed_model", "vae": "vae_model"}
_BUNDLED_NAMES = {"t5_encoder": "t5xxl", "clip_embed": "clip_l", "vae": "vae"}
"""The name of each part in an all-in-one file's ``details["bundled"]`` (such a file holds it)."""


@node("flux_model_loader", title="Main Model (FLUX)", category="model", tags=(*_TAGS, "main"))
class FluxModelLoaderNode(BaseNode):
    """Loads a FLUX.1 model (dev, schnell, a fine-tune or Fill): transformer, CLIP-L, T5 and VAE.

    A diffusers folder holds every part. A single-file transformer (BFL, ComfyUI, GGUF) holds only the
    transformer: choose the T5 encoder, CLIP-L and VAE models too; an "all in one" file also holds those it
    bundles. A choice made for a model that has the part replaces its own.
    """

    model: ModelRef = model_input("The FLUX main model's key.", "main", ("flux",))
    t5_encoder_model: ModelRef | None = optional_model_input(
        "A T5 encoder model (needed for single-file models).", "t5_encoder", order=1
    )
    clip_embed_model: ModelRef | None = optional_model_input(
        "A CLIP-L model (needed for single-file models).", "clip_embed", order=1
    )
    vae_model: ModelRef | None = optional_model_input(
        "A FLUX VAE (needed for single-file models).", "vae", ("flux",), order=1
    )

    def invoke(self, ctx: NodeContext) -> FluxModelLoaderOutput:
        main = checked_record(ctx, self.model.key, "main", ("flux",), "FLUX model")
        t5_tokenizer, t5 = _part(
            ctx, self.t5_encoder_model, main, "t5_encoder", ("tokenizer_2", "text_encoder_2")
        )
        clip_tokenizer, clip = _part(
            ctx, self.clip_embed_model, main, "clip_embed", ("tokenizer", "text_encoder")
        )
        vae, _ = _part(ctx, self.vae_model, main, "vae", ("vae", "vae"))
        schnell = main.variant == "schnell"
        return FluxModelLoaderOutput(
            transformer=TransformerField(
                transformer=ModelRef(key=main.key, submodel="transformer"),
                scheduler=ModelRef(key=main.key, submodel="scheduler"),
            ),
            clip=CLIPField(tokenizer=clip_tokenizer, text_encoder=clip),
            t5_encoder=T5EncoderField(tokenizer=t5_tokenizer, text_encoder=t5),
            vae=VAEField(vae=vae),
            max_seq_len=SCHNELL_MAX_SEQ_LEN if schnell else DEV_MAX_SEQ_LEN,
        )


@node("flux_lora_loader", title="LoRA (FLUX)", category="model", tags=(*_TAGS, "lora"))
class FluxLoRALoaderNode(BaseNode):
    """Attaches a FLUX LoRA (diffusers/PEFT, kohya or XLabs keys) to the transformer and/or CLIP-L; chain
    loaders to stack LoRAs. It applies only while the nodes using them run."""

    lora: ModelRef = model_input("The FLUX LoRA model's key.", "lora", ("flux",))
    weight: float = InputField(
        0.75, ge=-10, le=10, description="How strongly to apply the LoRA (1 = as trained; negative inverts).",
        ui=UIHints(component="slider", step=0.05, slider_min=-1, slider_max=2),
    )  # fmt: skip
    transformer: TransformerField | None = InputField(
        None, description="The transformer to apply it to.", input=Input.CONNECTION
    )
    clip: CLIPField | None = InputField(None, description="CLIP-L to apply it to.", input=Input.CONNECTION)

    def invoke(self, ctx: NodeContext) -> FluxLoRALoaderOutput:
        checked_record(ctx, self.lora.key, "lora", ("flux",), "FLUX LoRA")
        ref = LoRARef(lora=ModelRef(key=self.lora.key), weight=self.weight)
        for target in (self.transformer, self.clip):
            if target is not None and any(existing.lora.key == ref.lora.key for existing in target.loras):
                raise InvalidInputError("the LoRA is already applied here; remove one of the loaders")
        transformer = self.transformer
        clip = self.clip
        return FluxLoRALoaderOutput(
            transformer=transformer.model_copy(update={"loras": (*transformer.loras, ref)})
            if transformer
            else None,
            clip=clip.model_copy(update={"loras": (*clip.loras, ref)}) if clip else None,
        )
