"""FLUX graphs under a small device budget: the text encoders hand the device back once the prompt is
encoded (T5 is not held while the transformer runs), and with partial loading a graph whose models do not
fit streams them and makes the same latents as with room for everything."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import torch

from impasto.models.cache.sizes import object_bytes
from impasto.models.cache.stats import CacheEntryInfo
from tests.generation.flux.test_nodes import txt2img
from tests.generation.helpers import Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import components as c
from tests.models.factory import write_flux_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
GIB = 2**30


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_flux_diffusers(tmp_path_factory.mktemp("models") / "flux-dev")


@contextmanager
def studio_with(root: Path, folder: Path, **config: Any) -> Iterator[tuple[Studio, str]]:
    services = make_services(root, **config)
    try:
        studio = Studio(services)
        yield studio, studio.install(folder).key
    finally:
        services.close()


def entries(studio: Studio) -> dict[str | None, CacheEntryInfo]:
    return {entry.submodel: entry for entry in studio.services.model_cache.stats().entries}


def encode_only(key: str) -> GraphBuilder:
    return (
        GraphBuilder()
        .add("model", "flux_model_loader", model={"key": key})
        .add("prompt", "flux_text_encoder", prompt="a red circle", t5_max_seq_len=16)
        .edge("model.clip", "prompt.clip")
        .edge("model.t5_encoder", "prompt.t5_encoder")
    )


def test_t5_gives_the_device_back_to_the_transformer(folder: Path, tmp_path: Path) -> None:
    """Room for T5 and half the transformer: T5 stays on the device after encoding (unlocked, for the
    next prompt), and is moved off when the transformer needs the room, which then loads whole."""
    t5, transformer = object_bytes(c.t5_encoder()), object_bytes(c.flux_transformer(guidance=True))
    budget = t5 + transformer // 2
    config = {"enable_partial_loading": True, "vram_cache_gb": budget / GIB}
    with studio_with(tmp_path / "root", folder, **config) as (studio, key):
        studio.run(encode_only(key))
        encoder = entries(studio)["text_encoder_2"]
        assert (encoder.locks, encoder.device_bytes) == (0, encoder.bytes)
        evictions = studio.services.model_cache.stats().device_evictions
        studio.run(txt2img(key))
        after = entries(studio)
        assert (after["text_encoder_2"].locks, after["text_encoder_2"].device_bytes) == (0, 0)
        assert not after["transformer"].partial
        assert after["transformer"].device_bytes == after["transformer"].bytes
        assert studio.services.model_cache.stats().device_evictions > evictions


def until_denoise(key: str) -> GraphBuilder:
    """The text-to-image graph without its decode node, so that the transformer is the last model placed."""
    graph = txt2img(key)
    del graph.nodes["decode"]
    graph.edges = [e for e in graph.edges if "decode" not in (e.source.node_id, e.destination.node_id)]
    return graph


def test_a_streamed_graph_makes_the_same_latents(folder: Path, tmp_path: Path) -> None:
    with studio_with(tmp_path / "full", folder) as (studio, key):
        expected = studio.latents(studio.run(until_denoise(key))["denoise"]["latents"])
    transformer = object_bytes(c.flux_transformer(guidance=True))
    config = {"enable_partial_loading": True, "vram_cache_gb": (transformer * 3 // 4) / GIB}
    with studio_with(tmp_path / "partial", folder, **config) as (studio, key):
        got = studio.latents(studio.run(until_denoise(key))["denoise"]["latents"])
        streamed = entries(studio)
        stats = studio.services.model_cache.stats()
    assert torch.equal(got, expected)
    assert streamed["transformer"].partial
    assert streamed["text_encoder_2"].partial
    assert stats.device_bytes <= stats.device_budget_bytes
