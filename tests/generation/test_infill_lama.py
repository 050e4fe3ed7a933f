"""LaMa infill with a LaMa of random weights installed through the model manager: identified as an
inpainting image model, refused by the upscaler and accepted by the infill node, which fills the
transparent border of a canvas and keeps its image."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.infill_lama import infill_lama
from impasto.graph import NodeError
from impasto.models.identity import ModelRecord
from tests.generation.helpers import Studio, make_services
from tests.generation.test_infill import BORDER, HIDDEN, border, canvas
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_esrgan, write_lama

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("lama") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def lama(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> ModelRecord:
    return studio.install(write_lama(tmp_path_factory.mktemp("lama") / "big-lama.safetensors"))


def run_node(studio: Studio, type_id: str, image: Image.Image, **inputs: object) -> Image.Image:
    name = studio.save_image(image).image_name
    graph = (
        GraphBuilder()
        .add("source", "image", image={"image_name": name})
        .add("fill", type_id, **inputs)
        .edge("source.image", "fill.image")
    )
    return studio.image(studio.run(graph)["fill"]["image"])


def test_lama_is_identified_as_an_inpainting_image_model(lama: ModelRecord) -> None:
    assert (lama.type, lama.base, lama.format) == ("upscaler", "any", "spandrel")
    assert lama.details["architecture"] == "LaMa"
    assert lama.details["purpose"] == "Inpainting"
    assert lama.details["scale"] == 1


def test_the_node_fills_the_border_and_keeps_the_image(studio: Studio, lama: ModelRecord) -> None:
    source = canvas()
    filled = run_node(studio, "infill_lama", source, model={"key": lama.key})
    assert (filled.mode, filled.size) == ("RGB", (96, 96))
    inside = np.asarray(source)[BORDER:-BORDER, BORDER:-BORDER, :3]
    assert np.array_equal(np.asarray(filled)[BORDER:-BORDER, BORDER:-BORDER], inside)
    assert not (border(filled) == HIDDEN).all(axis=1).any()
    with studio.services.resources.models.load(lama.key).lock() as descriptor:
        again = infill_lama(source, descriptor, device=torch.device("cpu"))
        assert np.array_equal(np.asarray(again), np.asarray(filled))  # deterministic
        with pytest.raises(InvalidInputError, match=r"the lama infill .* has none"):
            infill_lama(Image.new("RGBA", (32, 32)), descriptor, device=torch.device("cpu"))


def test_upscalers_and_inpainters_are_not_confused(studio: Studio, lama: ModelRecord, tmp_path: Path) -> None:
    esrgan = studio.install(write_esrgan(tmp_path / "x2.safetensors", scale=2))
    with pytest.raises(NodeError, match="is an upscaler, not an inpainting model such as LaMa"):
        run_node(studio, "infill_lama", canvas(), model={"key": esrgan.key})
    with pytest.raises(NodeError, match="is an inpainting model, not an upscaler"):
        run_node(studio, "upscale_image", canvas(), model={"key": lama.key})
    with pytest.raises(NodeError, match="no installed model has the key 'nope'; install a LaMa"):
        run_node(studio, "infill_lama", canvas(), model={"key": "nope"})
