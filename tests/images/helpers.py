"""Writing small test images with chosen metadata, in each format the readers accept."""

from __future__ import annotations

import io

from PIL import Image, PngImagePlugin


def png_bytes(
    chunks: dict[str, str] | None = None, size: tuple[int, int] = (16, 12), color: str = "teal"
) -> bytes:
    """A small PNG with the given text chunks."""
    info = PngImagePlugin.PngInfo()
    for key, value in (chunks or {}).items():
        info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def user_comment(text: str, encoding: str = "utf-16-be") -> bytes:
    """An EXIF UserComment the way A1111 (piexif) writes it."""
    return b"UNICODE\x00" + text.encode(encoding)


def exif_image_bytes(fmt: str, comment: bytes | None, extra: dict[int, str] | None = None) -> bytes:
    """A small JPEG or WebP whose EXIF holds a UserComment (and optional IFD0 text tags)."""
    exif = Image.Exif()
    if comment is not None:
        exif.get_ifd(0x8769)[0x9286] = comment
    for tag, value in (extra or {}).items():
        exif[tag] = value
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "orange").save(buffer, format=fmt, exif=exif.tobytes())
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (its data is a few zero rows)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grayscale
    rows = zlib.compress(b"\x00" * (1 + (width + 7) // 8) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
