"""The canvas's pure parts: the alpha summary of a stored image and the size scaling before processing."""

from __future__ import annotations

import pytest
from PIL import Image

from impasto.builders.canvas import work_size
from impasto.builders.request import GenerateRequest
from impasto.builders.sources import alpha_of
from impasto.models.taxonomy import DefaultSettings


def test_alpha_summary() -> None:
    assert alpha_of(Image.new("RGB", (4, 4))) == "opaque"
    assert alpha_of(Image.new("RGBA", (4, 4), (1, 2, 3, 255))) == "opaque"
    assert alpha_of(Image.new("RGBA", (4, 4), (1, 2, 3, 0))) == "empty"
    partial = Image.new("RGBA", (4, 4), (1, 2, 3, 255))
    partial.putpixel((0, 0), (0, 0, 0, 128))
    assert alpha_of(partial) == "partial"


@pytest.mark.parametrize(
    ("output", "native", "factor", "expected"),
    [
        ((512, 256), 1024, 8, (1448, 728)),  # area 1024² at 2:1, on the 8 px grid
        ((256, 256), 512, 8, (512, 512)),
        ((1024, 1024), 512, 8, (1024, 1024)),  # larger than native: kept
        ((100, 60), 1024, 16, (1328, 800)),  # FLUX's 16 px grid
    ],
)
def test_auto_scaling_reaches_the_native_area(
    output: tuple[int, int], native: int, factor: int, expected: tuple[int, int]
) -> None:
    request = GenerateRequest(prompt="x", scale_before_processing="auto")
    defaults = DefaultSettings(width=native, height=native)
    assert work_size(request, output, defaults, factor) == expected
    width, height = expected
    assert abs(width * height - max(native * native, output[0] * output[1])) / (native * native) < 0.02
