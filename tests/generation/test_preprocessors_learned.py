"""Learned ControlNet preprocessors: tiny real networks installed as models, run as nodes through the
engine, and the decoding steps (poses, line segments, normals, edge touches) checked on known inputs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.generation.annotators import openpose as openpose_module
from impasto.generation.annotators.common import safe_step, scribble
from impasto.generation.annotators.depth import _normalised, normal_map
from impasto.generation.annotators.mlsd import _segments
from impasto.generation.annotators.pose import (
    COLORS,
    LIMB_FIELDS,
    LIMBS,
    Person,
    draw_bodies,
    find_people,
    hand_boxes,
    hand_keypoints,
)
from impasto.graph import NodeError
from impasto.models.architectures.annotators.pidinet import PixelDifferenceConv
from impasto.models.identity import ModelRecord
from tests.generation.helpers import Studio, make_services, pattern
from tests.graph.stubs import GraphBuilder
from tests.models.factory import (
    write_depth_anything,
    write_dpt,
    write_hed,
    write_lineart,
    write_lineart_anime,
    write_mlsd,
    write_openpose_body,
    write_openpose_hand,
    write_pidinet,
)

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("learned") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModelRecord]:
    folder = tmp_path_factory.mktemp("annotators")
    writers: dict[str, Callable[[], Path]] = {
        "depth": lambda: write_depth_anything(folder / "depth-anything"),
        "dpt": lambda: write_dpt(folder / "dpt"),
        "hed": lambda: write_hed(folder / "ControlNetHED.pth"),
        "lineart": lambda: write_lineart(folder / "sk_model.pth"),
        "lineart_anime": lambda: write_lineart_anime(folder / "netG.pth"),
        "pidi": lambda: write_pidinet(folder / "table5_pidinet.pth"),
        "mlsd": lambda: write_mlsd(folder / "mlsd_large_512_fp32.pth"),
        "body": lambda: write_openpose_body(folder / "body_pose_model.pth"),
        "hand": lambda: write_openpose_hand(folder / "hand_pose_model.pth"),
    }
    return {name: studio.install(write()) for name, write in writers.items()}


def run_node(studio: Studio, image: Image.Image, node_type: str, **inputs: Any) -> Image.Image:
    """Run one preprocessor node on ``image`` through the engine and return the stored result."""
    name = studio.save_image(image).image_name
    graph = (
        GraphBuilder()
        .add("source", "image", image={"image_name": name})
        .add("p", node_type, **inputs)
        .edge("source.image", "p.image")
    )
    output = studio.run(graph)["p"]
    result = studio.image(output["image"])
    assert (output["width"], output["height"]) == result.size
    return result


SMALL = {"detect_resolution": 64, "image_resolution": 64}
NODES = [
    ("depth_anything_depth_estimation", "depth", {}),
    ("depth_anything_depth_estimation", "dpt", {}),
    ("normal_map", "depth", {"strength": 2.0}),
    ("hed_edge_detection", "hed", {"scribble": True}),
    ("hed_edge_detection", "hed", {"safe": True}),
    ("lineart_edge_detection", "lineart", {}),
    ("lineart_anime_edge_detection", "lineart_anime", {}),
    ("pidi_edge_detection", "pidi", {"safe": True}),
    ("mlsd_detection", "mlsd", {"score_threshold": 0.2}),
    ("openpose_detection", "body", {}),
]


@pytest.mark.parametrize(("node_type", "model", "inputs"), NODES)
def test_each_node_stores_an_rgb_control_image_of_the_requested_size(
    studio: Studio, models: dict[str, ModelRecord], node_type: str, model: str, inputs: dict[str, Any]
) -> None:
    image = pattern(128, seed=1).crop((0, 0, 128, 64))  # 2:1, so the aspect ratio must be kept
    result = run_node(studio, image, node_type, model={"key": models[model].key}, **SMALL, **inputs)
    assert result.size == (128, 64)
    assert result.mode == "RGB"
    assert run_node(studio, image, node_type, model={"key": models[model].key}, **inputs).size == (1024, 512)


def test_the_depth_map_is_grey_full_range_deterministic_and_not_the_image(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    image = pattern(64, seed=2)
    inputs = {"model": {"key": models["depth"].key}, "detect_resolution": 0, "image_resolution": 0}
    first = np.asarray(run_node(studio, image, "depth_anything_depth_estimation", **inputs))
    again = np.asarray(run_node(studio, image, "depth_anything_depth_estimation", **inputs))
    assert np.array_equal(first, again)
    assert (first[..., 0] == first[..., 1]).all()
    assert (first[..., 0] == first[..., 2]).all()
    assert (first.min(), first.max()) == (0, 255)
    assert not np.array_equal(first, np.asarray(image))
    other = np.asarray(run_node(studio, pattern(64, seed=3), "depth_anything_depth_estimation", **inputs))
    assert not np.array_equal(first, other)


def test_openpose_with_a_hand_model_and_hands_found_next_to_wrists(
    studio: Studio, models: dict[str, ModelRecord]
) -> None:
    inputs = {"model": {"key": models["body"].key}, "hand_model": {"key": models["hand"].key}, **SMALL}
    assert run_node(studio, pattern(64), "openpose_detection", **inputs).size == (64, 64)
    person = Person()
    for part, point in {5: (10.0, 10.0), 6: (10.0, 30.0), 7: (10.0, 50.0)}.items():
        person.parts[part] = (*point, 1.0)
    hand = studio.services.resources.models.load(models["hand"].key)
    pixels = np.asarray(pattern(64))
    keypoints = openpose_module._hands(hand, pixels, [person], "cpu")
    assert len(keypoints) == 1
    assert keypoints[0].shape == (21, 2)
    found = keypoints[0][~np.isnan(keypoints[0]).any(axis=1)]
    assert ((found >= 0) & (found < 64)).all()  # inside the image (the box is clipped to it)


@pytest.mark.parametrize(
    ("node_type", "model", "expected"),
    [
        (
            "hed_edge_detection",
            "lineart",
            "install the HED annotator (lllyasviel/Annotators::ControlNetHED.pth)",
        ),
        (
            "depth_anything_depth_estimation",
            "hed",
            "is a hed preprocessor, not a Depth Anything or DPT depth estimator",
        ),
        ("openpose_detection", None, "no installed model has the key 'nope'"),
    ],
)
def test_the_wrong_or_a_missing_model_is_a_clear_error(
    studio: Studio, models: dict[str, ModelRecord], node_type: str, model: str | None, expected: str
) -> None:
    key = models[model].key if model else "nope"
    with pytest.raises(NodeError) as info:
        run_node(studio, pattern(64), node_type, model={"key": key}, **SMALL)
    assert expected in str(info.value)
    assert "see the starter models" in str(info.value)


def test_depth_becomes_nearness_and_normals_follow_its_slope() -> None:
    values = np.array([[1.0, 2.0], [3.0, 5.0]], dtype=np.float32)
    assert _normalised(values, invert=False).tolist() == [[0.0, 0.25], [0.5, 1.0]]
    assert _normalised(values, invert=True).tolist() == [[1.0, 0.75], [0.5, 0.0]]  # metric: far is small
    ramp = np.tile(np.linspace(0.2, 1.0, 64, dtype=np.float32), (64, 1))  # nearer to the right
    normals = normal_map(ramp).astype(int)
    assert (normals[8:-8, 8:-8, 0] > 150).all()  # red: the slope to the right
    assert (np.abs(normals[8:-8, 8:-8, 1] - 127) <= 1).all()  # green: no vertical slope
    flat = normal_map(np.full((16, 16), 0.5, dtype=np.float32))
    assert (flat.reshape(-1, 3) == (127, 127, 255)).all()
    background = normal_map(ramp * 0.05)  # all farther than the threshold: drawn facing the viewer
    assert (background.reshape(-1, 3) == (127, 127, 255)).all()


@pytest.mark.parametrize("kind", ["cd", "ad", "rd"])
def test_pixel_difference_convolutions_ignore_flat_areas(kind: str) -> None:
    torch.manual_seed(0)
    conv = PixelDifferenceConv(kind, 2, 3)
    torch.nn.init.normal_(conv.weight)
    with torch.no_grad():
        flat = conv(torch.full((1, 2, 12, 12), 0.7))[..., 2:-2, 2:-2]
        plain = torch.nn.functional.conv2d(torch.full((1, 2, 12, 12), 0.7), conv.weight, padding=1)
    assert flat.abs().max() < 1e-5  # differences of equal pixels vanish
    assert plain.abs().max() > 0.1


def test_central_differences_are_neighbours_minus_the_centre() -> None:
    torch.manual_seed(1)
    conv = PixelDifferenceConv("cd", 1, 1)
    torch.nn.init.normal_(conv.weight)
    image = torch.rand(1, 1, 5, 5)
    with torch.no_grad():
        result = conv(image)[0, 0, 2, 2]
    window = image[0, 0, 1:4, 1:4]
    assert torch.allclose(result, (conv.weight[0, 0] * (window - image[0, 0, 2, 2])).sum(), atol=1e-6)


def _person_maps(size: int = 128) -> tuple[np.ndarray, np.ndarray, dict[int, tuple[int, int]]]:
    """Heat maps and part affinity fields of one standing person."""
    points = {0: (64, 20), 1: (64, 35), 2: (50, 35), 3: (45, 55), 4: (42, 75), 5: (78, 35), 6: (83, 55)}
    points |= {7: (86, 75), 8: (57, 80), 11: (71, 80), 14: (60, 17), 15: (68, 17)}
    ys, xs = np.mgrid[0:size, 0:size]
    heatmaps = np.zeros((size, size, 19), dtype=np.float32)
    for part, (x, y) in points.items():
        heatmaps[:, :, part] = np.exp(-((xs - x) ** 2 + (ys - y) ** 2) / (2 * 2.0**2))
    pafs = np.zeros((size, size, 38), dtype=np.float32)
    for (a, b), (fx, fy) in zip(LIMBS, LIMB_FIELDS, strict=True):
        if a not in points or b not in points:
            continue
        start, end = np.array(points[a], float), np.array(points[b], float)
        unit = (end - start) / np.linalg.norm(end - start)
        t = np.clip(
            ((xs - start[0]) * unit[0] + (ys - start[1]) * unit[1]) / np.linalg.norm(end - start), 0, 1
        )
        near = np.hypot(xs - (start[0] + t * (end - start)[0]), ys - (start[1] + t * (end - start)[1])) <= 2
        pafs[near, fx], pafs[near, fy] = unit[0], unit[1]
    return heatmaps, pafs, points


def test_people_are_assembled_from_keypoints_and_limb_fields() -> None:
    heatmaps, pafs, points = _person_maps()
    people = find_people(heatmaps, pafs, 128)
    assert len(people) == 1
    found = {part: (round(p[0]), round(p[1])) for part, p in enumerate(people[0].parts) if p is not None}
    assert found == points
    assert find_people(np.zeros_like(heatmaps), np.zeros_like(pafs), 128) == []
    canvas = draw_bodies(np.zeros((128, 128, 3), dtype=np.uint8), people)
    assert tuple(canvas[20, 64]) == COLORS[0]  # the nose's dot, full colour
    assert tuple(canvas[35, 71]) == tuple(int(c * 0.6) for c in COLORS[1])  # neck → left shoulder limb
    assert not canvas[100:, :].any()  # nothing below the hips


def test_hands_are_boxed_beyond_the_wrist_and_found_at_their_strongest_region() -> None:
    person = Person()
    person.parts[5], person.parts[6], person.parts[7] = (
        (50.0, 10.0, 1.0),
        (50.0, 40.0, 1.0),
        (50.0, 70.0, 1.0),
    )
    # Centred a third of the forearm past the wrist (79.9), 1.5 forearms wide (45).
    assert hand_boxes([person], 200, 200) == [(27, 57, 45)]
    assert hand_boxes([person], 80, 200) == [(27, 57, 22)]  # clipped to the image
    assert hand_boxes([person], 75, 200) == []  # too little of the hand is in the image
    heatmaps = np.zeros((40, 40, 22), dtype=np.float32)
    heatmaps[20, 10, 0], heatmaps[5, 30, 0] = 5.0, 2.0  # two regions: the stronger one wins
    points = hand_keypoints(heatmaps)
    assert points[0].tolist() == [10.0, 20.0]
    assert np.isnan(points[1:]).all()


def test_line_segments_are_read_from_centres_and_displacements() -> None:
    output = torch.full((9, 32, 32), -10.0)
    output[1:5] = 0
    output[0, 10, 12] = 10.0
    output[1:5, 10, 12] = torch.tensor([-5.0, 0.0, 5.0, 0.0])
    output[0, 20, 20] = 10.0  # a confident centre of a segment too short to keep
    assert _segments(output, 0.1, 2.0).tolist() == [[7.0, 10.0, 17.0, 10.0]]


def test_safe_edges_and_scribbles() -> None:
    edges = np.linspace(0, 1, 7, dtype=np.float32)
    assert safe_step(edges).tolist() == [0.0, 0.0, 0.5, 0.5, 1.0, 1.0, 1.5]
    soft = np.zeros((40, 40), dtype=np.uint8)
    soft[:, 14:27] = [40, 80, 120, 160, 200, 240, 255, 240, 200, 160, 120, 80, 40]  # a soft vertical edge
    strokes = scribble(soft)
    assert set(np.unique(strokes)) == {0, 255}
    assert strokes[5:35, 20].all()
    assert not strokes[:, :10].any()
