"""Values that travel along edges between the built-in nodes, and the output models they share.

Large values travel as references: an :class:`ImageField` names an image in the image store, never its
pixels, which keeps results cacheable and graphs replayable. Small values (numbers, text, colors) travel
as themselves. The class names are the socket type names clients see (``ImageField``, ``ColorField``).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from impasto.graph import BaseOutput, OutputField
from impasto.images.names import invalid_name_message, is_valid_name

MAX_COLLECTION_SIZE = 100_000
"""The longest list a built-in node produces; longer requests are refused with an error."""

_HEX_COLOR = re.compile(r"^#?([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")


class ImageField(BaseModel):
    """A reference to an image in the image store.

    The name must be a stored image's name, so a graph naming ``../secret.png`` or ``/etc/passwd`` is
    refused when it is validated (an ``invalid_value`` issue on the input), before any node runs.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    image_name: str = Field(
        min_length=1, description="The unique name of the stored image (32 hex digits, .png)."
    )

    @field_validator("image_name")
    @classmethod
    def _stored_image_name(cls, value: str) -> str:
        if not is_valid_name(value):
            raise ValueError(invalid_name_message(value))
        return value


class ColorField(BaseModel):
    """A color as red, green, blue and alpha channels of 0-255; alpha 255 is opaque.

    Besides ``{"r": .., "g": .., "b": .., "a": ..}`` a hex string ``"#rrggbb"`` or ``"#rrggbbaa"`` is
    accepted wherever a color is expected.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    r: int = Field(ge=0, le=255, description="Red channel, 0-255.")
    g: int = Field(ge=0, le=255, description="Green channel, 0-255.")
    b: int = Field(ge=0, le=255, description="Blue channel, 0-255.")
    a: int = Field(255, ge=0, le=255, description="Alpha channel, 0 (transparent) to 255 (opaque).")

    @model_validator(mode="before")
    @classmethod
    def _accept_hex(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        match = _HEX_COLOR.match(data.strip())
        if match is None:
            raise ValueError(f"a color string must look like #rrggbb or #rrggbbaa, not {data!r}")
        digits = match.group(1) + (match.group(2) or "ff")
        r, g, b, a = (int(digits[i : i + 2], 16) for i in range(0, 8, 2))
        return {"r": r, "g": g, "b": b, "a": a}

    def rgba(self) -> tuple[int, int, int, int]:
        """The color as an ``(r, g, b, a)`` tuple, the form Pillow takes."""
        return (self.r, self.g, self.b, self.a)

    def rgb(self) -> tuple[int, int, int]:
        """The color without its alpha channel."""
        return (self.r, self.g, self.b)


class IntegerOutput(BaseOutput):
    """One integer."""

    value: int = OutputField(description="The integer.")


class FloatOutput(BaseOutput):
    """One floating-point number."""

    value: float = OutputField(description="The number.")


class StringOutput(BaseOutput):
    """One string."""

    value: str = OutputField(description="The text.")


class BooleanOutput(BaseOutput):
    """One boolean."""

    value: bool = OutputField(description="The boolean.")


class ColorOutput(BaseOutput):
    """One color."""

    color: ColorField = OutputField(description="The color.")


class IntegerCollectionOutput(BaseOutput):
    """A list of integers."""

    collection: list[int] = OutputField(description="The integers, in order.")


class FloatCollectionOutput(BaseOutput):
    """A list of floating-point numbers."""

    collection: list[float] = OutputField(description="The numbers, in order.")


class StringCollectionOutput(BaseOutput):
    """A list of strings."""

    collection: list[str] = OutputField(description="The strings, in order.")


class ImageOutput(BaseOutput):
    """An image reference with its size."""

    image: ImageField = OutputField(description="The image.")
    width: int = OutputField(description="The image's width in pixels.")
    height: int = OutputField(description="The image's height in pixels.")
