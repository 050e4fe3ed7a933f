"""Batch expansion: zipped within a group, crossed between groups, repeated for runs."""

from __future__ import annotations

import pytest

from impasto.graph import GraphValidationError, prepare
from impasto.queue.batch import check_batch_data, expand, item_count
from impasto.queue.models import Batch, BatchDatum

from ..graph.stubs import GraphBuilder, registry

GRAPH = GraphBuilder().add("a", "add", a=0, b=0).add("t", "text").build()


def values(batch: Batch) -> list[dict[str, object]]:
    return [{f"{v.node_id}.{v.field}": v.value for v in item} for item in expand(batch)]


def test_zipped_group() -> None:
    batch = Batch(
        graph=GRAPH,
        data=[
            [
                BatchDatum(node_id="a", field="a", items=[1, 2]),
                BatchDatum(node_id="t", field="text", items=["x", "y"]),
            ]
        ],
    )
    assert values(batch) == [{"a.a": 1, "t.text": "x"}, {"a.a": 2, "t.text": "y"}]


def test_groups_cross_and_runs_repeat() -> None:
    batch = Batch(
        graph=GRAPH,
        data=[
            [BatchDatum(node_id="a", field="a", items=[1, 2])],
            [BatchDatum(node_id="a", field="b", items=[10, 20, 30])],
        ],
        runs=2,
    )
    expanded = values(batch)
    assert item_count(batch) == len(expanded) == 12
    assert expanded[:3] == [{"a.a": 1, "a.b": 10}, {"a.a": 1, "a.b": 20}, {"a.a": 1, "a.b": 30}]
    assert expanded[6:] == expanded[:6]


def test_no_data_means_one_item_per_run() -> None:
    batch = Batch(graph=GRAPH, runs=3)
    assert values(batch) == [{}, {}, {}]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([[BatchDatum(node_id="zz", field="a", items=[1])]], "missing node 'zz'"),
        ([[BatchDatum(node_id="a", field="zz", items=[1])]], "has no input 'zz'"),
        ([[BatchDatum(node_id="a", field="a", items=[1, "x"])]], "batch value #1 'x'"),
        (
            [
                [
                    BatchDatum(node_id="a", field="a", items=[1, 2]),
                    BatchDatum(node_id="a", field="b", items=[1]),
                ]
            ],
            "different lengths",
        ),
        (
            [
                [BatchDatum(node_id="a", field="a", items=[1])],
                [BatchDatum(node_id="a", field="a", items=[2])],
            ],
            "set twice",
        ),
    ],
)
def test_invalid_batch_data(data: list[list[BatchDatum]], fragment: str) -> None:
    batch = Batch(graph=GRAPH, data=data)
    with pytest.raises(GraphValidationError) as info:
        check_batch_data(batch, prepare(GRAPH, registry))
    assert any(fragment in issue.message for issue in info.value.issues)


def test_data_for_a_connected_input_is_refused() -> None:
    graph = GraphBuilder().add("k", "const").add("a", "add").edge("k.value", "a.a").build()
    batch = Batch(graph=graph, data=[[BatchDatum(node_id="a", field="a", items=[1])]])
    with pytest.raises(GraphValidationError, match="connected"):
        check_batch_data(batch, prepare(graph, registry))
