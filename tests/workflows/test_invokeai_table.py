"""The InvokeAI mapping table against the registered nodes: every name it gives exists, both ways."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest

from impasto.graph.node import NodeRegistry, default_registry
from impasto.nodes import load_builtin_nodes
from impasto.workflows.invokeai import RecordCatalog, read_invokeai_graph
from impasto.workflows.invokeai.table import NODES, invokeai_type, node_map


@pytest.fixture(scope="module")
def registry() -> NodeRegistry:
    load_builtin_nodes()
    return default_registry.copy()


def choices(annotation: Any) -> set[Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    return {value for part in typing.get_args(annotation) for value in choices(part)}


@pytest.mark.parametrize("theirs", sorted(NODES))
def test_each_entry_names_what_impasto_has(registry: NodeRegistry, theirs: str) -> None:
    mapping = NODES[theirs]
    spec = registry.get(mapping.impasto)
    assert spec is not None, f"{theirs}: no Impasto node '{mapping.impasto}'"
    assert set(mapping.inputs.values()) <= set(spec.inputs)
    assert set(mapping.outputs.values()) <= set(spec.outputs)
    assert not set(mapping.settled) & set(spec.inputs), "a settled input Impasto has would be dropped"
    for name, spelled in mapping.values.items():
        field = spec.inputs[mapping.impasto_input(name)]
        empty = {None} if field.default is None else set()
        assert set(spelled.values()) <= choices(field.annotation) | empty
    assert not set(mapping.only_with) & set(spec.inputs), "an input Impasto has is never dropped"
    assert {mapping.impasto_input(switch) for switch in mapping.only_with.values()} <= set(spec.inputs)
    assert {mapping.impasto_input(name) for name in mapping.file_names} <= set(spec.inputs)
    for name, value in mapping.fixed.items():
        assert value in choices(spec.inputs[name].annotation), f"{theirs}: {name}={value!r}"
    if not mapping.legacy:
        assert invokeai_type(mapping.impasto) == theirs
    for name in spec.inputs:
        assert mapping.impasto_input(mapping.invokeai_input(name)) == name


def test_types_invokeai_uses_for_another_node_are_not_exported_as_theirs() -> None:
    assert invokeai_type("string_split") is None  # InvokeAI's string_split is Impasto's string_split_first
    assert node_map("impasto_string_split").impasto == "string_split"
    assert invokeai_type("canny_edge_detection") == "canny_edge_detection"  # not the legacy processor


def test_a_legacy_processor_maps_onto_the_current_node(registry: NodeRegistry) -> None:
    graph = {
        "nodes": {
            "mlsd": {
                "id": "mlsd",
                "type": "mlsd_image_processor",
                "thr_v": 0.2,
                "thr_d": 0.3,
                "is_intermediate": True,
            },
            "shuffle": {"id": "shuffle", "type": "content_shuffle_image_processor", "f": 128, "h": 512},
        },
        "edges": [],
    }
    mapped, report = read_invokeai_graph(graph, registry, RecordCatalog(list))
    assert mapped.nodes["mlsd"] == {
        "id": "mlsd",
        "type": "mlsd_detection",
        "score_threshold": 0.2,
        "distance_threshold": 0.3,
    }
    assert mapped.nodes["shuffle"]["scale_factor"] == 128
    assert [(p.node_id, p.field) for p in report.problems] == [("shuffle", "h")]
    assert mapped.nodes["shuffle-gallery"]["type"] == "save_image"  # InvokeAI keeps it: not intermediate


def test_the_readme_table_names_every_entry() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("### InvokeAI workflows and graphs", 1)[1].split("\n## ", 1)[0]
    missing = [theirs for theirs in NODES if f"`{theirs}`" not in section]
    assert missing == [], "README's InvokeAI mapping table lacks these"
