"""Output nodes: gathering generation metadata, and saving a final image to the gallery with it.

A generation graph ends in ``save_image``. Every other node's images are intermediate (stored, hidden
from the gallery); ``save_image`` stores a copy that shows in the gallery, on a board if one is chosen,
with the metadata that lets the image be recalled: ``impasto_metadata``, the A1111 ``parameters`` text,
and the executed graph (and the editor's workflow when there is one).

``generation_metadata`` builds the :class:`~impasto.images.metadata.GenerationMetadata` to pass along:
graph builders type the fixed values into ``base`` and connect the values that vary per run (a random
seed, a prompt from a template) to the inputs of the same name, which override ``base``.
"""

from __future__ import annotations

from typing import Any, Literal

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, UIHints, node
from impasto.images.metadata import GenerationMetadata
from impasto.nodes.image import check_size
from impasto.nodes.types import ImageField, ImageOutput
from impasto.text import TextStr

Category = Literal["general", "mask", "control", "user", "other"]
_TAGS = ("output", "metadata")
_OVERRIDES = (
    "positive_prompt",
    "negative_prompt",
    "seed",
    "steps",
    "cfg_scale",
    "scheduler",
    "width",
    "height",
    "strength",
)


class GenerationMetadataOutput(BaseOutput):
    """Generation metadata for ``save_image``."""

    metadata: GenerationMetadata = OutputField(description="The generation's parameters.")


@node(
    "generation_metadata",
    title="Generation Metadata",
    category="output",
    tags=_TAGS,
)
class GenerationMetadataNode(BaseNode):
    """Collects a generation's parameters so that the saved image can be recalled later.

    Fixed values go into ``base``; each other input, when set (typed or connected), replaces the value of
    the same name in ``base``.
    """

    base: GenerationMetadata = InputField(
        default_factory=GenerationMetadata,
        description="Every parameter of the generation (model, LoRAs, control units, ...).",
        input=Input.DIRECT,
        ui=UIHints(component="hidden"),
    )
    positive_prompt: TextStr | None = InputField(None, description="The prompt.")
    negative_prompt: TextStr | None = InputField(None, description="The negative prompt.")
    seed: int | None = InputField(None, ge=0, description="Seed of the initial noise.")
    steps: int | None = InputField(None, ge=1, description="Number of denoising steps.")
    cfg_scale: float | None = InputField(None, ge=0, description="Classifier-free guidance scale.")
    scheduler: str | None = InputField(None, description="Scheduler name, e.g. euler_a or dpmpp_2m_k.")
    width: int | None = InputField(None, ge=1, description="Width in pixels.")
    height: int | None = InputField(None, ge=1, description="Height in pixels.")
    strength: float | None = InputField(None, ge=0, le=1, description="Denoising strength (img2img).")

    def invoke(self, ctx: NodeContext) -> GenerationMetadataOutput:
        updates: dict[str, Any] = {
            name: getattr(self, name) for name in _OVERRIDES if getattr(self, name) is not None
        }
        return GenerationMetadataOutput(metadata=self.base.model_copy(update=updates))


@node(
    "save_image",
    title="Save Image",
    category="output",
    tags=("output", "image", "gallery", "save"),
    cacheable=False,
)
class SaveImageNode(BaseNode):
    """Saves an image to the gallery (not as an intermediate), with its generation metadata.

    The metadata is written into the PNG as Impasto's own chunk and as AUTOMATIC1111 parameters (unless
    turned off in the configuration), together with the graph that ran. A board that no longer exists
    is ignored (the image goes to Uncategorized) rather than losing the generation.
    """

    image: ImageField = InputField(description="The image to save.", input=Input.CONNECTION)
    metadata: GenerationMetadata | None = InputField(
        None, description="How the image was made, for recall.", input=Input.CONNECTION
    )
    board: str | None = InputField(
        None,
        description="Id of the board to add the image to (empty: no board).",
        input=Input.DIRECT,
        ui=UIHints(component="board"),
    )
    category: Category = InputField("general", description="What the image is for.")

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = ctx.images.load(self.image.image_name)
        check_size(image.width, image.height)
        metadata = self.metadata.model_dump(mode="json", exclude_none=True) if self.metadata else None
        name = ctx.images.save(
            image,
            node_id=ctx.node_id,
            intermediate=False,
            category=self.category,
            board_id=self.board or None,
            metadata=metadata,
        )
        return ImageOutput(image=ImageField(image_name=name), width=image.width, height=image.height)
