"""Regional prompts through the FLUX nodes: ``flux_text_encoder`` with a mask (image or tensor), several
prompts collected into ``flux_denoise``, and FLUX Redux reference images (everywhere and in a region), with
a tiny FLUX.1 dev folder, SigLIP and Redux model installed through the model manager."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.models.identity import ModelRecord
from tests.generation.flux.test_nodes import fails, with_image
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_flux_diffusers, write_flux_redux, write_siglip
from tests.models.factory.components import T5_WIDTH

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SIZE = 64


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("flux-regions") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def model(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> ModelRecord:
    return studio.install(write_flux_diffusers(tmp_path_factory.mktemp("models") / "flux-dev"))


@pytest.fixture(scope="module")
def redux(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> ModelRecord:
    folder = tmp_path_factory.mktemp("redux")
    studio.install(write_siglip(folder / "siglip"))
    return studio.install(write_flux_redux(folder / "flux1-redux-dev.safetensors", width=T5_WIDTH, hidden=48))


def half(left: bool) -> Image.Image:
    image = Image.new("L", (SIZE, SIZE), 0)
    image.paste(255, (0, 0, SIZE // 2, SIZE) if left else (SIZE // 2, 0, SIZE, SIZE))
    return image


def regional(
    studio: Studio, key: str, prompts: list[tuple[str, Image.Image | None]], **denoise: Any
) -> GraphBuilder:
    """One ``flux_text_encoder`` per prompt (with its mask image, if any), collected into ``flux_denoise``."""
    graph = (
        GraphBuilder()
        .add("model", "flux_model_loader", model={"key": key})
        .add("noise", "noise", seed=5, width=SIZE, height=SIZE)
        .add("prompts", "collect")
        .add("denoise", "flux_denoise", num_steps=2, **denoise)
        .edge("model.vae", "noise.vae")
        .edge("model.transformer", "denoise.transformer")
        .edge("prompts.collection", "denoise.positive_text_conditioning")
        .edge("noise.latents", "denoise.noise")
    )
    for index, (text, mask) in enumerate(prompts):
        node_id = f"prompt_{index}"
        graph.add(node_id, "flux_text_encoder", prompt=text, t5_max_seq_len=16)
        graph.edge("model.clip", f"{node_id}.clip").edge("model.t5_encoder", f"{node_id}.t5_encoder")
        graph.edge(f"{node_id}.conditioning", "prompts.item")
        if mask is not None:
            with_image(studio, graph, f"{node_id}.mask", mask)
    return graph


def latents(studio: Studio, graph: GraphBuilder) -> torch.Tensor:
    return studio.latents(studio.run(graph)["denoise"]["latents"])


def test_two_regions_each_change_only_their_half(studio: Studio, model: ModelRecord) -> None:
    before = latents(
        studio, regional(studio, model.key, [("a red circle", half(True)), ("a blue square", half(False))])
    )
    after = latents(
        studio, regional(studio, model.key, [("a red circle", half(True)), ("a green triangle", half(False))])
    )
    change = (after - before).abs()
    assert change[..., SIZE // 16 :].mean() > 3 * change[..., : SIZE // 16].mean()


def test_one_region_over_everything_is_the_plain_prompt(studio: Studio, model: ModelRecord) -> None:
    everything = Image.new("L", (SIZE, SIZE), 255)
    region = latents(studio, regional(studio, model.key, [("a red circle", everything)]))
    plain = latents(studio, regional(studio, model.key, [("a red circle", None)]))
    torch.testing.assert_close(region, plain, atol=1e-5, rtol=1e-5)


def test_a_mask_that_is_no_mask_is_refused(studio: Studio, model: ModelRecord) -> None:
    graph = regional(studio, model.key, [("a red circle", None)])
    graph.add("not_a_mask", "noise", seed=1, width=SIZE, height=SIZE)
    graph.edge("not_a_mask.latents", "prompt_0.mask")
    with fails("mask"):
        studio.run(graph)


def with_redux(
    studio: Studio, graph: GraphBuilder, redux_key: str, mask: Image.Image | None = None
) -> GraphBuilder:
    """A ``flux_redux`` node reading a two-colour reference (in ``mask``'s region) into the denoise node."""
    reference = Image.new("RGB", (SIZE, SIZE), (220, 40, 40))
    reference.paste((20, 60, 200), (0, 0, SIZE, SIZE // 2))
    graph.add("redux", "flux_redux", redux_model={"key": redux_key})
    graph.edge("redux.redux_cond", "denoise.redux_conditioning")
    with_image(studio, graph, "redux.image", reference)
    if mask is not None:
        graph.add("redux_mask", "image_mask_to_tensor").edge("redux_mask.mask", "redux.mask")
        with_image(studio, graph, "redux_mask.image", mask)
    return graph


def test_redux_tokens_steer_the_image_everywhere_or_in_a_region(
    studio: Studio, model: ModelRecord, redux: ModelRecord
) -> None:
    prompts: list[tuple[str, Image.Image | None]] = [("a red circle", None)]
    plain = latents(studio, regional(studio, model.key, prompts))
    everywhere = latents(studio, with_redux(studio, regional(studio, model.key, prompts), redux.key))
    left = latents(studio, with_redux(studio, regional(studio, model.key, prompts), redux.key, half(True)))
    assert not torch.allclose(plain, everywhere)
    change = (left - plain).abs()
    # the right half is background: it still sees the left half's image tokens, so it moves a little
    inside, outside = change[..., : SIZE // 16].mean(), change[..., SIZE // 16 :].mean()
    assert inside > 10 * outside, (inside, outside)
