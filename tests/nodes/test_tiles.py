"""Tile layouts (InvokeAI's numbers), tile properties, and merging tiles back into an image."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source


def _boxes(output: dict[str, Any]) -> list[tuple[int, int, int, int]]:
    return [
        (t["coords"]["left"], t["coords"]["top"], t["coords"]["right"], t["coords"]["bottom"])
        for t in output["tiles"]
    ]


def test_fixed_size_tiles_end_at_the_edge(engine: Engine) -> None:
    output = engine.output(
        "calculate_image_tiles", image_width=110, image_height=64, tile_width=40, tile_height=64, overlap=10
    )
    assert _boxes(output) == [(0, 0, 40, 64), (30, 0, 70, 64), (60, 0, 100, 64), (70, 0, 110, 64)]
    assert [t["overlap"]["left"] for t in output["tiles"]] == [0, 10, 10, 30]
    assert [t["overlap"]["right"] for t in output["tiles"]] == [10, 10, 30, 0]


def test_even_split_and_min_overlap_layouts(engine: Engine) -> None:
    even = engine.output(
        "calculate_image_tiles_even_split", image_width=1024, image_height=512, num_tiles_y=1
    )
    assert _boxes(even) == [(0, 0, 576, 512), (448, 0, 1024, 512)]
    spread = engine.output(
        "calculate_image_tiles_min_overlap",
        image_width=1000,
        image_height=300,
        tile_width=512,
        tile_height=512,
        min_overlap=64,
    )
    assert _boxes(spread) == [(0, 0, 512, 300), (244, 0, 756, 300), (488, 0, 1000, 300)]
    assert spread["tiles"][1]["overlap"] == {"top": 0, "bottom": 0, "left": 268, "right": 268}


@pytest.mark.parametrize(
    ("type_id", "inputs", "fragment"),
    [
        ("calculate_image_tiles", {"image_width": 30, "tile_width": 40}, "'tile_width' (40) is larger"),
        ("calculate_image_tiles", {"overlap": 576}, "'overlap' (576) must be less than 'tile_width'"),
        (
            "calculate_image_tiles_even_split",
            {"image_width": 1020},
            "'image_width' (1020) must be a multiple of 8",
        ),
        ("calculate_image_tiles_min_overlap", {"min_overlap": 600}, "'min_overlap' (600) must be less"),
        (
            "calculate_image_tiles",
            {"image_width": 16384, "image_height": 16384, "tile_width": 8, "tile_height": 8, "overlap": 0},
            "at most 4096",
        ),
    ],
)
def test_impossible_layouts_name_the_field(
    engine: Engine, type_id: str, inputs: dict[str, Any], fragment: str
) -> None:
    assert fragment in str(engine.failure(GraphBuilder().add("n", type_id, **inputs)))


def _tiled_round_trip(engine: Engine, image: Image.Image, mode: str, blend: int) -> Image.Image:
    """Cut ``image`` into tiles through the graph and merge them back."""
    graph = image_source(GraphBuilder(), "src", engine.save(image))
    graph.add(
        "layout",
        "calculate_image_tiles",
        image_width=image.width,
        image_height=image.height,
        tile_width=24,
        tile_height=20,
        overlap=8,
    )
    graph.add("each", "iterate").edge("layout.tiles", "each.collection")
    graph.add("props", "tile_to_properties").edge("each.item", "props.tile")
    graph.add("crop", "image_crop").edge("src.image", "crop.image")
    for field in ("x", "y", "width", "height"):
        source = {"x": "coords_left", "y": "coords_top"}.get(field, field)
        graph.edge(f"props.{source}", f"crop.{field}")
    graph.add("pair", "pair_tile_image").edge("crop.image", "pair.image").edge("each.item", "pair.tile")
    graph.add("all", "collect").edge("pair.tile_with_image", "all.item")
    graph.add("merge", "merge_tiles_to_image", blend_mode=mode, blend_amount=blend)
    graph.edge("all.collection", "merge.tiles_with_images")
    return engine.load(engine.outputs(graph)["merge"])


@pytest.mark.parametrize("mode", ["Linear", "Seam"])
def test_cutting_and_merging_gives_the_image_back(engine: Engine, mode: str) -> None:
    pixels = np.random.default_rng(0).integers(0, 256, (44, 50, 3), dtype=np.uint8)
    image = Image.fromarray(pixels)
    merged = _tiled_round_trip(engine, image, mode, blend=4)
    assert merged.size == image.size
    assert np.array_equal(np.asarray(merged), pixels)


def _merge(engine: Engine, tiles: list[tuple[dict[str, Any], Image.Image]], **inputs: Any) -> Image.Image:
    pairs = [{"tile": tile, "image": {"image_name": engine.save(image)}} for tile, image in tiles]
    return engine.load(engine.output("merge_tiles_to_image", tiles_with_images=pairs, **inputs))


def _tile(left: int, right: int, overlap_left: int, overlap_right: int) -> dict[str, Any]:
    return {
        "coords": {"top": 0, "bottom": 8, "left": left, "right": right},
        "overlap": {"top": 0, "bottom": 0, "left": overlap_left, "right": overlap_right},
    }


def test_linear_blend_fades_across_the_middle_of_the_overlap(engine: Engine) -> None:
    red, blue = Image.new("RGB", (24, 8), (255, 0, 0)), Image.new("RGB", (24, 8), (0, 0, 255))
    merged = _merge(
        engine, [(_tile(0, 24, 0, 16), red), (_tile(8, 32, 16, 0), blue)], blend_mode="Linear", blend_amount=8
    )
    row = [merged.getpixel((x, 4)) for x in range(32)]
    assert row[:12] == [(255, 0, 0)] * 12
    assert row[20:] == [(0, 0, 255)] * 12
    blues = [pixel[2] for pixel in row[12:20]]  # type: ignore[index]
    assert blues == sorted(blues)
    assert 0 == blues[0] < blues[4] < blues[-1] == 255


def test_seam_blend_cuts_where_the_tiles_agree(engine: Engine) -> None:
    left, right = Image.new("RGB", (24, 8), (0, 0, 0)), Image.new("RGB", (24, 8), (0, 0, 0))
    left.paste((255, 255, 255), (20, 0, 24, 8))  # the left tile differs in the last 4 columns of the overlap
    merged = _merge(
        engine, [(_tile(0, 24, 0, 16), left), (_tile(8, 32, 16, 0), right)], blend_mode="Seam", blend_amount=0
    )
    assert all(merged.getpixel((x, 4)) == (0, 0, 0) for x in range(32))


def test_merge_refuses_mismatched_tiles_and_blends_wider_than_the_overlap(engine: Engine) -> None:
    small = Image.new("RGB", (4, 8))
    failure = engine.failure(
        GraphBuilder().add(
            "n",
            "merge_tiles_to_image",
            tiles_with_images=[{"tile": _tile(0, 24, 0, 0), "image": {"image_name": engine.save(small)}}],
        )
    )
    assert "is 4x8 but its tile" in str(failure)
    wide = [(_tile(0, 24, 0, 4), Image.new("RGB", (24, 8))), (_tile(20, 44, 4, 0), Image.new("RGB", (24, 8)))]
    pairs = [{"tile": tile, "image": {"image_name": engine.save(image)}} for tile, image in wide]
    failure = engine.failure(
        GraphBuilder().add("n", "merge_tiles_to_image", tiles_with_images=pairs, blend_amount=8)
    )
    assert "'blend_amount' (8) is larger than an overlap of adjacent tiles (4)" in str(failure)
