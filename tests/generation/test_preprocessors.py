"""ControlNet preprocessors on real pixels: edges where the image has them, seeded shuffles, flat color
tiles, line art from dark strokes, resampling, the resolution pair, and the nodes that store results."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from impasto.generation.preprocessors import (
    canny,
    color_map,
    content_shuffle,
    lineart_standard,
    run_preprocessor,
    tile_resample,
    to_rgb_array,
)
from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source


def square(size: int = 64, value: int = 255, background: int = 0) -> np.ndarray:
    """A ``value`` square from 16 to 48 on ``background``."""
    pixels = np.full((size, size, 3), background, dtype=np.uint8)
    pixels[16:48, 16:48] = value
    return pixels


def quadrants() -> np.ndarray:
    pixels = np.zeros((64, 64, 3), dtype=np.uint8)
    pixels[:32, :32] = (255, 0, 0)
    pixels[:32, 32:] = (0, 255, 0)
    pixels[32:, :32] = (0, 0, 255)
    pixels[32:, 32:] = (255, 255, 0)
    return pixels


def test_canny_finds_the_squares_outline_and_nothing_else() -> None:
    edges = canny(square(), 100, 200)
    assert edges.shape == (64, 64)
    outline = np.zeros((64, 64), dtype=bool)
    outline[14:50, 14:50] = True
    outline[19:45, 19:45] = False
    assert edges[outline].any()
    assert not edges[~outline].any()
    assert edges[16:48, 15:17].any(axis=1).all()  # the left side is found along its whole length


def test_canny_thresholds_decide_what_counts_as_an_edge() -> None:
    faint = square(value=20)
    assert canny(faint, 20, 40).any()
    assert not canny(faint, 100, 200).any()
    with pytest.raises(ValueError, match="low_threshold"):
        canny(faint, 200, 100)


def test_the_resolution_pair_scales_before_and_after_detection() -> None:
    image = np.zeros((60, 100, 3), dtype=np.uint8)
    seen: list[tuple[int, ...]] = []

    def detect(pixels: np.ndarray) -> np.ndarray:
        seen.append(pixels.shape)
        return pixels

    assert run_preprocessor(image, detect, 64, 128).shape == (128, 192, 3)
    assert seen == [(64, 128, 3)]  # shorter side 64; 106.7 rounded to a multiple of 64
    # The result keeps the input's aspect: 213.3 rounds to 192 (not 2 x 128 from the detected image).
    assert run_preprocessor(image, detect, 64, 0).shape == (60, 100, 3)  # back to the input's size
    assert run_preprocessor(image, detect).shape == (60, 100, 3)
    assert seen[-1] == (60, 100, 3)


def test_content_shuffle_is_seeded_and_moves_content_without_new_colors() -> None:
    image = np.zeros((64, 64, 3), dtype=np.uint8)
    image[:, :32] = (255, 0, 0)
    image[:, 32:] = (0, 0, 255)
    first = content_shuffle(image, 16, seed=1)
    assert np.array_equal(first, content_shuffle(image, 16, seed=1))
    assert not np.array_equal(first, content_shuffle(image, 16, seed=2))
    assert not np.array_equal(first, image)
    assert not first[..., 1].any()  # every pixel is a blend of red and blue
    assert (np.abs(first[..., 0].astype(int) + first[..., 2] - 255) <= 2).all()
    left_red = (first[:, :32, 0] > 128).mean()
    assert 0.05 < left_red < 0.95  # the layout is gone: red is no longer only on the left


def test_color_map_makes_flat_tiles_of_the_colors_there() -> None:
    mosaic = color_map(quadrants(), 32)
    assert mosaic.shape == (64, 64, 3)
    for rows, columns, color in (
        (slice(0, 32), slice(0, 32), (255, 0, 0)),
        (slice(0, 32), slice(32, 64), (0, 255, 0)),
        (slice(32, 64), slice(0, 32), (0, 0, 255)),
        (slice(32, 64), slice(32, 64), (255, 255, 0)),
    ):
        tile = mosaic[rows, columns].reshape(-1, 3)
        assert (tile == tile[0]).all()
        assert np.abs(tile[0].astype(int) - color).max() <= 40
    whole = color_map(quadrants(), 1000)
    assert (whole.reshape(-1, 3) == whole[0, 0]).all()


def test_lineart_marks_dark_strokes_only() -> None:
    paper = np.full((64, 64, 3), 255, dtype=np.uint8)
    assert not lineart_standard(paper, 6.0, 8).any()
    drawing = paper.copy()
    drawing[:, 30:33] = 0  # a vertical black stroke
    lines = lineart_standard(drawing, 6.0, 8)
    assert lines[:, 30:33].min() > 100
    assert lines[:, :20].max() == 0
    assert lines[:, 45:].max() == 0


def test_tile_resample_shrinks_by_the_rate() -> None:
    image = quadrants()
    assert tile_resample(image, 2.0).shape == (32, 32, 3)
    assert np.array_equal(tile_resample(image, 1.0), image)
    assert tuple(tile_resample(image, 2.0)[0, 0]) == (255, 0, 0)


def test_images_in_any_mode_become_rgb() -> None:
    assert to_rgb_array(Image.new("L", (8, 4), 200)).shape == (4, 8, 3)
    assert to_rgb_array(Image.new("RGBA", (8, 4), (1, 2, 3, 0)))[0, 0].tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    ("node_type", "inputs", "size"),
    [
        ("canny_edge_detection", {"detect_resolution": 0, "image_resolution": 0}, (64, 64)),
        ("canny_edge_detection", {}, (512, 512)),
        ("content_shuffle", {"scale_factor": 16, "seed": 3, "image_resolution": 128}, (128, 128)),
        ("color_map", {"tile_size": 32}, (64, 64)),
        ("lineart_standard_edge_detection", {"image_resolution": 0, "detect_resolution": 128}, (64, 64)),
        ("tile_image_processor", {"down_sampling_rate": 4}, (16, 16)),
    ],
)
def test_the_nodes_store_an_rgb_control_image(
    tmp_path: Path, node_type: str, inputs: dict[str, object], size: tuple[int, int]
) -> None:
    engine = Engine(tmp_path)
    name = engine.save(Image.fromarray(square()))
    graph = (
        image_source(GraphBuilder(), "source", name)
        .add("p", node_type, **inputs)
        .edge("source.image", "p.image")
    )
    output = engine.outputs(graph)["p"]
    result = engine.load(output)
    assert (output["width"], output["height"]) == result.size == size
    assert result.mode == "RGB"


def test_the_canny_node_draws_the_outline(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    name = engine.save(Image.fromarray(square()))
    graph = (
        image_source(GraphBuilder(), "source", name)
        .add("edges", "canny_edge_detection", detect_resolution=0, image_resolution=0)
        .edge("source.image", "edges.image")
    )
    pixels = np.asarray(engine.load(engine.outputs(graph)["edges"]))
    assert np.array_equal(pixels[..., 0], canny(square(), 100, 200))
    assert np.array_equal(pixels[..., 0], pixels[..., 2])


def test_the_canny_node_refuses_crossed_thresholds(tmp_path: Path) -> None:
    engine = Engine(tmp_path)
    name = engine.save(Image.fromarray(square()))
    graph = (
        image_source(GraphBuilder(), "source", name)
        .add("edges", "canny_edge_detection", low_threshold=200, high_threshold=100)
        .edge("source.image", "edges.image")
    )
    assert "must not be above high_threshold" in str(engine.failure(graph))
