"""Image nodes, run through the engine on a temporary image store; pixels and sizes are checked."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from impasto.nodes.image import MAX_PIXELS, MAX_SIDE, check_size
from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source

RED = (255, 0, 0)
BLUE = (0, 0, 255)
WHITE = (255, 255, 255)


def halves(width: int = 8, height: int = 4, mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue."""
    image = Image.new(mode, (width, height), (*BLUE, 255) if mode == "RGBA" else BLUE)
    image.paste(Image.new(mode, (width // 2, height), (*RED, 255) if mode == "RGBA" else RED), (0, 0))
    return image


def process(
    engine: Engine, image: Image.Image, type_id: str, **inputs: Any
) -> tuple[dict[str, Any], Image.Image]:
    """Run ``type_id`` on ``image``; its output and the image it made."""
    graph = image_source(GraphBuilder(), "src", engine.save(image)).add("n", type_id, **inputs)
    output: dict[str, Any] = engine.outputs(graph.edge("src.image", "n.image"))["n"]
    return output, engine.load(output)


def test_blank_image_rgb(engine: Engine) -> None:
    output = engine.output("blank_image", width=4, height=3, color={"r": 255, "g": 0, "b": 0, "a": 7})
    assert (output["width"], output["height"]) == (4, 3)
    image = engine.load(output)
    assert (image.mode, image.size) == ("RGB", (4, 3))
    assert image.getcolors() == [(12, RED)]


def test_blank_image_rgba_keeps_alpha(engine: Engine) -> None:
    output = engine.output("blank_image", width=2, height=2, color="#00ff0080", mode="RGBA")
    image = engine.load(output)
    assert image.mode == "RGBA"
    assert image.getpixel((1, 1)) == (0, 255, 0, 128)


def test_blank_image_takes_a_color_node(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("c", "color", color="#0000ff")
        .add("size", "integer", value=3)
        .add("blank", "blank_image")
        .edge("c.color", "blank.color")
        .edge("size.value", "blank.width")
        .edge("size.value", "blank.height")
    )
    image = engine.load(engine.outputs(graph)["blank"])
    assert (image.size, image.getpixel((2, 2))) == ((3, 3), BLUE)


@pytest.mark.parametrize(("width", "height"), [(0, 8), (8, MAX_SIDE + 1), (-1, 8)])
def test_image_sides_are_bounded_by_validation(engine: Engine, width: int, height: int) -> None:
    issues = engine.issues(GraphBuilder().add("b", "blank_image", width=width, height=height))
    assert [issue.code for issue in issues] == ["invalid_value"]
    assert issues[0].field == ("width" if width != 8 else "height")


def test_too_many_pixels_fail_before_allocating(engine: Engine) -> None:
    error = engine.failure(GraphBuilder().add("b", "blank_image", width=MAX_SIDE, height=MAX_SIDE))
    assert error.error_type == "ValueError"
    assert f"the image would be {MAX_SIDE}x{MAX_SIDE}" in error.error_message
    assert f"at most {MAX_PIXELS} are allowed" in error.error_message


def test_check_size() -> None:
    check_size(1, 1)
    check_size(MAX_SIDE, MAX_PIXELS // MAX_SIDE)
    with pytest.raises(ValueError, match="each side must be from 1 to 16384 pixels"):
        check_size(0, 4)
    with pytest.raises(ValueError, match="at most"):
        check_size(MAX_SIDE, MAX_PIXELS // MAX_SIDE + 1)


def test_load_image(engine: Engine) -> None:
    name = engine.save(halves(5, 3))
    output = engine.output("load_image", image={"image_name": name})
    assert output == {"image": {"image_name": name}, "width": 5, "height": 3}


def test_load_image_that_does_not_exist_fails(engine: Engine) -> None:
    missing = "f" * 32 + ".png"
    error = engine.failure(GraphBuilder().add("load", "load_image", image={"image_name": missing}))
    assert (error.node_id, error.error_type) == ("load", "NotFoundError")
    assert error.error_message == f"image '{missing}' does not exist"


@pytest.mark.parametrize(
    "name", ["../secret.png", "/etc/passwd", "a" * 32 + ".png/../../x.png", "A" * 32 + ".png", "x\x00.png"]
)
@pytest.mark.parametrize("node_type", ["load_image", "image"])
def test_image_references_that_are_not_image_names_are_invalid_graphs(
    engine: Engine, node_type: str, name: str
) -> None:
    issues = engine.issues(GraphBuilder().add("n", node_type, image={"image_name": name}))
    assert [(issue.code, issue.node_id, issue.field) for issue in issues] == [("invalid_value", "n", "image")]
    assert f"{name!r} is not a valid image name" in issues[0].message


def test_load_image_takes_no_connection(engine: Engine) -> None:
    name = engine.save(halves())
    graph = (
        image_source(GraphBuilder(), "src", name).add("load", "load_image").edge("src.image", "load.image")
    )
    issues = engine.issues(graph)
    assert [(issue.code, issue.field) for issue in issues] == [("not_connectable", "image")]


def test_processing_nodes_take_images_only_from_connections(engine: Engine) -> None:
    name = engine.save(halves())
    issues = engine.issues(GraphBuilder().add("r", "image_resize", image={"image_name": name}))
    assert [(issue.code, issue.field) for issue in issues] == [("not_direct", "image")]


def test_image_resize(engine: Engine) -> None:
    output, image = process(engine, halves(8, 4), "image_resize", width=2, height=1, resample="nearest")
    assert (output["width"], output["height"], image.size) == (2, 1, (2, 1))
    assert [image.getpixel((0, 0)), image.getpixel((1, 0))] == [RED, BLUE]


@pytest.mark.parametrize("resample", ["nearest", "box", "bilinear", "bicubic", "lanczos"])
def test_image_resize_every_resample(engine: Engine, resample: str) -> None:
    _, image = process(engine, halves(8, 4), "image_resize", width=16, height=2, resample=resample)
    assert image.size == (16, 2)
    assert image.getpixel((0, 0)) == RED


def test_image_scale(engine: Engine) -> None:
    output, image = process(engine, halves(8, 4), "image_scale", scale_factor=0.5, resample="nearest")
    assert (output["width"], output["height"], image.size) == (4, 2, (4, 2))
    assert [image.getpixel((0, 0)), image.getpixel((3, 1))] == [RED, BLUE]


@pytest.mark.parametrize(("factor", "size"), [(0.01, "0x0"), (3000.0, "24000x12000")])
def test_image_scale_refuses_sizes_out_of_bounds(engine: Engine, factor: float, size: str) -> None:
    graph = image_source(GraphBuilder(), "src", engine.save(halves(8, 4)))
    graph.add("s", "image_scale", scale_factor=factor).edge("src.image", "s.image")
    error = engine.failure(graph)
    assert f"the image would be {size} pixels; each side must be from 1 to {MAX_SIDE}" in error.error_message


def test_image_crop_inside(engine: Engine) -> None:
    output, image = process(engine, halves(8, 4), "image_crop", x=3, y=1, width=2, height=3)
    assert (output["width"], output["height"]) == (2, 3)
    assert [image.getpixel((0, 0)), image.getpixel((1, 2))] == [RED, BLUE]


def test_image_crop_outside_pads_rgb_with_black(engine: Engine) -> None:
    _, image = process(engine, halves(8, 4), "image_crop", x=-2, y=2, width=4, height=4)
    assert image.mode == "RGB"
    assert image.size == (4, 4)
    assert [image.getpixel((0, 0)), image.getpixel((2, 0)), image.getpixel((2, 2))] == [
        (0, 0, 0),
        RED,
        (0, 0, 0),
    ]


def test_image_crop_outside_pads_rgba_with_transparency(engine: Engine) -> None:
    _, image = process(engine, halves(8, 4, "RGBA"), "image_crop", x=6, y=0, width=4, height=1)
    assert image.mode == "RGBA"
    assert [image.getpixel((x, 0)) for x in range(4)] == [
        (*BLUE, 255),
        (*BLUE, 255),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
    ]


def paste(
    engine: Engine, base: Image.Image, image: Image.Image, mask: Image.Image | None, **at: int
) -> Image.Image:
    graph = (
        GraphBuilder()
        .add("base", "image", image={"image_name": engine.save(base)})
        .add("top", "image", image={"image_name": engine.save(image)})
        .add("paste", "image_paste", **at)
        .edge("base.image", "paste.base_image")
        .edge("top.image", "paste.image")
    )
    if mask is not None:
        graph.add("mask", "image", image={"image_name": engine.save(mask)}).edge("mask.image", "paste.mask")
    output = engine.outputs(graph)["paste"]
    assert (output["width"], output["height"]) == base.size
    return engine.load(output)


def test_image_paste_at_an_offset(engine: Engine) -> None:
    result = paste(engine, Image.new("RGB", (4, 4)), Image.new("RGB", (2, 2), WHITE), None, x=1, y=1)
    assert [
        result.getpixel((0, 0)),
        result.getpixel((1, 1)),
        result.getpixel((2, 2)),
        result.getpixel((3, 3)),
    ] == [
        (0, 0, 0),
        WHITE,
        WHITE,
        (0, 0, 0),
    ]


def test_image_paste_drops_what_falls_outside(engine: Engine) -> None:
    result = paste(engine, Image.new("RGB", (4, 4)), Image.new("RGB", (2, 2), WHITE), None, x=-1, y=-1)
    assert [result.getpixel((0, 0)), result.getpixel((1, 1))] == [WHITE, (0, 0, 0)]


def test_image_paste_with_a_mask(engine: Engine) -> None:
    mask = Image.new("L", (2, 1), 0)
    mask.putpixel((0, 0), 255)
    result = paste(engine, Image.new("RGB", (2, 1)), Image.new("RGB", (2, 1), WHITE), mask)
    assert [result.getpixel((0, 0)), result.getpixel((1, 0))] == [WHITE, (0, 0, 0)]


def test_image_paste_uses_the_pasted_image_alpha(engine: Engine) -> None:
    top = Image.new("RGBA", (2, 1), (*WHITE, 255))
    top.putpixel((1, 0), (*WHITE, 0))
    onto_rgb = paste(engine, Image.new("RGB", (2, 1)), top, None)
    assert [onto_rgb.getpixel((0, 0)), onto_rgb.getpixel((1, 0))] == [WHITE, (0, 0, 0)]
    onto_rgba = paste(engine, Image.new("RGBA", (2, 1), (*RED, 128)), top, None)
    assert onto_rgba.mode == "RGBA"
    assert [onto_rgba.getpixel((0, 0)), onto_rgba.getpixel((1, 0))] == [(*WHITE, 255), (*RED, 128)]


def test_image_paste_refuses_a_mask_of_another_size(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("base", "image", image={"image_name": engine.save(Image.new("RGB", (4, 4)))})
        .add("top", "image", image={"image_name": engine.save(Image.new("RGB", (2, 2)))})
        .add("mask", "image", image={"image_name": engine.save(Image.new("L", (3, 2)))})
        .add("paste", "image_paste")
        .edge("base.image", "paste.base_image")
        .edge("top.image", "paste.image")
        .edge("mask.image", "paste.mask")
    )
    error = engine.failure(graph)
    assert "the mask is 3x2 but the pasted image is 2x2; they must be the same size" in error.error_message


def dot() -> Image.Image:
    image = Image.new("L", (9, 9), 0)
    image.putpixel((4, 4), 255)
    return image


@pytest.mark.parametrize("blur_type", ["gaussian", "box"])
def test_image_blur_spreads_a_dot(engine: Engine, blur_type: str) -> None:
    _, image = process(engine, dot(), "image_blur", radius=1.0, blur_type=blur_type)
    assert (image.mode, image.size) == ("L", (9, 9))
    center, neighbor, corner = image.getpixel((4, 4)), image.getpixel((5, 4)), image.getpixel((0, 0))
    assert isinstance(center, int)
    assert isinstance(neighbor, int)
    assert 0 < neighbor <= center < 255
    assert corner == 0


def test_image_blur_radius_zero_changes_nothing(engine: Engine) -> None:
    _, image = process(engine, dot(), "image_blur", radius=0.0)
    assert image.tobytes() == dot().tobytes()


def test_image_blur_does_not_bleed_transparent_color(engine: Engine) -> None:
    source = Image.new("RGBA", (8, 2), (*BLUE, 255))
    source.paste(Image.new("RGBA", (4, 2), (*RED, 0)), (0, 0))
    _, image = process(engine, source, "image_blur", radius=2.0)
    pixel = image.getpixel((4, 0))  # the first originally opaque blue pixel
    assert isinstance(pixel, tuple)
    r, _g, b, a = pixel
    assert (r, b) == (0, 255)
    assert 0 < a < 255


@pytest.mark.parametrize(
    ("source_mode", "mode", "pixel"),
    [("RGB", "L", 76), ("RGB", "RGBA", (*RED, 255)), ("RGBA", "RGB", RED), ("RGB", "LA", (76, 255))],
)
def test_image_convert(engine: Engine, source_mode: str, mode: str, pixel: object) -> None:
    _, image = process(engine, halves(mode=source_mode), "image_convert", mode=mode)
    assert (image.mode, image.getpixel((0, 0))) == (mode, pixel)


def test_image_info(engine: Engine) -> None:
    graph = image_source(GraphBuilder(), "src", engine.save(halves(6, 2, "RGBA")))
    outputs = engine.outputs(graph.add("info", "image_info").edge("src.image", "info.image"))
    assert outputs["info"] == {"width": 6, "height": 2, "mode": "RGBA"}


def test_palette_images_are_processed_as_rgb(engine: Engine) -> None:
    palette = halves(4, 2).convert("P")
    _, image = process(engine, palette, "image_resize", width=4, height=2, resample="bilinear")
    assert image.mode == "RGB"
    assert image.getpixel((0, 0)) == RED


def test_image_nodes_are_cached(engine: Engine) -> None:
    graph = image_source(GraphBuilder(), "src", engine.save(halves()))
    graph.add("blur", "image_blur", radius=1.0).edge("src.image", "blur.image")
    first, second = engine.run(graph), engine.run(graph)
    assert first.executed_nodes == ["src", "blur"]
    assert second.cached_nodes == ["src", "blur"]
    assert first.outputs() == second.outputs()
