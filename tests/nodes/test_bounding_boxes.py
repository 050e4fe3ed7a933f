"""Bounding boxes: typed in, found around a mask, cropped to and pasted into."""

from __future__ import annotations

from typing import Any

from PIL import Image

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source
from tests.nodes.test_image import BLUE, RED, process

BOX = {"x_min": 2, "y_min": 1, "x_max": 6, "y_max": 4, "score": None}


def test_typed_box_and_its_checks(engine: Engine) -> None:
    assert engine.output("bounding_box", x_min=2, y_min=1, x_max=6, y_max=4) == {"bounding_box": BOX}
    failure = engine.failure(GraphBuilder().add("n", "bounding_box", x_min=5, x_max=2))
    assert "'x_max' (2) is less than 'x_min' (5)" in str(failure)


def _mask_box(engine: Engine, mask: Image.Image, **inputs: Any) -> dict[str, Any]:
    graph = image_source(GraphBuilder(), "m", engine.save(mask)).add(
        "n", "get_image_mask_bounding_box", **inputs
    )
    box: dict[str, Any] = engine.outputs(graph.edge("m.image", "n.mask"))["n"]["bounding_box"]
    return box


def test_box_around_a_mask_with_margin(engine: Engine) -> None:
    mask = Image.new("RGB", (10, 8), (0, 0, 0))
    mask.paste((255, 255, 255), (3, 2, 6, 5))
    assert _mask_box(engine, mask) == {"x_min": 3, "y_min": 2, "x_max": 6, "y_max": 5, "score": None}
    assert _mask_box(engine, mask, margin=3) == {
        "x_min": 0,
        "y_min": 0,
        "x_max": 9,
        "y_max": 8,
        "score": None,
    }
    red = _mask_box(engine, mask, mask_color="#ff0000")
    assert red == {"x_min": 0, "y_min": 0, "x_max": 0, "y_max": 0, "score": None}


def test_crop_to_a_box_or_to_the_visible_pixels(engine: Engine) -> None:
    image = Image.new("RGBA", (10, 8), (0, 0, 0, 0))
    image.paste((*RED, 255), (4, 3, 7, 5))
    graph = image_source(GraphBuilder(), "s", engine.save(image)).add("c", "crop_image_to_bounding_box")
    visible = engine.load(engine.outputs(graph.edge("s.image", "c.image"))["c"])
    assert (visible.size, visible.getpixel((0, 0))) == ((3, 2), (*RED, 255))
    _, boxed = process(engine, image, "crop_image_to_bounding_box", bounding_box=BOX)
    assert boxed.size == (4, 3)


def test_paste_into_a_box(engine: Engine) -> None:
    graph = (
        image_source(GraphBuilder(), "patch", engine.save(Image.new("RGB", (4, 3), BLUE)))
        .add("target", "image", image={"image_name": engine.save(Image.new("RGB", (10, 8), RED))})
        .add("p", "paste_image_into_bounding_box", bounding_box=BOX)
        .edge("patch.image", "p.source_image")
        .edge("target.image", "p.target_image")
    )
    pasted = engine.load(engine.outputs(graph)["p"])
    assert (pasted.getpixel((2, 1)), pasted.getpixel((6, 4)), pasted.getpixel((5, 3))) == (
        (*BLUE, 255),
        (*RED, 255),
        (*BLUE, 255),
    )
    wrong = graph.add("p", "paste_image_into_bounding_box", bounding_box={**BOX, "x_max": 5})
    assert "'source_image' is 4x3 but the box is 3x3" in str(engine.failure(wrong))
