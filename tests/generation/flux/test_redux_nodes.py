"""The ``flux_redux`` node in a graph, with a tiny Redux file and SigLIP encoder installed through the
model manager: it stores the reference's tokens and passes its region mask on, picks the installed SigLIP
encoder when none is chosen, and refuses wrong models and masks by name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch
from PIL import Image, ImageDraw

from impasto.errors import InvalidInputError
from impasto.generation.flux.redux import FluxReduxConditioning
from impasto.graph.executor import NodeError
from impasto.models.identity import ModelRecord
from impasto.nodes.flux.redux import FluxReduxNode
from impasto.nodes.refs import ModelRef, TensorField
from tests.generation.flux.test_nodes import with_image
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_flux_redux, write_siglip
from tests.models.factory.redux import REDUX_WIDTH, SIGLIP_GRID

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("redux-nodes") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModelRecord]:
    folder = tmp_path_factory.mktemp("models")
    return {
        "redux": studio.install(write_flux_redux(folder / "flux1-redux-dev.safetensors")),
        "wide": studio.install(write_siglip(folder / "a-siglip-wide", hidden=48)),
        "siglip": studio.install(write_siglip(folder / "siglip-vision")),
    }


def reference() -> Image.Image:
    image = Image.new("RGB", (48, 40), (200, 180, 40))
    ImageDraw.Draw(image).rectangle((8, 8, 30, 30), fill=(20, 60, 200))
    return image


def redux_graph(studio: Studio, redux_key: str, **inputs: Any) -> GraphBuilder:
    graph = GraphBuilder().add("redux", "flux_redux", redux_model={"key": redux_key}, **inputs)
    return with_image(studio, graph, "redux.image", reference())


def test_the_node_stores_the_tokens_and_the_mask(studio: Studio, models: dict[str, ModelRecord]) -> None:
    graph = redux_graph(studio, models["redux"].key, downsampling_factor=2, weight=0.5)
    mask = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(mask).rectangle((0, 0, 31, 63), fill=255)
    graph.add("mask", "image_mask_to_tensor").edge("mask.mask", "redux.mask")
    with_image(studio, graph, "mask.image", mask)
    field = studio.run(graph)["redux"]["redux_cond"]
    tokens = FluxReduxConditioning.from_dict(studio.tensor(field["conditioning_name"])).tokens
    assert tokens.shape == (1, (SIGLIP_GRID // 2) ** 2, REDUX_WIDTH)
    assert field["mask"] is not None
    stored_mask = studio.tensor(field["mask"]["tensor_name"])
    assert stored_mask.shape == (1, 64, 64)
    assert bool(stored_mask[0, 0, 0])
    assert not bool(stored_mask[0, 0, 63])
    plain = studio.run(redux_graph(studio, models["redux"].key, siglip_model={"key": models["siglip"].key}))
    assert plain["redux"]["redux_cond"]["mask"] is None
    full = FluxReduxConditioning.from_dict(studio.tensor(plain["redux"]["redux_cond"]["conditioning_name"]))
    assert full.tokens.shape == (1, SIGLIP_GRID**2, REDUX_WIDTH)
    default = studio.run(redux_graph(studio, models["redux"].key))["redux"]["redux_cond"]
    # no siglip_model: the installed encoder whose width the Redux model takes, not the first by name
    assert torch.equal(
        FluxReduxConditioning.from_dict(studio.tensor(default["conditioning_name"])).tokens, full.tokens
    )


def test_wrong_models_are_refused(studio: Studio, models: dict[str, ModelRecord]) -> None:
    with pytest.raises(
        NodeError, match="redux_model: 'siglip-vision' is a siglip model, not a flux_redux model"
    ):
        studio.run(redux_graph(studio, models["siglip"].key))
    chosen = {"siglip_model": {"key": models["redux"].key}}
    with pytest.raises(
        NodeError, match="siglip_model: 'flux1-redux-dev' is a flux_redux model, not a siglip"
    ):
        studio.run(redux_graph(studio, models["redux"].key, **chosen))
    with pytest.raises(NodeError, match="takes 32-wide image tokens but the SigLIP encoder gives 48"):
        studio.run(redux_graph(studio, models["redux"].key, siglip_model={"key": models["wide"].key}))


def test_a_missing_encoder_says_what_to_install(tmp_path_factory: pytest.TempPathFactory) -> None:
    services = make_services(tmp_path_factory.mktemp("no-siglip") / "root")
    try:
        studio = Studio(services)
        redux = studio.install(write_flux_redux(tmp_path_factory.mktemp("m") / "redux.safetensors"))
        with pytest.raises(
            NodeError, match="needs a SigLIP image encoder giving 32-wide tokens: install google/"
        ):
            studio.run(redux_graph(studio, redux.key))
    finally:
        services.close()


def test_a_mask_input_must_hold_a_mask(studio: Studio, models: dict[str, ModelRecord]) -> None:
    image = studio.save_image(reference())
    latents = TensorField(tensor_name=studio.services.resources.tensors.save(torch.zeros(1, 4, 8, 8)))
    node = FluxReduxNode(id="redux", image=image, redux_model=ModelRef(key=models["redux"].key), mask=latents)
    with pytest.raises(InvalidInputError, match=r"the mask input has shape \(1, 4, 8, 8\), not a mask's"):
        studio.invoke(node)
