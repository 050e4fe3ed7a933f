"""References that FLUX nodes pass along edges: the transformer, the T5 encoder, Kontext references and
Redux image conditioning.

CLIP-L and the VAE travel as the shared :class:`~impasto.nodes.refs.CLIPField` and
:class:`~impasto.nodes.refs.VAEField`. The class names are the socket type names the editor shows.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from impasto.nodes.refs import LoRARef, ModelRef, TensorField


class TransformerField(BaseModel):
    """A FLUX transformer, its model's scheduler config, and the LoRAs to apply while denoising."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    transformer: ModelRef = Field(description="The transformer submodel (or a single-file transformer).")
    scheduler: ModelRef = Field(description="The scheduler submodel (its config: the time shift).")
    loras: tuple[LoRARef, ...] = Field((), description="LoRAs applied while denoising, in order.")


class T5EncoderField(BaseModel):
    """A T5 text encoder and its tokenizer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tokenizer: ModelRef = Field(description="The T5 tokenizer.")
    text_encoder: ModelRef = Field(description="The T5 encoder.")


class FluxKontextConditioningField(BaseModel):
    """A reference image for FLUX.1 Kontext, encoded by the FLUX VAE, in the tensor store."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    conditioning_name: str = Field(min_length=1, description="Name of the stored reference latents.")


class FluxReduxConditioningField(BaseModel):
    """A reference image read by FLUX Redux, in the tensor store, and the region it applies to.

    The stored value is ``{"kind": "flux_redux", "tokens": (1, n, 4096) tensor}`` (read it with
    ``FluxReduxConditioning.from_dict``): tokens to append after the prompt's T5 tokens, weight applied.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    conditioning_name: str = Field(min_length=1, description="Name of the stored Redux tokens.")
    mask: TensorField | None = Field(
        None, description="Region the reference conditions, (1, H, W) bool (True = in it); none: everywhere."
    )
