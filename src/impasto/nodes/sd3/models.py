"""The SD 3 model loader node and the references it hands to the other SD 3 nodes.

Like the other loaders it loads nothing: it checks the models and answers references. The main model's
own parts are used unless an override is connected; a part the main model lacks (a transformer-only
file has no text encoders or VAE) must come from an override, and the error says which. An override is
another SD 3 main model (its matching part), or a standalone model: a VAE, a CLIP text encoder folder
(``text_encoder/`` + ``tokenizer/``) or a T5 encoder folder (``text_encoder_2/`` + ``tokenizer_2/``, the
layout FLUX's T5 folders use). Without T5 the prompt's T5 tokens are zeros, as in diffusers.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from impasto.errors import InvalidInputError
from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, UIHints, node
from impasto.models.identity import ModelRecord
from impasto.nodes.models import model_input
from impasto.nodes.refs import CLIPField, ModelRef, VAEField

SD3 = "sd-3"
_TAGS = ("model", "loader", "main", "sd3")
_ENCODER_PARTS = {  # role → (main model's tokenizer, encoder, file component; standalone type, subfolders)
    "clip_l": ("tokenizer", "text_encoder", "clip_embed", ""),
    "clip_g": ("tokenizer_2", "text_encoder_2", "clip_embed", ""),
    "t5_encoder": ("tokenizer_3", "text_encoder_3", "t5_encoder", "_2"),
}


class SD3TransformerField(BaseModel):
    """An SD 3 transformer (MMDiT) and its scheduler config."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transformer: ModelRef = Field(description="The transformer submodel.")
    scheduler: ModelRef = Field(description="The scheduler submodel (its config: shift, train steps).")


class SD3T5EncoderField(BaseModel):
    """SD 3's T5 text encoder with its tokenizer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tokenizer: ModelRef = Field(description="The T5 tokenizer.")
    text_encoder: ModelRef = Field(description="The T5 encoder.")


class SD3ModelLoaderOutput(BaseOutput):
    """The parts of an SD 3 model."""

    transformer: SD3TransformerField = OutputField(description="The transformer, for the SD 3 denoise node.")
    clip_l: CLIPField = OutputField(description="The first text encoder (CLIP ViT-L).")
    clip_g: CLIPField = OutputField(description="The second text encoder (OpenCLIP bigG).")
    t5_encoder: SD3T5EncoderField | None = OutputField(
        description="The third text encoder (T5-XXL); absent when the model has none and none was given."
    )
    vae: VAEField = OutputField(description="The VAE, for image ↔ latents.")


def _override(description: str, model_type: str) -> ModelRef | None:
    """An input that replaces a part: a standalone ``model_type`` model or another SD 3 main model's."""
    hints = UIHints(model_types=(model_type, "main"), model_bases=(SD3,))
    result: ModelRef | None = InputField(None, description=description, ui=hints)
    return result


@node("sd3_model_loader", title="Main Model (SD 3)", category="model", tags=_TAGS)
class SD3ModelLoaderNode(BaseNode):
    """Loads a Stable Diffusion 3.5 model (Medium, Large or Large Turbo): transformer, three text encoders
    and VAE, each replaceable by another model's."""

    model: ModelRef = model_input("The SD 3 main model's key.", "main", (SD3,))
    t5_encoder_model: ModelRef | None = _override(
        "A T5 encoder to use instead of the model's own.", "t5_encoder"
    )
    clip_l_model: ModelRef | None = _override(
        "A CLIP-L text encoder to use instead of the model's own.", "clip_embed"
    )
    clip_g_model: ModelRef | None = _override(
        "A CLIP-G text encoder to use instead of the model's own.", "clip_embed"
    )
    vae_model: ModelRef | None = _override("A VAE to use instead of the model's own.", "vae")

    def invoke(self, ctx: NodeContext) -> SD3ModelLoaderOutput:
        record = _main(ctx, self.model.key, "SD 3 model")
        clip_l = _encoder(ctx, record, self.clip_l_model, "clip_l")
        clip_g = _encoder(ctx, record, self.clip_g_model, "clip_g")
        t5 = _encoder(ctx, record, self.t5_encoder_model, "t5_encoder", optional=True)
        return SD3ModelLoaderOutput(
            transformer=SD3TransformerField(
                transformer=ModelRef(key=record.key, submodel="transformer"),
                scheduler=ModelRef(key=record.key, submodel="scheduler"),
            ),
            clip_l=CLIPField(tokenizer=clip_l[0], text_encoder=clip_l[1]) if clip_l else _missing("clip_l"),
            clip_g=CLIPField(tokenizer=clip_g[0], text_encoder=clip_g[1]) if clip_g else _missing("clip_g"),
            t5_encoder=SD3T5EncoderField(tokenizer=t5[0], text_encoder=t5[1]) if t5 else None,
            vae=_vae(ctx, record, self.vae_model),
        )


def _main(ctx: NodeContext, key: str, what: str) -> ModelRecord:
    record: ModelRecord = ctx.models.record(key)
    if record.type != "main" or record.base != SD3:
        raise InvalidInputError(
            f"{what}: {record.name!r} is a {record.base} {record.type} model; "
            "this node takes SD 3 main models"
        )
    return record


def has_part(record: ModelRecord, encoder: str) -> bool:
    """Whether an SD 3 main model holds a part: folders say so for T5 only (``details["t5"]``); single
    files list their components, and their T5 needs a config folder with its tokenizer."""
    if record.format == "diffusers":
        return encoder != "text_encoder_3" or bool(record.details.get("t5", True))
    components = record.details.get("components") or []
    if encoder == "text_encoder_3":
        return encoder in components and bool(record.details.get("config_path"))
    return encoder in components


def _encoder(
    ctx: NodeContext, main: ModelRecord, override: ModelRef | None, role: str, optional: bool = False
) -> tuple[ModelRef, ModelRef] | None:
    tokenizer, encoder, standalone, suffix = _ENCODER_PARTS[role]
    if override is None:
        if not has_part(main, encoder):
            return None
        return ModelRef(key=main.key, submodel=tokenizer), ModelRef(key=main.key, submodel=encoder)
    record: ModelRecord = ctx.models.record(override.key)
    if record.type == "main":
        _main(ctx, override.key, f"{role} override")
        return ModelRef(key=record.key, submodel=tokenizer), ModelRef(key=record.key, submodel=encoder)
    if record.type != standalone:
        raise InvalidInputError(
            f"{role} override: {record.name!r} is a {record.type} model, "
            f"not a {standalone} or SD 3 main model"
        )
    return (
        ModelRef(key=record.key, submodel=f"tokenizer{suffix}"),
        ModelRef(key=record.key, submodel=f"text_encoder{suffix}"),
    )


def _missing(role: str) -> CLIPField:
    raise InvalidInputError(
        f"the SD 3 model has no {role} text encoder (a transformer-only file): connect one"
    )


def _vae(ctx: NodeContext, main: ModelRecord, override: ModelRef | None) -> VAEField:
    if override is None:
        if main.format != "diffusers" and "vae" not in (main.details.get("components") or []):
            raise InvalidInputError("the SD 3 model has no VAE (a transformer-only file): connect one")
        return VAEField(vae=ModelRef(key=main.key, submodel="vae"))
    record: ModelRecord = ctx.models.record(override.key)
    if record.type == "main":
        _main(ctx, override.key, "VAE override")
        return VAEField(vae=ModelRef(key=record.key, submodel="vae"))
    if record.type != "vae":
        raise InvalidInputError(f"VAE override: {record.name!r} is a {record.type} model, not a VAE")
    return VAEField(vae=ModelRef(key=record.key))
