"""InvokeAI's metadata nodes, onto Impasto's :class:`~impasto.images.metadata.GenerationMetadata`.

``core_metadata`` takes InvokeAI's names for a generation's parameters (prompts, size, seed, steps, model,
LoRAs...) and answers the metadata ``save_image`` writes. ``metadata_item`` makes one labelled value,
``metadata`` turns items into metadata (a label that names a metadata field sets it, any other label is
kept under ``extra``), and ``merge_metadata`` combines several (later ones win).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.images.metadata import GenerationMetadata
from impasto.images.metadata.models import LoraRef
from impasto.images.metadata.models import ModelRef as RecordedModel
from impasto.nodes.output import GenerationMetadataOutput

_TAGS = ("metadata",)


class MetadataItemField(BaseModel):
    """A labelled value for metadata."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field(min_length=1, max_length=200, description="The value's name.")
    value: Any = Field(description="The value (any JSON value).")


class MetadataItemOutput(BaseOutput):
    """One metadata item."""

    item: MetadataItemField = OutputField(description="The labelled value.")


@node("metadata_item", title="Metadata Item", category="metadata", tags=_TAGS)
class MetadataItemNode(BaseNode):
    """A labelled value to put into an image's metadata (collect several into a Metadata node)."""

    label: str = InputField(min_length=1, max_length=200, description="The value's name.")
    value: Any = InputField(None, description="The value (any JSON value).")

    def invoke(self, ctx: NodeContext) -> MetadataItemOutput:
        return MetadataItemOutput(item=MetadataItemField(label=self.label, value=self.value))


_FIELDS = frozenset(GenerationMetadata.model_fields) - {"extra", "app_version"}


@node("metadata", title="Metadata", category="metadata", tags=_TAGS)
class MetadataNode(BaseNode):
    """Metadata from items: an item labelled like a metadata field (seed, positive_prompt...) sets that
    field, checked; any other label is kept under ``extra``."""

    items: MetadataItemField | list[MetadataItemField] = InputField(
        description="One item or a list of them.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> GenerationMetadataOutput:
        listed = self.items if isinstance(self.items, list) else [self.items]
        known = {item.label: item.value for item in listed if item.label in _FIELDS}
        extra = {item.label: item.value for item in listed if item.label not in _FIELDS}
        try:
            metadata = GenerationMetadata.model_validate({**known, "extra": extra})
        except ValidationError as exc:
            raise ValueError(f"'items' set a metadata field to a value it cannot hold: {exc}") from exc
        return GenerationMetadataOutput(metadata=metadata)


@node("merge_metadata", title="Metadata Merge", category="metadata", tags=_TAGS)
class MergeMetadataNode(BaseNode):
    """Combines metadata: each field set in a later one replaces it, ``extra`` values are merged."""

    collection: list[GenerationMetadata] = InputField(description="The metadata to merge, in order.")

    def invoke(self, ctx: NodeContext) -> GenerationMetadataOutput:
        merged: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for metadata in self.collection:
            merged.update(metadata.model_dump(exclude_unset=True, exclude={"extra", "app_version"}))
            extra.update(metadata.extra)
        return GenerationMetadataOutput(
            metadata=GenerationMetadata.model_validate({**merged, "extra": extra})
        )


class ModelIdentifier(BaseModel):
    """A model as InvokeAI names it in metadata (its other fields are ignored)."""

    model_config = ConfigDict(extra="ignore")

    key: str | None = Field(None, description="The model's key.")
    hash: str | None = Field(None, description="The model's content hash.")
    name: str | None = Field(None, description="The model's name.")
    base: str | None = Field(None, description="The model's base.")

    def recorded(self) -> RecordedModel:
        return RecordedModel(key=self.key, hash=self.hash, name=self.name, base=self.base)


class LoRAMetadata(BaseModel):
    """A LoRA and its weight, as InvokeAI records them."""

    model_config = ConfigDict(extra="ignore")

    model: ModelIdentifier = Field(description="The LoRA.")
    weight: float = Field(description="Its weight.")


_SAME_NAMES = (
    "positive_prompt",
    "negative_prompt",
    "positive_style_prompt",
    "negative_style_prompt",
    "width",
    "height",
    "seed",
    "cfg_scale",
    "steps",
    "scheduler",
    "seamless_x",
    "seamless_y",
    "clip_skip",
    "strength",
    "init_image",
    "refiner_cfg_scale",
    "refiner_steps",
    "refiner_scheduler",
    "refiner_positive_aesthetic_score",
    "refiner_negative_aesthetic_score",
    "refiner_start",
)


@node("core_metadata", title="Core Metadata", category="metadata", tags=_TAGS)
class CoreMetadataNode(BaseNode):
    """A generation's parameters under InvokeAI's names, as the metadata ``save_image`` writes."""

    generation_mode: str | None = InputField(None, max_length=40, description="txt2img, img2img, inpaint...")
    positive_prompt: str | None = InputField(None, description="The prompt.")
    negative_prompt: str | None = InputField(None, description="The negative prompt.")
    positive_style_prompt: str | None = InputField(None, description="SDXL's style prompt.")
    negative_style_prompt: str | None = InputField(None, description="SDXL's negative style prompt.")
    width: int | None = InputField(None, ge=1, description="Width in pixels.")
    height: int | None = InputField(None, ge=1, description="Height in pixels.")
    seed: int | None = InputField(None, ge=0, description="Seed of the initial noise.")
    cfg_scale: float | None = InputField(None, ge=0, description="Classifier-free guidance scale.")
    cfg_rescale_multiplier: float | None = InputField(None, ge=0, le=1, description="CFG rescale.")
    steps: int | None = InputField(None, ge=1, description="Number of denoising steps.")
    scheduler: str | None = InputField(None, max_length=40, description="Scheduler name.")
    seamless_x: bool | None = InputField(None, description="Whether the image tiles horizontally.")
    seamless_y: bool | None = InputField(None, description="Whether the image tiles vertically.")
    clip_skip: int | None = InputField(None, ge=0, description="Text-encoder layers skipped.")
    strength: float | None = InputField(None, ge=0, le=1, description="Denoising strength (img2img).")
    init_image: str | None = InputField(None, max_length=200, description="Name of the initial image.")
    model: ModelIdentifier | None = InputField(None, description="The main model.")
    vae: ModelIdentifier | None = InputField(None, description="A separate VAE.")
    loras: list[LoRAMetadata] = InputField(default_factory=list, description="LoRAs and their weights.")
    refiner_model: ModelIdentifier | None = InputField(None, description="The SDXL refiner.")
    refiner_cfg_scale: float | None = InputField(None, ge=0, description="CFG scale of the refiner.")
    refiner_steps: int | None = InputField(None, ge=0, description="Steps of the refiner.")
    refiner_scheduler: str | None = InputField(None, max_length=40, description="Scheduler of the refiner.")
    refiner_positive_aesthetic_score: float | None = InputField(
        None, description="Refiner's aesthetic score."
    )
    refiner_negative_aesthetic_score: float | None = InputField(None, description="Its negative score.")
    refiner_start: float | None = InputField(None, ge=0, le=1, description="Where the refiner takes over.")

    def invoke(self, ctx: NodeContext) -> GenerationMetadataOutput:
        values: dict[str, Any] = {name: getattr(self, name) for name in _SAME_NAMES}
        values |= {"mode": self.generation_mode, "cfg_rescale": self.cfg_rescale_multiplier}
        for name in ("model", "vae", "refiner_model"):
            chosen = getattr(self, name)
            values[name] = chosen.recorded() if chosen is not None else None
        loras = [LoraRef(**lora.model.recorded().model_dump(), weight=lora.weight) for lora in self.loras]
        present = {name: value for name, value in values.items() if value is not None}
        return GenerationMetadataOutput(metadata=GenerationMetadata(**present, loras=loras))
