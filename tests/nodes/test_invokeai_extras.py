"""InvokeAI's negative-prompt split, ID-map masks, mask edges and OpenCV inpainting."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source
from tests.nodes.test_image import BLUE, RED, halves, process


@pytest.mark.parametrize(
    ("text", "positive", "negative"),
    [
        ("a cat [blurry] on a mat", "a cat  on a mat", " blurry"),
        ("plain", "plain", ""),
        ("a \\[b] c", "a \\[b c", ""),  # an escaped [ stays; the unmatched ] is dropped
    ],
)
def test_string_split_neg(engine: Engine, text: str, positive: str, negative: str) -> None:
    output = engine.output("string_split_neg", string=text)
    assert output == {"positive_string": positive, "negative_string": negative}


def test_mask_from_id(engine: Engine) -> None:
    _, mask = process(engine, halves(), "mask_from_id", color="#ff0000", threshold=10)
    assert (mask.mode, mask.getpixel((0, 0)), mask.getpixel((7, 0))) == ("L", 255, 0)
    _, inverted = process(engine, halves(), "mask_from_id", color="#ff0000", invert=True)
    assert inverted.getpixel((0, 0)) == 0


def test_mask_edge_marks_a_band_along_the_edge(engine: Engine) -> None:
    mask = Image.new("L", (32, 16), 0)
    mask.paste(255, (16, 0, 32, 16))
    inputs = {"edge_size": 4, "edge_blur": 0, "low_threshold": 100, "high_threshold": 200}
    _, band = process(engine, mask, "mask_edge", **inputs)
    row = [band.getpixel((x, 8)) for x in range(32)]
    assert row[0] == row[31] == 255
    assert 0 in row[12:20]


def test_cv_inpaint_fills_the_black_part_of_the_mask(engine: Engine) -> None:
    image = Image.new("RGB", (16, 16), BLUE)
    image.paste(RED, (6, 6, 10, 10))
    mask = Image.new("L", (16, 16), 255)
    mask.paste(0, (5, 5, 11, 11))
    graph = (
        image_source(GraphBuilder(), "i", engine.save(image))
        .add("m", "image", image={"image_name": engine.save(mask)})
        .add("n", "cv_inpaint")
        .edge("i.image", "n.image")
        .edge("m.image", "n.mask")
    )
    filled = np.asarray(engine.load(engine.outputs(graph)["n"]))
    assert filled[8, 8, 2] > 200  # the red square is painted over with the blue around it
    assert filled[0, 0].tolist() == list(BLUE)
