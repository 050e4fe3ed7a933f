"""Request parameters that several routes share.

Integers that reach a query are bounded: beyond 2^63 the database driver fails instead of matching
nothing, and beyond 2^53 a JSON client (JavaScript, or the OpenAPI document, whose bounds FastAPI writes
as floats) cannot spell them exactly. No id, offset or count comes near either.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field
from starlette.convertors import Convertor, register_url_convertor

from impasto.images.names import NAME_BODY, NAME_REGEX

MAX_INT = 2**53 - 1
"""The largest id, offset or count a request may give (JavaScript's ``Number.MAX_SAFE_INTEGER``)."""

ItemId = Annotated[int, Field(ge=1, le=MAX_INT, description="Id of a queue item.")]
ItemIdPath = Annotated[int, Path(ge=1, le=MAX_INT, description="Id of the queue item.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="Index of the first result to answer.")]
ImageNamePath = Annotated[
    str, Path(pattern=NAME_REGEX, description="Name of the image (32 hex digits, .png).")
]


class _ImageNameConvertor(Convertor[str]):
    """``{image_name:image_name}`` in a route path matches image names only, so that
    ``PATCH /images/delete`` is a method ``/images/delete`` does not allow (405), not an image named
    "delete", and ``/images/0`` is no resource (404)."""

    regex = NAME_BODY

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("image_name", _ImageNameConvertor())
