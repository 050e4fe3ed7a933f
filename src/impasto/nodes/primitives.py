"""Primitive nodes: constants typed in once and fed to any number of other nodes.

Each one passes its input straight to its output; they exist so that a value has one place in the graph
(and one socket an editor can expose) however many nodes use it.
"""

from __future__ import annotations

from impasto.graph import BaseNode, InputField, NodeContext, UIHints, node
from impasto.nodes.image import open_image
from impasto.nodes.types import (
    MAX_COLLECTION_SIZE,
    BooleanOutput,
    ColorField,
    ColorOutput,
    FloatCollectionOutput,
    FloatOutput,
    ImageField,
    ImageOutput,
    IntegerCollectionOutput,
    IntegerOutput,
    StringCollectionOutput,
    StringOutput,
)

_TAGS = ("primitives",)


@node("integer", title="Integer", category="primitives", tags=(*_TAGS, "integer"))
class IntegerNode(BaseNode):
    """An integer constant."""

    value: int = InputField(0, description="The integer.", ui=UIHints(component="number"))

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        return IntegerOutput(value=self.value)


@node("float", title="Float", category="primitives", tags=(*_TAGS, "float"))
class FloatNode(BaseNode):
    """A floating-point constant."""

    value: float = InputField(0.0, description="The number.", ui=UIHints(component="number", step=0.01))

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        return FloatOutput(value=self.value)


@node("string", title="String", category="primitives", tags=(*_TAGS, "string", "text"))
class StringNode(BaseNode):
    """A text constant, such as a prompt used by several nodes."""

    value: str = InputField("", description="The text.", ui=UIHints(component="textarea"))

    def invoke(self, ctx: NodeContext) -> StringOutput:
        return StringOutput(value=self.value)


@node("boolean", title="Boolean", category="primitives", tags=(*_TAGS, "boolean"))
class BooleanNode(BaseNode):
    """A true/false constant."""

    value: bool = InputField(False, description="The boolean.", ui=UIHints(component="checkbox"))

    def invoke(self, ctx: NodeContext) -> BooleanOutput:
        return BooleanOutput(value=self.value)


@node("color", title="Color", category="primitives", tags=(*_TAGS, "color"))
class ColorNode(BaseNode):
    """A color constant (RGBA, 0-255 per channel); also accepts "#rrggbb" or "#rrggbbaa"."""

    color: ColorField = InputField(
        ColorField(r=0, g=0, b=0, a=255), description="The color.", ui=UIHints(component="color")
    )

    def invoke(self, ctx: NodeContext) -> ColorOutput:
        return ColorOutput(color=self.color)


@node("image", title="Image", category="primitives", tags=(*_TAGS, "image"))
class ImageNode(BaseNode):
    """Passes an image through and reports its size; fails if the image does not exist."""

    image: ImageField = InputField(description="The image.", ui=UIHints(component="image"))

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        image = open_image(ctx, self.image)
        return ImageOutput(image=self.image, width=image.width, height=image.height)


@node("integer_collection", title="Integer Collection", category="primitives", tags=(*_TAGS, "collection"))
class IntegerCollectionNode(BaseNode):
    """A list of integers typed in (or passed through from a connection)."""

    collection: list[int] = InputField(
        default_factory=list, max_length=MAX_COLLECTION_SIZE, description="The integers, in order."
    )

    def invoke(self, ctx: NodeContext) -> IntegerCollectionOutput:
        return IntegerCollectionOutput(collection=self.collection)


@node("float_collection", title="Float Collection", category="primitives", tags=(*_TAGS, "collection"))
class FloatCollectionNode(BaseNode):
    """A list of floating-point numbers typed in (or passed through from a connection)."""

    collection: list[float] = InputField(
        default_factory=list, max_length=MAX_COLLECTION_SIZE, description="The numbers, in order."
    )

    def invoke(self, ctx: NodeContext) -> FloatCollectionOutput:
        return FloatCollectionOutput(collection=self.collection)


@node("string_collection", title="String Collection", category="primitives", tags=(*_TAGS, "collection"))
class StringCollectionNode(BaseNode):
    """A list of strings typed in (or passed through from a connection), e.g. prompts to iterate over."""

    collection: list[str] = InputField(
        default_factory=list, max_length=MAX_COLLECTION_SIZE, description="The strings, in order."
    )

    def invoke(self, ctx: NodeContext) -> StringCollectionOutput:
        return StringCollectionOutput(collection=self.collection)
