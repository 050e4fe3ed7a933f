"""InvokeAI's spandrel image-to-image nodes and the model identifier, with a tiny real ESRGAN."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.graph import NodeError
from impasto.models.identity import ModelRecord
from tests.generation.helpers import Studio, make_services, pattern
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_esrgan

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("spandrel") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def x2(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> ModelRecord:
    return studio.install(write_esrgan(tmp_path_factory.mktemp("esrgan") / "x2.safetensors", scale=2))


def _run(studio: Studio, image: Image.Image, type_id: str, key: str, **inputs: Any) -> Image.Image:
    graph = (
        GraphBuilder()
        .add("source", "image", image={"image_name": studio.save_image(image).image_name})
        .add("pick", "model_identifier", model={"key": key})
        .add("up", type_id, tile_size=0, **inputs)
        .edge("source.image", "up.image")
        .edge("pick.model", "up.image_to_image_model")
    )
    output = studio.run(graph)["up"]
    result = studio.image(output["image"])
    assert (output["width"], output["height"]) == result.size
    return result


def test_one_pass_at_the_models_factor(studio: Studio, x2: ModelRecord) -> None:
    assert _run(studio, pattern(16), "spandrel_image_to_image", x2.key).size == (32, 32)


def test_autoscale_repeats_the_model_then_resizes(studio: Studio, x2: ModelRecord) -> None:
    studio.progress.clear()
    assert _run(studio, pattern(8), "spandrel_image_to_image_autoscale", x2.key, scale=4).size == (32, 32)
    messages = [p.message or "" for kind, p in studio.progress if kind == "spandrel_image_to_image_autoscale"]
    assert any(message.startswith("pass 2:") for message in messages)
    assert not any(message.startswith("pass 3:") for message in messages)
    three = _run(studio, pattern(8), "spandrel_image_to_image_autoscale", x2.key, scale=3)
    assert three.size == (24, 24)
    fitted = pattern(24).crop((0, 0, 20, 12))
    result = _run(
        studio, fitted, "spandrel_image_to_image_autoscale", x2.key, scale=1.5, fit_to_multiple_of_8=True
    )
    assert result.size == (24, 16)


def test_unknown_model_is_refused_by_the_identifier(studio: Studio) -> None:
    with pytest.raises(NodeError, match="input 'model': no installed model has the key 'nope'"):
        _run(studio, pattern(8), "spandrel_image_to_image", "nope")
