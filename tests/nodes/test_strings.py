"""Text nodes, run through the engine."""

from __future__ import annotations

from typing import Any

import pytest

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


def test_string_join(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("subject", "string", value="a cat")
        .add("join", "string_join", string_right=", oil painting")
        .edge("subject.value", "join.string_left")
    )
    assert engine.outputs(graph)["join"] == {"value": "a cat, oil painting"}


def test_string_join_three(engine: Engine) -> None:
    output = engine.output("string_join_three", string_left="a", string_middle="b", string_right="c")
    assert output == {"value": "abc"}


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"string": "a,b,,c"}, ["a", "b", "", "c"]),
        ({"string": "cat | dog", "delimiter": "|"}, ["cat ", " dog"]),
        ({"string": "cat | dog", "delimiter": "|", "strip": True}, ["cat", "dog"]),
        ({"string": "", "delimiter": ";"}, [""]),
    ],
)
def test_string_split(engine: Engine, inputs: dict[str, Any], expected: list[str]) -> None:
    assert engine.output("string_split", **inputs) == {"collection": expected}


def test_string_split_refuses_an_empty_delimiter(engine: Engine) -> None:
    issues = engine.issues(GraphBuilder().add("s", "string_split", string="abc", delimiter=""))
    assert [(issue.code, issue.field) for issue in issues] == [("invalid_value", "delimiter")]


def test_split_strings_feed_iterate(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("split", "string_split", string="cat;dog", delimiter=";")
        .add("each", "iterate")
        .add("case", "string_case", case="upper")
        .edge("split.collection", "each.collection")
        .edge("each.item", "case.string")
    )
    assert engine.outputs(graph)["case"] == [{"value": "CAT"}, {"value": "DOG"}]


@pytest.mark.parametrize(
    ("string", "expected"),
    [
        ("a cat, oil, canvas", {"before": "a cat", "after": " oil, canvas", "found": True}),
        ("a cat", {"before": "a cat", "after": "", "found": False}),
        (",", {"before": "", "after": "", "found": True}),
    ],
)
def test_string_split_first(engine: Engine, string: str, expected: dict[str, Any]) -> None:
    assert engine.output("string_split_first", string=string, delimiter=",") == expected


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"search_string": "cat", "replace_string": "dog"}, "a dog and a dog."),
        ({"search_string": ".", "replace_string": "!"}, "a cat and a cat!"),
        ({"search_string": ".", "replace_string": "!", "use_regex": True}, "!" * 16),
        (
            {"search_string": r"a (\w+)", "replace_string": r"the \1", "use_regex": True},
            "the cat and the cat.",
        ),
        (
            {"search_string": r"(?P<x>cat)", "replace_string": r"<\g<x>>", "use_regex": True},
            "a <cat> and a <cat>.",
        ),
    ],
)
def test_string_replace(engine: Engine, inputs: dict[str, Any], expected: str) -> None:
    assert engine.output("string_replace", string="a cat and a cat.", **inputs) == {"value": expected}


def test_string_replace_with_a_bad_regex_fails(engine: Engine) -> None:
    graph = GraphBuilder().add("r", "string_replace", string="x", search_string="(cat", use_regex=True)
    error = engine.failure(graph)
    assert error.error_type == "ValueError"
    assert "invalid regular expression '(cat'" in error.error_message
    assert "missing )" in error.error_message


def test_string_replace_with_a_bad_group_reference_fails(engine: Engine) -> None:
    graph = GraphBuilder().add(
        "r", "string_replace", string="cat", search_string="(cat)", replace_string=r"\2", use_regex=True
    )
    error = engine.failure(graph)
    assert "invalid replacement '\\\\2'" in error.error_message


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("upper", "A CAT IN PARIS"),
        ("lower", "a cat in paris"),
        ("title", "A Cat In Paris"),
        ("capitalize", "A cat in paris"),
    ],
)
def test_string_case(engine: Engine, case: str, expected: str) -> None:
    assert engine.output("string_case", string="a cAT in Paris", case=case) == {"value": expected}


def test_string_template_fills_named_placeholders(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("count", "integer", value=7)
        .add("weight", "float", value=1.25)
        .add("t", "string_template", template="{a} x{b:03d} ({c:.1f}) {{literal}} {a}", a="cat")
        .edge("count.value", "t.b")
        .edge("weight.value", "t.c")
    )
    assert engine.outputs(graph)["t"] == {"value": "cat x007 (1.2) {literal} cat"}


def test_string_template_with_unused_inputs(engine: Engine) -> None:
    assert engine.output("string_template", template="plain", a="x") == {"value": "plain"}


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{a.__class__}", "uses attribute or index access"),
        ("{a[0]}", "uses attribute or index access"),
        ("{0}", "positional placeholder {0}"),
        ("{}", "positional placeholder {}"),
        ("{e}", "unknown placeholder {e}"),
        ("{a:{b}}", "nests another placeholder"),
        ("{a:>99999999}", "asks for too many characters"),
        ("{a", "the template is malformed"),
        ("}", "the template is malformed"),
        ("{a:d}", "cannot fill the template"),
        ("{a!x}", "cannot fill the template"),
    ],
)
def test_string_template_refuses_unsafe_or_broken_templates(
    engine: Engine, template: str, message: str
) -> None:
    error = engine.failure(GraphBuilder().add("t", "string_template", template=template, a="cat"))
    assert error.error_type == "ValueError"
    assert message in error.error_message


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (3, None, "3"),
        (0.5, None, "0.5"),
        (0.5, 2, "0.50"),
        (2.5, 0, "3"),
        (2.675, 2, "2.68"),
        (-1, 1, "-1.0"),
        (12, 0, "12"),
        (1e20, 1, "100000000000000000000.0"),
        (float("inf"), 2, "inf"),
    ],
)
def test_number_to_string(engine: Engine, value: float, decimals: int | None, expected: str) -> None:
    assert engine.output("number_to_string", value=value, decimals=decimals) == {"value": expected}


def test_number_to_string_keeps_connected_integers_whole(engine: Engine) -> None:
    graph = (
        GraphBuilder().add("i", "integer", value=12).add("s", "number_to_string").edge("i.value", "s.value")
    )
    assert engine.outputs(graph)["s"] == {"value": "12"}


def test_number_to_string_bounds_decimals(engine: Engine) -> None:
    issues = engine.issues(GraphBuilder().add("s", "number_to_string", value=1, decimals=-1))
    assert [(issue.code, issue.field) for issue in issues] == [("invalid_value", "decimals")]
