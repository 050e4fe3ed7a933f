"""Graph validation: every kind of problem is reported as data, all at once."""

from __future__ import annotations

import pytest

from impasto.graph import Graph, GraphValidationError, prepare, validate

from .stubs import GraphBuilder, registry


def codes(graph: Graph) -> set[tuple[str, str | None, str | None]]:
    return {(issue.code, issue.node_id, issue.field) for issue in validate(graph, registry)}


def test_valid_graph_has_no_issues() -> None:
    graph = GraphBuilder().add("a", "const", value=1).add("b", "add").edge("a.value", "b.a").build()
    assert validate(graph, registry) == []


def test_unknown_node_type() -> None:
    assert codes(GraphBuilder().add("x", "nope").build()) == {("unknown_node_type", "x", None)}


def test_node_id_must_match_key() -> None:
    graph = Graph(nodes={"a": {"id": "b", "type": "const"}})
    assert codes(graph) == {("invalid_node", "a", None)}


def test_missing_required_input() -> None:
    assert codes(GraphBuilder().add("b", "add").build()) == {("missing_input", "b", "a")}


def test_unknown_constant_field() -> None:
    graph = GraphBuilder().add("a", "const", value=1, colour=2).build()
    assert codes(graph) == {("unknown_field", "a", "colour")}


def test_invalid_constant_value_names_field_and_value() -> None:
    issues = validate(GraphBuilder().add("s", "span", n=-1).build(), registry)
    assert [(i.code, i.field) for i in issues] == [("invalid_value", "n")]
    assert "-1" in issues[0].message


def test_edge_to_unknown_fields_and_nodes() -> None:
    graph = (
        GraphBuilder()
        .add("a", "const")
        .add("b", "add", a=1)
        .edge("a.nothing", "b.b")
        .edge("a.value", "b.nothing")
        .edge("ghost.value", "b.b")
        .build()
    )
    assert codes(graph) == {
        ("unknown_field", "a", "nothing"),
        ("unknown_field", "b", "nothing"),
        ("unknown_node", "ghost", None),
    }


def test_type_mismatch_on_edge() -> None:
    graph = GraphBuilder().add("t", "text").add("b", "add").edge("t.text", "b.a").build()
    assert codes(graph) == {("type_mismatch", "b", "a")}


def test_int_may_feed_float_but_not_the_reverse() -> None:
    graph = GraphBuilder().add("a", "const").add("s", "sleep").edge("a.value", "s.seconds").build()
    assert validate(graph, registry) == []


def test_two_edges_into_one_input() -> None:
    graph = (
        GraphBuilder()
        .add("a", "const")
        .add("c", "const")
        .add("b", "add")
        .edge("a.value", "b.a")
        .edge("c.value", "b.a")
        .build()
    )
    assert codes(graph) == {("duplicate_input", "b", "a")}


def test_cycle_is_reported_for_each_node_in_it() -> None:
    graph = (
        GraphBuilder()
        .add("a", "add")
        .add("b", "add")
        .add("c", "const")
        .edge("a.value", "b.a")
        .edge("b.value", "a.a")
        .build()
    )
    assert codes(graph) == {("cycle", "a", None), ("cycle", "b", None)}


def test_connection_only_input_refuses_typed_value() -> None:
    graph = GraphBuilder().add("s", "sum", values=[1, 2]).build()
    assert ("not_direct", "s", "values") in codes(graph)


def test_iterate_needs_a_list() -> None:
    graph = GraphBuilder().add("a", "const").add("it", "iterate").edge("a.value", "it.collection").build()
    assert codes(graph) == {("bad_iterate", "it", "collection")}


def test_iterate_without_collection() -> None:
    assert codes(GraphBuilder().add("it", "iterate").build()) == {("missing_input", "it", "collection")}


def test_collect_without_input() -> None:
    assert codes(GraphBuilder().add("c", "collect").build()) == {("bad_collect", "c", "item")}


def test_collect_of_mixed_types() -> None:
    graph = (
        GraphBuilder()
        .add("a", "const")
        .add("t", "text")
        .add("c", "collect")
        .edge("a.value", "c.item")
        .edge("t.text", "c.item")
        .build()
    )
    assert codes(graph) == {("bad_collect", "c", "item")}


def test_iterate_item_type_is_inferred_from_the_list() -> None:
    good = (
        GraphBuilder()
        .add("s", "span")
        .add("it", "iterate")
        .add("b", "add")
        .edge("s.values", "it.collection")
        .edge("it.item", "b.a")
        .build()
    )
    assert validate(good, registry) == []
    bad = (
        GraphBuilder()
        .add("s", "span")
        .add("it", "iterate")
        .add("t", "text")
        .edge("s.values", "it.collection")
        .edge("it.item", "t.text")
        .build()
    )
    assert codes(bad) == {("type_mismatch", "t", "text")}


def test_collect_output_is_a_typed_list() -> None:
    graph = (
        GraphBuilder()
        .add("a", "const")
        .add("c", "collect")
        .add("s", "sum")
        .add("t", "text")
        .edge("a.value", "c.item")
        .edge("c.collection", "s.values")
        .edge("c.collection", "t.text")
        .build()
    )
    assert codes(graph) == {("type_mismatch", "t", "text")}


def test_prepare_raises_with_every_issue() -> None:
    graph = GraphBuilder().add("x", "nope").add("b", "add").build()
    with pytest.raises(GraphValidationError) as info:
        prepare(graph, registry)
    assert {i["code"] for i in info.value.details} == {"unknown_node_type", "missing_input"}
    assert info.value.status_code == 422
