"""Canvases: read, store and delete the unified canvas's document by name.

Layer bitmaps are not in the document: the studio uploads them as intermediate images (kept out of the
gallery) and names them under ``image_name`` keys, which keeps documents small and saves cheap.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from impasto.api.deps import CanvasesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.canvases import MAX_NAME, NAME_PATTERN, Canvas, CanvasDocument

router = APIRouter(prefix="/api/v1/canvas", tags=["canvas"], responses=ERROR_RESPONSES)

CanvasName = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_NAME,
        pattern=NAME_PATTERN,
        description="The canvas's name: letters, digits, '_', '-' and '.', starting with a letter or digit.",
    ),
]


@router.get("/{name}", response_model=Canvas, summary="One canvas's document")
def get_canvas(name: CanvasName, canvases: CanvasesDep) -> Canvas:
    return canvases.get(name)


@router.put("/{name}", response_model=Canvas, summary="Store a canvas's document (create or replace)")
def put_canvas(name: CanvasName, document: CanvasDocument, canvases: CanvasesDep) -> Canvas:
    """The document is stored as sent; over 1 MiB of JSON is refused (422) with its size."""
    return canvases.put(name, document.model_dump(mode="json"))


@router.delete("/{name}", response_model=Canvas, summary="Delete a canvas (its images stay)")
def delete_canvas(name: CanvasName, canvases: CanvasesDep) -> Canvas:
    return canvases.delete(name)
