"""LoRA selectors and collection loaders attach lists of LoRAs with the single loaders' checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch

from impasto.graph import NodeError
from tests.generation.helpers import DEMO_MODEL, Studio, make_services
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_lora, write_sdxl_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("lora-collection") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def keys(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("models")
    return {
        "demo": studio.install(DEMO_MODEL).key,
        "xl": studio.install(write_sdxl_diffusers(folder / "xl")).key,
        "a": studio.install(write_lora(folder / "a.safetensors")).key,
        "b": studio.install(write_lora(folder / "b.safetensors", seed=1)).key,
        "xl_lora": studio.install(write_lora(folder / "xl.safetensors", base="sdxl")).key,
    }


def _collection(keys: dict[str, str], loader: str, model: str, *loras: tuple[str, float]) -> GraphBuilder:
    loader_type = "main_model_loader" if model == "demo" else "sdxl_model_loader"
    graph = GraphBuilder().add("m", loader_type, model={"key": keys[model]}).add("all", "collect")
    for index, (name, weight) in enumerate(loras):
        graph.add(f"s{index}", "lora_selector", lora={"key": keys[name]}, weight=weight)
        graph.edge(f"s{index}.lora", "all.item")
    return (
        graph.add("l", loader)
        .edge("all.collection", "l.loras")
        .edge("m.unet", "l.unet")
        .edge("m.clip", "l.clip")
    )


def test_a_collection_attaches_each_lora_once(studio: Studio, keys: dict[str, str]) -> None:
    graph = _collection(keys, "lora_collection_loader", "demo", ("a", 0.5), ("b", 1.0), ("a", 0.9))
    out = studio.run(graph)["l"]
    assert [(lora["lora"]["key"], lora["weight"]) for lora in out["unet"]["loras"]] == [
        (keys["a"], 0.5),
        (keys["b"], 1.0),
    ]
    assert out["clip"]["loras"] == out["unet"]["loras"]


def test_sdxl_collection_and_base_checks(studio: Studio, keys: dict[str, str]) -> None:
    out = studio.run(_collection(keys, "sdxl_lora_collection_loader", "xl", ("xl_lora", 0.7)))["l"]
    assert out["unet"]["loras"][0]["weight"] == 0.7
    assert out["clip2"] is None
    with pytest.raises(NodeError, match="for sdxl models and cannot be applied to the sd-1 model"):
        studio.run(_collection(keys, "lora_collection_loader", "demo", ("xl_lora", 1.0)))
    with pytest.raises(NodeError, match="is a main model, not a lora model"):
        studio.run(GraphBuilder().add("s", "lora_selector", lora={"key": keys["demo"]}))
