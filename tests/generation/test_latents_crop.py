"""crop_latents cuts the latents under a box of image pixels."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import torch

from impasto.graph import NodeError
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("crop") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


def _graph(**box: int) -> GraphBuilder:
    return (
        GraphBuilder()
        .add("noise", "noise", seed=3, width=64, height=32)
        .add("crop", "crop_latents", **box)
        .edge("noise.latents", "crop.latents")
    )


def test_the_box_is_cut_in_latent_pixels(studio: Studio) -> None:
    outputs = studio.run(_graph(x=16, y=8, width=32, height=16))
    noise, cropped = studio.latents(outputs["noise"]["latents"]), studio.latents(outputs["crop"]["latents"])
    assert cropped.shape == (1, 4, 2, 4)
    assert torch.equal(cropped, noise[..., 1:3, 2:6])
    assert (outputs["crop"]["width"], outputs["crop"]["height"]) == (32, 16)


@pytest.mark.parametrize(
    ("box", "fragment"),
    [
        ({"x": 4, "width": 8, "height": 8}, "'x' (4) must be a multiple of the latents' scale factor 8"),
        ({"x": 48, "width": 32, "height": 8}, "does not fit in the latents of a 64x32 image"),
    ],
)
def test_boxes_off_the_grid_or_outside_are_refused(
    studio: Studio, box: dict[str, int], fragment: str
) -> None:
    with pytest.raises(NodeError, match=re.escape(fragment)):
        studio.run(_graph(**box))
