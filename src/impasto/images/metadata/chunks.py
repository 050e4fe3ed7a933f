"""Metadata text as stored in image files: read from PNG, JPEG and WebP; written into PNG.

PNG keeps metadata in text chunks (``tEXt``, ``iTXt``, ``zTXt``), all of which Pillow decodes into
``image.text``. JPEG and WebP keep AUTOMATIC1111's infotext in the EXIF ``UserComment`` (an 8-byte
character-code prefix, then ASCII or UTF-16 text) and ComfyUI's graphs in the EXIF ``Make``/``Model``
tags as ``workflow:{...}`` / ``prompt:{...}``; these are returned under the PNG chunk names
(``parameters``, ``workflow``, ``prompt``) so one parser reads every format.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from PIL import Image, PngImagePlugin

from impasto.images.metadata.a1111 import format_infotext
from impasto.images.metadata.models import GenerationMetadata
from impasto.images.metadata.recall import (
    A1111_PARAMETERS,
    IMPASTO_GRAPH,
    IMPASTO_METADATA,
    IMPASTO_WORKFLOW,
)

logger = logging.getLogger(__name__)

EXIF_IFD = 0x8769
USER_COMMENT = 0x9286
IMAGE_DESCRIPTION = 0x010E
COMFY_TAGS = (0x010F, 0x0110, 0x010D, 0x010C)
_PREFIXES = {b"ASCII\x00\x00\x00": "ascii", b"UNICODE\x00": "utf-16", b"\x00" * 8: "undefined"}


def read_chunks(image: Image.Image) -> dict[str, str]:
    """Every metadata text of an opened image, keyed by PNG chunk name (JPEG/WebP EXIF mapped)."""
    chunks: dict[str, str] = {}
    try:
        text = getattr(image, "text", None)  # PNG: includes chunks after the pixel data
    except (OSError, ValueError, SyntaxError):
        logger.debug("text chunks of an image could not be read", exc_info=True)
        text = None
    if isinstance(text, dict):
        chunks.update({str(key): str(value) for key, value in text.items()})
    comment = image.info.get("comment")
    if isinstance(comment, bytes) and comment:
        chunks.setdefault("comment", comment.decode("utf-8", errors="replace"))
    for key, value in _exif_texts(image).items():
        chunks.setdefault(key, value)
    return chunks


def _exif_texts(image: Image.Image) -> dict[str, str]:
    try:
        exif = image.getexif()
        comment = exif.get_ifd(EXIF_IFD).get(USER_COMMENT)
    except Exception:  # EXIF parsing of odd files raises many kinds of errors
        logger.debug("EXIF of an image could not be read", exc_info=True)
        return {}
    found: dict[str, str] = {}
    if isinstance(comment, bytes | str) and comment:
        decoded = decode_user_comment(comment)
        if decoded.strip():
            found[A1111_PARAMETERS] = decoded
    for tag in COMFY_TAGS:
        value = exif.get(tag)
        if isinstance(value, str) and ":" in value:
            key, _, rest = value.partition(":")
            if key.lower() in ("prompt", "workflow"):
                found[key.lower()] = rest
    return found


def decode_user_comment(value: bytes | str) -> str:
    """The text of an EXIF UserComment, whatever its character code."""
    if isinstance(value, str):
        return value.strip("\x00")
    code = _PREFIXES.get(value[:8])
    body = value[8:] if code else value
    if code == "utf-16":
        return _utf16(body)
    return body.decode("utf-8", errors="replace").strip("\x00")


def _utf16(body: bytes) -> str:
    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return body.decode("utf-16", errors="replace").strip("\x00")
    even_zeros = body[0:64:2].count(0)
    odd_zeros = body[1:64:2].count(0)
    encoding = "utf-16-be" if even_zeros >= odd_zeros else "utf-16-le"
    return body.decode(encoding, errors="replace").strip("\x00")


def generation_chunks(
    metadata: Mapping[str, Any] | None,
    graph: Mapping[str, Any] | None,
    workflow: Mapping[str, Any] | None,
    *,
    a1111: bool,
) -> dict[str, str]:
    """The chunks of a generated image: Impasto's metadata, its A1111 form, the graph and the workflow."""
    chunks: dict[str, str] = {}
    if metadata is not None:
        meta = GenerationMetadata.model_validate(dict(metadata))
        chunks[IMPASTO_METADATA] = meta.model_dump_json(exclude_none=True)
        if a1111:
            chunks[A1111_PARAMETERS] = format_infotext(meta, version=f"Impasto {meta.app_version}")
    if graph is not None:
        chunks[IMPASTO_GRAPH] = json.dumps(graph, separators=(",", ":"))
    if workflow is not None:
        chunks[IMPASTO_WORKFLOW] = json.dumps(workflow, separators=(",", ":"))
    return chunks


def png_info(chunks: Mapping[str, str]) -> PngImagePlugin.PngInfo:
    """Pillow's PNG text chunks for ``chunks`` (``iTXt`` where the text is not Latin-1)."""
    info = PngImagePlugin.PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    return info
