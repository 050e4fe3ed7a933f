"""The primitive nodes pass their values through the engine unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source


@pytest.mark.parametrize(
    ("type_id", "value"),
    [("integer", -7), ("float", 2.5), ("string", "a cat\non a mat"), ("boolean", True)],
)
def test_scalar_primitive_outputs_its_value(engine: Engine, type_id: str, value: Any) -> None:
    assert engine.output(type_id, value=value) == {"value": value}


def test_scalar_primitives_have_defaults(engine: Engine) -> None:
    outputs = engine.outputs(
        GraphBuilder().add("i", "integer").add("f", "float").add("s", "string").add("b", "boolean")
    )
    assert [outputs[n]["value"] for n in "ifsb"] == [0, 0.0, "", False]


def test_integer_feeds_float(engine: Engine) -> None:
    graph = GraphBuilder().add("i", "integer", value=3).add("f", "float").edge("i.value", "f.value")
    assert engine.outputs(graph)["f"] == {"value": 3.0}


def test_string_is_a_textarea(engine: Engine) -> None:
    from impasto.graph import default_registry

    spec = default_registry.get("string")
    assert spec is not None
    assert spec.inputs["value"].ui["component"] == "textarea"


@pytest.mark.parametrize(
    ("color", "expected"),
    [
        ({"r": 1, "g": 2, "b": 3}, {"r": 1, "g": 2, "b": 3, "a": 255}),
        ({"r": 1, "g": 2, "b": 3, "a": 0}, {"r": 1, "g": 2, "b": 3, "a": 0}),
        ("#ff8000", {"r": 255, "g": 128, "b": 0, "a": 255}),
        ("#FF800040", {"r": 255, "g": 128, "b": 0, "a": 64}),
    ],
)
def test_color(engine: Engine, color: Any, expected: dict[str, int]) -> None:
    assert engine.output("color", color=color) == {"color": expected}


@pytest.mark.parametrize(
    ("color", "code"),
    [
        ("red", "invalid_value"),
        ("#12345", "invalid_value"),
        ({"r": 256, "g": 0, "b": 0}, "invalid_value"),
        ({"r": 0, "g": 0}, "invalid_value"),  # a missing channel is a bad value, not a missing input
    ],
)
def test_bad_color_is_a_validation_issue(engine: Engine, color: Any, code: str) -> None:
    issues = engine.issues(GraphBuilder().add("c", "color", color=color))
    assert [(issue.code, issue.field) for issue in issues] == [(code, "color")]


def test_image_passes_the_reference_and_reports_its_size(engine: Engine) -> None:
    name = engine.save(Image.new("RGB", (3, 2)))
    output = engine.outputs(image_source(GraphBuilder(), "img", name))["img"]
    assert output == {"image": {"image_name": name}, "width": 3, "height": 2}


def test_image_that_does_not_exist_fails(engine: Engine) -> None:
    missing = "0" * 32 + ".png"
    error = engine.failure(image_source(GraphBuilder(), "img", missing))
    assert error.node_id == "img"
    assert error.error_type == "NotFoundError"
    assert f"image '{missing}' does not exist" in error.error_message


@pytest.mark.parametrize(
    ("type_id", "collection", "expected"),
    [
        ("integer_collection", [3, 1, 2], [3, 1, 2]),
        ("float_collection", [0.5, 1], [0.5, 1.0]),
        ("string_collection", ["a cat", "a dog"], ["a cat", "a dog"]),
        ("string_collection", [], []),
    ],
)
def test_collection_primitive(
    engine: Engine, type_id: str, collection: list[Any], expected: list[Any]
) -> None:
    assert engine.output(type_id, collection=collection) == {"collection": expected}


def test_collection_primitive_takes_a_connection(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("ints", "integer_collection", collection=[1, 2])
        .add("floats", "float_collection")
        .edge("ints.collection", "floats.collection")
    )
    assert engine.outputs(graph)["floats"] == {"collection": [1.0, 2.0]}
