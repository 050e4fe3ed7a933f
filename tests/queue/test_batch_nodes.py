"""Batch nodes become batch data at enqueue: zipped within a group, crossed between groups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from impasto.events import EventBus
from impasto.graph import Graph, GraphValidationError, default_registry
from impasto.nodes import load_builtin_nodes
from impasto.queue.batch import expand, item_count
from impasto.queue.batch_nodes import expand_batch_nodes
from impasto.queue.models import Batch
from impasto.queue.sql import SqlQueue
from impasto.storage import Database, apply_migrations

load_builtin_nodes()

NAME_A = "0" * 32 + ".png"
NAME_B = "1" * 32 + ".png"


def _graph(batch_nodes: dict[str, dict[str, Any]], wiring: list[tuple[str, str, str, str]]) -> Graph:
    used = {name for a, _, b, _ in wiring for name in (a, b)}
    nodes: dict[str, dict[str, Any]] = {
        node_id: {"id": node_id, "type": type_id}
        for node_id, type_id in (("join", "string_join"), ("sum", "add"), ("info", "image_info"))
        if node_id in used
    }
    nodes.update({node_id: {"id": node_id, **data} for node_id, data in batch_nodes.items()})
    edges = [
        {"source": {"node_id": a, "field": out}, "destination": {"node_id": b, "field": into}}
        for a, out, b, into in wiring
    ]
    return Graph.model_validate({"nodes": nodes, "edges": edges})


def _values(batch: Batch) -> list[dict[tuple[str, str], Any]]:
    return [{(v.node_id, v.field): v.value for v in values} for values in expand(batch)]


def test_a_string_batch_feeds_every_connected_input() -> None:
    graph = _graph(
        {"s": {"type": "string_batch", "strings": ["x", "y", "z"]}},
        [("s", "value", "join", "string_left"), ("s", "value", "join", "string_right")],
    )
    expanded = expand_batch_nodes(Batch(graph=graph), default_registry, None)
    assert expanded.graph.nodes["s"] == {"id": "s", "type": "string", "value": "x"}
    assert expanded.graph.edges == graph.edges
    assert [v[("s", "value")] for v in _values(expanded)] == ["x", "y", "z"]


def test_same_group_zips_and_groups_cross() -> None:
    graph = _graph(
        {
            "a": {"type": "integer_batch", "integers": [1, 2], "batch_group_id": "Group 1"},
            "b": {
                "type": "integer_range_batch",
                "start": 10,
                "step": 10,
                "count": 2,
                "batch_group_id": "Group 1",
            },
            "s": {"type": "string_lines_batch", "text": "one\n\n  two \nthree"},
        },
        [("a", "value", "sum", "a"), ("b", "value", "sum", "b"), ("s", "value", "join", "string_left")],
    )
    expanded = expand_batch_nodes(Batch(graph=graph, runs=2), default_registry, None)
    assert item_count(expanded) == 2 * 2 * 3
    first_run = _values(expanded)[:6]
    assert [(v[("a", "value")], v[("b", "value")]) for v in first_run] == [(1, 10)] * 3 + [(2, 20)] * 3
    assert [v[("s", "value")] for v in first_run] == ["one", "two", "three"] * 2


def test_two_ungrouped_nodes_are_crossed() -> None:
    graph = _graph(
        {"a": {"type": "integer_batch", "integers": [1, 2]}, "b": {"type": "integer_batch", "integers": [5]}},
        [("a", "value", "sum", "a"), ("b", "value", "sum", "b")],
    )
    expanded = expand_batch_nodes(Batch(graph=graph), default_registry, None)
    assert [(v[("a", "value")], v[("b", "value")]) for v in _values(expanded)] == [(1, 5), (2, 5)]


def test_float_range_includes_both_ends() -> None:
    graph = _graph(
        {"f": {"type": "float_range_batch", "start": 1.0, "end": 2.0, "count": 3}},
        [("f", "value", "sum", "a")],
    )
    expanded = expand_batch_nodes(Batch(graph=graph), default_registry, None)
    assert expanded.data[0][0].items == [1.0, 1.5, 2.0]


def test_image_batch_over_images_or_a_board() -> None:
    listed = _graph(
        {"i": {"type": "image_batch", "images": [{"image_name": NAME_A}, {"image_name": NAME_B}]}},
        [("i", "image", "info", "image")],
    )
    expanded = expand_batch_nodes(Batch(graph=listed), default_registry, None)
    assert expanded.data[0][0].items == [{"image_name": NAME_A}, {"image_name": NAME_B}]
    board = _graph({"i": {"type": "image_batch", "board_id": "b1"}}, [("i", "image", "info", "image")])
    boards = {"b1": [NAME_B]}
    expanded = expand_batch_nodes(Batch(graph=board), default_registry, lambda b: boards.get(b, []))
    assert expanded.data[0][0].items == [{"image_name": NAME_B}]


def _issues(graph: Graph, board_images: Any = None) -> list[tuple[str | None, str | None, str]]:
    with pytest.raises(GraphValidationError) as info:
        expand_batch_nodes(Batch(graph=graph), default_registry, board_images)
    assert {issue.code for issue in info.value.issues} == {"invalid_batch"}
    return [(issue.node_id, issue.field, issue.message) for issue in info.value.issues]


def test_unequal_lengths_in_a_group_are_refused_naming_the_nodes() -> None:
    graph = _graph(
        {
            "a": {"type": "integer_batch", "integers": [1, 2], "batch_group_id": "Group 2"},
            "b": {"type": "integer_batch", "integers": [1, 2, 3], "batch_group_id": "Group 2"},
        },
        [("a", "value", "sum", "a"), ("b", "value", "sum", "b")],
    )
    ((_, _, message),) = _issues(graph)
    assert "Group 2" in message
    assert "'a' has 2" in message
    assert "'b' has 3" in message


def test_empty_items_are_refused() -> None:
    graph = _graph(
        {"s": {"type": "string_batch", "strings": []}, "i": {"type": "image_batch", "board_id": "empty"}},
        [("s", "value", "join", "string_left"), ("i", "image", "info", "image")],
    )
    issues = _issues(graph, lambda board: [])
    assert {(node_id, field) for node_id, field, _ in issues} == {("s", "strings"), ("i", "board_id")}
    assert all("no items" in message for _, _, message in issues)


def test_bad_wiring_and_values_name_the_field() -> None:
    fed = _graph({"n": {"type": "integer_range_batch"}}, [("sum", "value", "n", "count")])
    assert _issues(fed) == [("n", "count", "a batch node takes typed-in values, not connections")]
    bad_value = _graph({"a": {"type": "integer_batch", "integers": ["x"]}}, [("a", "value", "sum", "a")])
    ((node_id, field, _),) = _issues(bad_value)
    assert (node_id, field) == ("a", "integers")
    escape = _graph({"i": {"type": "image_batch", "images": [{"image_name": "../x.png"}]}}, [])
    assert _issues(escape)[0][:2] == ("i", "images")
    both = _graph(
        {"i": {"type": "image_batch", "images": [{"image_name": NAME_A}], "board_id": "b"}},
        [("i", "image", "info", "image")],
    )
    assert _issues(both, lambda board: [NAME_A])[0][1:] == (
        "board_id",
        "give either 'images' or 'board_id', not both",
    )


def test_the_queue_stores_one_item_per_value(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'queue.db'}")
    apply_migrations(db)
    queue = SqlQueue(db, default_registry, EventBus(), max_size=20)
    graph = _graph(
        {"s": {"type": "string_batch", "strings": ["a", "b"]}}, [("s", "value", "join", "string_left")]
    )
    result = queue.enqueue(Batch(graph=graph))
    items = [queue.get(item_id) for item_id in result.item_ids]
    assert [item.executed_graph().nodes["s"]["value"] for item in items] == ["a", "b"]
    assert items[0].graph.nodes["s"]["type"] == "string"
    db.dispose()
