"""InvokeAI's pixel and channel nodes on small real images."""

from __future__ import annotations

from typing import Any

from PIL import Image

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source
from tests.nodes.test_image import BLUE, RED, halves, process


def _rgb(image: Image.Image, x: int, y: int) -> tuple[int, ...]:
    pixel = image.getpixel((x, y))
    assert isinstance(pixel, tuple)
    return pixel


def _run(engine: Engine, type_id: str, images: dict[str, Image.Image], **inputs: Any) -> Image.Image:
    graph = GraphBuilder()
    for field, image in images.items():
        image_source(graph, f"src_{field}", engine.save(image))
    graph.add("n", type_id, **inputs)
    for field in images:
        graph.edge(f"src_{field}.image", f"n.{field}")
    return engine.load(engine.outputs(graph)["n"])


def test_multiply_and_channel(engine: Engine) -> None:
    gray = Image.new("RGB", (8, 4), (128, 128, 128))
    product = _run(engine, "img_mul", {"image1": halves(), "image2": gray})
    assert product.getpixel((0, 0)) == (128, 0, 0)
    failure = engine.failure(
        image_source(image_source(GraphBuilder(), "a", engine.save(gray)), "b", engine.save(halves(4, 4)))
        .add("n", "img_mul")
        .edge("a.image", "n.image1")
        .edge("b.image", "n.image2")
    )
    assert "'image1' is 8x4 but 'image2' is 4x4" in str(failure)
    _, red = process(engine, halves(), "img_chan", channel="R")
    assert (red.mode, red.getpixel((0, 0)), red.getpixel((7, 0))) == ("L", 255, 0)


def test_convert_to_modes_png_cannot_hold(engine: Engine) -> None:
    _, gray = process(engine, halves(), "img_conv")
    assert gray.mode == "L"
    _, hsv = process(engine, halves(), "img_conv", mode="HSV")
    assert hsv.mode == "RGB"
    assert _rgb(hsv, 7, 0)[1:] == (255, 255)  # blue: full saturation and value
    for wide in ("I", "F"):
        _, deep = process(engine, halves(), "img_conv", mode=wide)
        assert (deep.mode, deep.getpixel((0, 0))) == ("I;16", 76)  # red's luminance
    _, cmyk = process(engine, halves(), "img_conv", mode="CMYK")
    assert cmyk.getpixel((0, 0)) == RED


def test_lerp_and_inverse_lerp(engine: Engine) -> None:
    gray = Image.new("L", (2, 2), 255)
    _, lerped = process(engine, gray, "img_lerp", min=50, max=150)
    assert lerped.getpixel((0, 0)) == 150
    _, stretched = process(engine, Image.new("L", (2, 2), 100), "img_ilerp", min=50, max=150)
    assert stretched.getpixel((0, 0)) == 127
    failure = engine.failure(
        image_source(GraphBuilder(), "s", engine.save(gray))
        .add("n", "img_ilerp", min=9, max=9)
        .edge("s.image", "n.image")
    )
    assert "'max' (9) must be greater than 'min' (9)" in str(failure)


def test_channel_offset_and_multiply(engine: Engine) -> None:
    _, shifted = process(engine, halves(), "img_channel_offset", channel="Green (RGBA)", offset=40)
    assert shifted.getpixel((0, 0)) == (255, 40, 0, 255)
    _, scaled = process(engine, halves(), "img_channel_multiply", channel="Red (RGBA)", scale=0.5)
    assert scaled.getpixel((0, 0)) == (127, 0, 0, 255)
    _, inverted = process(
        engine, halves(), "img_channel_multiply", channel="Blue (RGBA)", scale=1.0, invert_channel=True
    )
    assert inverted.getpixel((7, 0)) == (0, 0, 0, 255)
    _, hue = process(engine, halves(), "img_channel_offset", channel="Hue (HSV)", offset=256 // 3)
    r, g, b, _ = _rgb(hue, 0, 0)
    assert g > 200 > max(r, b)  # red turned a third of the way round the hue circle: green


def test_unsharp_mask_raises_contrast_at_an_edge(engine: Engine) -> None:
    gray = Image.new("RGBA", (16, 4), (100, 100, 100, 200))
    gray.paste((160, 160, 160, 200), (8, 0, 16, 4))
    _, sharp = process(engine, gray, "unsharp_mask", radius=2, strength=100)
    assert _rgb(sharp, 7, 0)[0] < 100
    assert _rgb(sharp, 8, 0)[0] > 160
    assert _rgb(sharp, 0, 0)[3] == 200


def test_invoke_paste_grows_and_inverts_the_mask(engine: Engine) -> None:
    base, patch = Image.new("RGB", (4, 4), RED), Image.new("RGB", (2, 2), BLUE)
    mask = Image.new("L", (2, 2), 0)
    mask.putpixel((1, 1), 255)
    grown = _run(engine, "img_paste", {"base_image": base, "image": patch, "mask": mask}, x=3, y=-1)
    assert grown.size == (5, 5)
    assert grown.getpixel((3, 0)) == (*BLUE, 255)
    assert grown.getpixel((4, 1)) == (0, 0, 0, 0)  # masked out: nothing under it
    assert grown.getpixel((0, 1)) == (*RED, 255)
    cropped = _run(engine, "img_paste", {"base_image": base, "image": patch}, x=3, y=-1, crop=True)
    assert cropped.size == (4, 4)
    assert cropped.getpixel((3, 0)) == (*BLUE, 255)


def test_canvas_paste_back(engine: Engine) -> None:
    source, target = Image.new("RGB", (16, 16), RED), Image.new("RGB", (16, 16), BLUE)
    mask = Image.new("L", (16, 16), 255)
    mask.paste(0, (0, 0, 8, 16))
    sharp = _run(engine, "canvas_paste_back", {"source_image": source, "target_image": target, "mask": mask})
    assert (sharp.getpixel((7, 0)), sharp.getpixel((8, 0))) == (BLUE, RED)
    soft = _run(
        engine,
        "canvas_paste_back",
        {"source_image": source, "target_image": target, "mask": mask},
        mask_blur=2,
    )
    assert soft.getpixel((0, 8)) == BLUE
    assert soft.getpixel((15, 8)) == RED
    assert 0 < _rgb(soft, 9, 8)[2] < 255


def test_hue_turns_red_to_green_and_keeps_alpha(engine: Engine) -> None:
    image = Image.new("RGBA", (2, 2), (255, 0, 0, 90))
    _, turned = process(engine, image, "img_hue_adjust", hue=120)
    r, g, b, a = _rgb(turned, 0, 0)
    assert (a, g > 240, r < 10, b < 10) == (90, True, True, True)
    _, full_turn = process(engine, image, "img_hue_adjust", hue=360)
    assert _rgb(full_turn, 0, 0) == (255, 0, 0, 90)
