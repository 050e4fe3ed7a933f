"""Canvases: named JSON documents of the studio's unified canvas, stored for a reload."""

from impasto.canvases.models import (
    MAX_DOCUMENT_BYTES,
    MAX_NAME,
    NAME_PATTERN,
    Canvas,
    CanvasDocument,
    CanvasDocumentError,
    CanvasNotFoundError,
)
from impasto.canvases.service import CanvasService, SqlCanvases

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_NAME",
    "NAME_PATTERN",
    "Canvas",
    "CanvasDocument",
    "CanvasDocumentError",
    "CanvasNotFoundError",
    "CanvasService",
    "SqlCanvases",
]
