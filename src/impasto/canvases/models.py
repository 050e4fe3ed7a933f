"""What a canvas is to the server: a name and a JSON document that only the studio interprets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from impasto.errors import InvalidInputError, NotFoundError

MAX_NAME = 64
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
MAX_DOCUMENT_BYTES = 1024 * 1024
"""The most JSON one canvas may hold: layer bitmaps are stored images named in it, so 1 MiB is ample."""


class CanvasNotFoundError(NotFoundError):
    """No canvas has this name."""

    code = "canvas_not_found"


class CanvasDocumentError(InvalidInputError):
    """The document cannot be stored: too large, or not representable as JSON."""

    code = "invalid_canvas_document"


class CanvasDocument(BaseModel):
    """A canvas document: an object whose integer ``version`` names the shape of the rest.

    The server keeps the other keys as they are; it reads only string values under ``image_name`` keys
    (at any depth), the stored images a canvas uses, so that clearing intermediate images spares them.
    """

    model_config = ConfigDict(extra="allow")

    version: int = Field(
        ge=1, le=1_000_000, description="The document's format version, chosen by the client."
    )


class Canvas(BaseModel):
    """A stored canvas."""

    name: str = Field(description="The canvas's name, as in its URL.")
    document: dict[str, Any] = Field(description="The document exactly as it was last stored.")
    created_at: datetime = Field(description="When the canvas was first stored.")
    updated_at: datetime = Field(description="When the document was last replaced.")
