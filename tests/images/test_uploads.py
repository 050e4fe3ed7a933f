"""Decoding uploads: every malformed file is refused with an Impasto error, never a crash."""

from __future__ import annotations

import random

import pytest

from impasto.errors import ImpastoError
from impasto.images.uploads import UploadLimits, decode_upload, sniff_format
from tests.images.helpers import exif_image_bytes, png_bytes, user_comment

LIMITS = UploadLimits(max_bytes=10_000_000, max_pixels=4096 * 4096)


def test_formats_are_judged_by_content() -> None:
    assert sniff_format(png_bytes()) == "PNG"
    assert sniff_format(exif_image_bytes("JPEG", None)) == "JPEG"
    assert sniff_format(exif_image_bytes("WEBP", None)) == "WEBP"
    with pytest.raises(ImpastoError) as info:
        sniff_format(b"BM" + b"\x00" * 60)
    assert info.value.status_code == 415


def test_exif_orientation_is_applied_and_cmyk_becomes_rgb() -> None:
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    buffer = io.BytesIO()
    Image.new("CMYK", (30, 10)).save(buffer, format="JPEG", exif=exif.tobytes())
    decoded = decode_upload(buffer.getvalue(), LIMITS)
    assert decoded.image.size == (10, 30)
    assert decoded.image.mode == "RGB"


def test_corrupted_files_never_escape_as_other_errors() -> None:
    rng = random.Random(7)
    seeds = [
        png_bytes({"parameters": "Steps: 1, Seed: 2, Size: 3x4", "workflow": "{}" * 50}),
        exif_image_bytes("JPEG", user_comment("hello")),
        exif_image_bytes("WEBP", user_comment("hi", "utf-16-le")),
    ]
    outcomes = set()
    for _ in range(300):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randrange(1, 6)):
            position = rng.randrange(8, len(data))
            data[position] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(8, len(data))]
        try:
            decode_upload(bytes(data), LIMITS)
            outcomes.add("ok")
        except ImpastoError as exc:
            outcomes.add(exc.code)
    assert "ok" in outcomes
    assert outcomes & {"invalid_input", "too_large"}
