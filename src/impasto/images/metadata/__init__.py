"""Generation metadata: the model Impasto writes into its PNGs, and recall from any tool's images.

Writing: :class:`GenerationMetadata` becomes the ``impasto_metadata`` chunk and, in AUTOMATIC1111 form, the
``parameters`` chunk (:mod:`.a1111`). Reading: :func:`parse_recall` turns the text chunks of an image made
by Impasto, InvokeAI, AUTOMATIC1111/Forge or ComfyUI into one :class:`RecallParameters`. This package needs
only pydantic and Pillow, so torch-free nodes may import it.
"""

from impasto.images.metadata.models import (
    ControlUnit,
    GenerationMetadata,
    GenerationParameters,
    LoraRef,
    ModelRef,
    RecallParameters,
)
from impasto.images.metadata.recall import parse_recall

__all__ = [
    "ControlUnit",
    "GenerationMetadata",
    "GenerationParameters",
    "LoraRef",
    "ModelRef",
    "RecallParameters",
    "parse_recall",
]
