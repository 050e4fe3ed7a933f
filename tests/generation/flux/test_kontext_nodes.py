"""The FLUX Kontext node with a tiny FLUX.1 Kontext folder installed through the model manager: a graph
that edits a reference image, the checks on what is connected, and the node's forecast."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.graph import prepare
from impasto.graph.executor import NodeError
from impasto.graph.passes import forecast
from impasto.graph.validation import GraphValidationError
from impasto.models.identity import ModelRecord
from tests.generation.flux.test_nodes import with_image
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_flux_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SIZE = 32


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("kontext") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def model(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> ModelRecord:
    folder = tmp_path_factory.mktemp("models") / "flux-kontext"
    return studio.install(write_flux_diffusers(folder, variant="kontext"))


def reference() -> Image.Image:
    rng = np.random.default_rng(7)
    return Image.fromarray(rng.integers(0, 256, (SIZE, 48, 3), dtype=np.uint8), mode="RGB")


def edit(studio: Studio, key: str, *, with_reference: bool = True, **kontext: Any) -> GraphBuilder:
    """flux_model_loader → flux_text_encoder, flux_kontext (image + VAE) → flux_denoise → decode."""
    graph = (
        GraphBuilder()
        .add("model", "flux_model_loader", model={"key": key})
        .add("prompt", "flux_text_encoder", prompt="make it red", t5_max_seq_len=16)
        .add("noise", "noise", seed=5, width=SIZE, height=SIZE)
        .add("denoise", "flux_denoise", num_steps=2, guidance=2.5)
        .add("decode", "flux_vae_decode")
        .edge("model.clip", "prompt.clip")
        .edge("model.t5_encoder", "prompt.t5_encoder")
        .edge("model.vae", "noise.vae")
        .edge("model.transformer", "denoise.transformer")
        .edge("prompt.conditioning", "denoise.positive_text_conditioning")
        .edge("noise.latents", "denoise.noise")
        .edge("denoise.latents", "decode.latents")
        .edge("model.vae", "decode.vae")
    )
    if with_reference:
        graph.add("kontext", "flux_kontext", **{"resize_to_preferred": False, **kontext})
        graph.edge("model.vae", "kontext.vae").edge(
            "kontext.kontext_conditioning", "denoise.kontext_conditioning"
        )
        with_image(studio, graph, "kontext.image", reference())
    return graph


def test_the_model_is_identified_as_kontext(model: ModelRecord) -> None:
    assert (model.base, model.variant) == ("flux", "kontext")
    assert model.default_settings is not None
    assert model.default_settings.guidance == 2.5


def test_an_edit_graph_runs_and_is_reproducible(studio: Studio, model: ModelRecord) -> None:
    outputs = studio.run(edit(studio, model.key))
    stored = studio.tensor(outputs["kontext"]["kontext_conditioning"]["conditioning_name"])
    assert stored["kind"] == "flux_kontext"
    assert stored["latents"].shape == (1, 16, SIZE // 8, 48 // 8)
    latents = studio.latents(outputs["denoise"]["latents"])
    assert latents.shape == (1, 16, SIZE // 8, SIZE // 8)
    again = studio.latents(studio.run(edit(studio, model.key))["denoise"]["latents"])
    assert torch.equal(latents, again)
    plain = studio.latents(studio.run(edit(studio, model.key, with_reference=False))["denoise"]["latents"])
    assert not torch.allclose(latents, plain, atol=1e-4)


def test_a_prompt_is_not_a_kontext_reference(studio: Studio, model: ModelRecord) -> None:
    graph = edit(studio, model.key, with_reference=False)
    graph.edge("prompt.conditioning", "denoise.kontext_conditioning")
    with pytest.raises((NodeError, GraphValidationError), match="kontext_conditioning"):
        studio.run(graph)


def test_the_forecast_encodes_at_the_preferred_size(studio: Studio, model: ModelRecord) -> None:
    graph = (
        GraphBuilder()
        .add("blank", "blank_image", width=300, height=200)
        .add("model", "flux_model_loader", model={"key": model.key})
        .add("kontext", "flux_kontext")
        .edge("blank.image", "kontext.image")
        .edge("model.vae", "kontext.vae")
    )
    found = forecast(prepare(graph.build(), studio.services.registry))
    assert [(p.kind, p.extent.width, p.extent.height) for p in found.passes] == [("encode", 1248, 832)]
    found = forecast(
        prepare(graph.build(), studio.services.registry), {("kontext", "resize_to_preferred"): False}
    )
    assert [(p.extent.width, p.extent.height) for p in found.passes] == [(288, 192)]
