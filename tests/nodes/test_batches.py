"""Batch nodes only run through the queue; their items are what the queue expands."""

from __future__ import annotations

from typing import Any

import pytest

from impasto.graph import default_registry
from impasto.graph.batching import BatchNode
from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


def test_running_a_batch_node_directly_says_to_enqueue(engine: Engine) -> None:
    failure = engine.failure(GraphBuilder().add("b", "string_batch", strings=["a"]))
    assert "batch node 'b' only runs through the queue" in str(failure)


@pytest.mark.parametrize(
    ("type_id", "inputs", "items", "primitive"),
    [
        ("float_batch", {"floats": [0.5, 2]}, [0.5, 2.0], ("float", "value")),
        ("integer_batch", {"integers": [3]}, [3], ("integer", "value")),
        ("string_batch", {"strings": ["x", ""]}, ["x", ""], ("string", "value")),
        ("integer_range_batch", {"start": 5, "step": -2, "count": 3}, [5, 3, 1], ("integer", "value")),
        ("float_range_batch", {"start": 0, "end": 1, "count": 1}, [0.0], ("float", "value")),
        ("string_lines_batch", {"text": " a \n\n b", "strip": False}, [" a ", " b"], ("string", "value")),
    ],
)
def test_items_and_the_primitive_that_stands_in(
    type_id: str, inputs: dict[str, Any], items: list[Any], primitive: tuple[str, str]
) -> None:
    spec = default_registry.get(type_id)
    assert spec is not None
    node = spec.node_class.model_validate({"id": "n", **inputs})
    assert isinstance(node, BatchNode)
    assert node.batch_items(None) == items
    assert node.primitive == primitive
    assert primitive[0] in default_registry


def test_the_float_range_refuses_infinite_ends() -> None:
    spec = default_registry.get("float_range_batch")
    assert spec is not None
    node = spec.node_class.model_validate({"id": "n", "end": float("inf")})
    assert isinstance(node, BatchNode)
    with pytest.raises(ValueError, match="'end' must be a finite number"):
        node.batch_items(None)
