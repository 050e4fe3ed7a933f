"""Reading an uploaded image safely: type by content, size and pixel limits, metadata kept.

The format is decided by the file's first bytes (PNG, JPEG or WebP), never by its name or the type the
client claims. The pixel count is checked from the header before any pixel is decoded, which is what
stops decompression bombs: a few kilobytes that would inflate to gigabytes are refused with 413 before
Pillow allocates anything.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from impasto.errors import ImpastoError, InvalidInputError
from impasto.images.metadata.chunks import read_chunks

MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
STORED_MODES = frozenset({"RGB", "RGBA", "L", "LA", "I;16"})


class ImageTooLargeError(ImpastoError):
    """An upload is larger (in bytes or pixels) than the configured limits allow."""

    code = "too_large"
    status_code = 413


class UnsupportedImageError(ImpastoError):
    """An upload is not a PNG, JPEG or WebP image."""

    code = "unsupported_image"
    status_code = 415


@dataclass(frozen=True)
class UploadLimits:
    """How large an upload may be."""

    max_bytes: int
    max_pixels: int


@dataclass(frozen=True)
class DecodedImage:
    """An upload read into memory: pixels ready to store as PNG, and its metadata texts."""

    image: Image.Image
    format: str
    chunks: dict[str, str]


def sniff_format(data: bytes) -> str:
    """``PNG``, ``JPEG`` or ``WEBP`` from the first bytes; raises for anything else."""
    for magic, name in MAGIC.items():
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise UnsupportedImageError("the file is not a PNG, JPEG or WebP image (judged by its content)")


def decode_upload(data: bytes, limits: UploadLimits) -> DecodedImage:
    """Check and decode an upload; raises 413 for limits, 415 for other types, 422 for broken files."""
    if len(data) > limits.max_bytes:
        raise ImageTooLargeError(
            f"the file is {len(data)} bytes; uploads may be at most {limits.max_bytes} bytes",
            details={"size": len(data), "max_bytes": limits.max_bytes},
        )
    if not data:
        raise InvalidInputError("the uploaded file is empty")
    kind = sniff_format(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # Pillow's notes on damaged EXIF data
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
            check_pixels(image.width, image.height, limits.max_pixels)
            chunks = read_chunks(image)  # loads the pixels (PNG text can follow them)
            image.load()
            stored = _storable(ImageOps.exif_transpose(image) or image)
    except ImpastoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLargeError(f"the image has too many pixels to open safely: {exc}") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InvalidInputError(f"the {kind} file could not be read: {exc}") from exc
    return DecodedImage(image=stored, format=kind, chunks=chunks)


def check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width < 1 or height < 1:
        raise InvalidInputError(f"the image is {width}x{height} pixels; it has no pixels")
    if width * height > max_pixels:
        raise ImageTooLargeError(
            f"the image is {width}x{height} = {width * height} pixels; at most {max_pixels} are allowed",
            details={"width": width, "height": height, "max_pixels": max_pixels},
        )


def _storable(image: Image.Image) -> Image.Image:
    """The image in a mode PNG stores without loss of what matters (CMYK and the like become RGB)."""
    if image.mode in STORED_MODES:
        return image
    transparent = "A" in image.getbands() or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")
