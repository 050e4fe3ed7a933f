"""Batch nodes: run a workflow once per image, string, integer or float of a list.

These nodes never run themselves. At enqueue the queue removes each one and sets its items on the inputs
it feeds, one queue item per item (see :mod:`impasto.graph.batching`): batch nodes sharing a
``batch_group_id`` advance together (zipped), separate groups multiply (crossed). The ids, fields and
outputs are InvokeAI's (``image_batch``, ``string_batch``, ``integer_batch``, ``float_batch``); the range and
lines variants spare typing out a list.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from impasto.graph import InputField, NodeContext, UIHints, node
from impasto.graph.batching import BatchNode, BoardImages, not_runnable
from impasto.nodes.types import (
    MAX_COLLECTION_SIZE,
    FloatOutput,
    ImageField,
    ImageOutput,
    IntegerOutput,
    StringOutput,
)

_TAGS = ("batch", "special")


@node("image_batch", title="Image Batch", category="batch", tags=(*_TAGS, "image"), cacheable=False)
class ImageBatchNode(BatchNode):
    """Runs the workflow once for each image: the images listed, or every image on a board."""

    primitive: ClassVar[tuple[str, str]] = ("image", "image")
    items_input: ClassVar[str] = "images"

    images: list[ImageField] = InputField(
        default_factory=list, description="The images to batch over (left empty when a board is given)."
    )
    board_id: str | None = InputField(
        None,
        min_length=1,
        max_length=64,
        description="Batch over the images of this board ('none': images without a board) instead.",
    )

    @property
    def source_input(self) -> str:
        return "images" if self.board_id is None else "board_id"

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        if self.board_id is None:
            return [image.model_dump() for image in self.images]
        if self.images:
            raise ValueError("give either 'images' or 'board_id', not both")
        if board_images is None:
            raise ValueError("'board_id' cannot be used here: no image library is available")
        return [{"image_name": name} for name in board_images(self.board_id)]

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        not_runnable(ctx)


@node("string_batch", title="String Batch", category="batch", tags=(*_TAGS, "string"), cacheable=False)
class StringBatchNode(BatchNode):
    """Runs the workflow once for each string."""

    strings: list[str] = InputField(default_factory=list, description="The strings to batch over.")

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        return list(self.strings)

    def invoke(self, ctx: NodeContext) -> StringOutput:
        not_runnable(ctx)


@node("integer_batch", title="Integer Batch", category="batch", tags=(*_TAGS, "integer"), cacheable=False)
class IntegerBatchNode(BatchNode):
    """Runs the workflow once for each integer."""

    primitive: ClassVar[tuple[str, str]] = ("integer", "value")
    items_input: ClassVar[str] = "integers"

    integers: list[int] = InputField(default_factory=list, description="The integers to batch over.")

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        return list(self.integers)

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        not_runnable(ctx)


@node("float_batch", title="Float Batch", category="batch", tags=(*_TAGS, "float"), cacheable=False)
class FloatBatchNode(BatchNode):
    """Runs the workflow once for each number."""

    primitive: ClassVar[tuple[str, str]] = ("float", "value")
    items_input: ClassVar[str] = "floats"

    floats: list[float] = InputField(default_factory=list, description="The numbers to batch over.")

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        return list(self.floats)

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        not_runnable(ctx)


@node(
    "integer_range_batch",
    title="Integer Range Batch",
    category="batch",
    tags=(*_TAGS, "integer", "range"),
    cacheable=False,
)
class IntegerRangeBatchNode(BatchNode):
    """Runs the workflow once for each of ``count`` integers: start, start + step, start + 2 x step..."""

    primitive: ClassVar[tuple[str, str]] = ("integer", "value")
    items_input: ClassVar[str] = "count"

    start: int = InputField(0, description="The first integer.")
    step: int = InputField(1, description="What is added to get the next integer.")
    count: int = InputField(
        4, ge=1, le=MAX_COLLECTION_SIZE, description="How many integers (queue items in this group)."
    )

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        return [self.start + index * self.step for index in range(self.count)]

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        not_runnable(ctx)


@node(
    "float_range_batch",
    title="Float Range Batch",
    category="batch",
    tags=(*_TAGS, "float", "range"),
    cacheable=False,
)
class FloatRangeBatchNode(BatchNode):
    """Runs the workflow once for each of ``count`` evenly spaced numbers from start to end (both
    included), e.g. a sweep of guidance scales."""

    primitive: ClassVar[tuple[str, str]] = ("float", "value")
    items_input: ClassVar[str] = "count"

    start: float = InputField(0.0, description="The first number.")
    end: float = InputField(1.0, description="The last number.")
    count: int = InputField(
        5, ge=1, le=MAX_COLLECTION_SIZE, description="How many numbers (queue items in this group)."
    )

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        for name, value in (("start", self.start), ("end", self.end)):
            if not math.isfinite(value):
                raise ValueError(f"'{name}' must be a finite number, not {value}")
        if self.count == 1:
            return [self.start]
        step = (self.end - self.start) / (self.count - 1)
        return [self.start + index * step for index in range(self.count)]

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        not_runnable(ctx)


@node(
    "string_lines_batch",
    title="String Lines Batch",
    category="batch",
    tags=(*_TAGS, "string", "lines", "prompt"),
    cacheable=False,
)
class StringLinesBatchNode(BatchNode):
    """Runs the workflow once for each non-blank line of a text (a list of prompts pasted in)."""

    items_input: ClassVar[str] = "text"

    text: str = InputField(
        "", max_length=1_000_000, description="One value per line.", ui=UIHints(component="textarea")
    )
    strip: bool = InputField(True, description="Remove spaces around each line.")

    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        lines = [line.strip() if self.strip else line for line in self.text.splitlines()]
        return [line for line in lines if line.strip()]

    def invoke(self, ctx: NodeContext) -> StringOutput:
        not_runnable(ctx)
