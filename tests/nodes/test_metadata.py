"""InvokeAI's metadata nodes build the metadata save_image writes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


def test_core_metadata_maps_invokeai_names(engine: Engine) -> None:
    model = {"key": "k1", "hash": "blake3:ab", "name": "SD 1.5", "base": "sd-1", "type": "main"}
    lora = {"model": {"key": "l1", "name": "Ink", "base": "sd-1", "type": "lora"}, "weight": 0.6}
    output = engine.output(
        "core_metadata",
        generation_mode="txt2img",
        positive_prompt="a cat",
        seed=7,
        cfg_rescale_multiplier=0.2,
        model=model,
        loras=[lora],
    )
    metadata = output["metadata"]
    assert (metadata["mode"], metadata["positive_prompt"], metadata["seed"]) == ("txt2img", "a cat", 7)
    assert metadata["cfg_rescale"] == 0.2
    assert metadata["model"] == {"key": "k1", "hash": "blake3:ab", "name": "SD 1.5", "base": "sd-1"}
    assert metadata["loras"] == [{"key": "l1", "hash": None, "name": "Ink", "base": "sd-1", "weight": 0.6}]
    assert metadata["negative_prompt"] is None


def _items(graph: GraphBuilder, items: list[tuple[str, Any]]) -> GraphBuilder:
    graph.add("all", "collect")
    for index, (label, value) in enumerate(items):
        graph.add(f"i{index}", "metadata_item", label=label, value=value).edge(f"i{index}.item", "all.item")
    return graph.add("m", "metadata").edge("all.collection", "m.items")


def test_items_set_fields_or_extra_and_merge(engine: Engine) -> None:
    graph = _items(GraphBuilder(), [("seed", 3), ("upscaled_by", "me")])
    graph.add("core", "core_metadata", seed=9, steps=20)
    graph.add("both", "collect").edge("core.metadata", "both.item").edge("m.metadata", "both.item")
    graph.add("merged", "merge_metadata").edge("both.collection", "merged.collection")
    outputs = engine.outputs(graph)
    assert (outputs["m"]["metadata"]["seed"], outputs["m"]["metadata"]["extra"]) == (3, {"upscaled_by": "me"})
    merged = outputs["merged"]["metadata"]
    assert (merged["seed"], merged["steps"], merged["extra"]) == (3, 20, {"upscaled_by": "me"})


def test_an_item_that_does_not_fit_its_field_is_refused(engine: Engine) -> None:
    failure = engine.failure(_items(GraphBuilder(), [("seed", "not a number")]))
    assert "'items' set a metadata field to a value it cannot hold" in str(failure)


@pytest.mark.parametrize("label", ["", "x" * 201])
def test_labels_are_checked(engine: Engine, label: str) -> None:
    issues = engine.issues(GraphBuilder().add("i", "metadata_item", label=label, value=1))
    assert [(issue.node_id, issue.field) for issue in issues] == [("i", "label")]
