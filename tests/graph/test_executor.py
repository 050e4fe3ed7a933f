"""Execution: order, iterate/collect, structural caching, failures and cancellation."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from impasto.config import load_config
from impasto.graph import (
    CanceledError,
    CancelToken,
    ExecutionServices,
    Executor,
    NodeCache,
    NodeError,
    NodeRun,
)
from impasto.graph.executor import Binding
from impasto.images.files import ImageFileStore

from . import stubs
from .stubs import GraphBuilder, registry


@pytest.fixture
def run_services(tmp_path: Path) -> ExecutionServices:
    return ExecutionServices(
        config=load_config(tmp_path, environ={}), images=ImageFileStore(tmp_path / "images")
    )


@pytest.fixture(autouse=True)
def _reset_counts() -> None:
    stubs.calls.clear()


def fan_out_graph(constant: int = 10, n: int = 3) -> GraphBuilder:
    """span(n) → iterate → add(item, constant) → collect → sum."""
    return (
        GraphBuilder()
        .add("s", "span", n=n)
        .add("it", "iterate")
        .add("k", "const", value=constant)
        .add("a", "add")
        .add("c", "collect")
        .add("total", "sum")
        .edge("s.values", "it.collection")
        .edge("it.item", "a.a")
        .edge("k.value", "a.b")
        .edge("a.value", "c.item")
        .edge("c.collection", "total.values")
    )


def test_runs_in_topological_order(run_services: ExecutionServices) -> None:
    graph = (
        GraphBuilder()
        .add("c", "add", b=1)
        .add("b", "add", b=1)
        .add("a", "const", value=1)
        .edge("b.value", "c.a")
        .edge("a.value", "b.a")
        .build()
    )
    result = Executor(registry).run(graph, run_services)
    assert [run.node_id for run in result.runs] == ["a", "b", "c"]
    assert result.outputs()["c"] == {"value": 3}


def test_iterate_and_collect(run_services: ExecutionServices) -> None:
    result = Executor(registry).run(fan_out_graph().build(), run_services)
    outputs = result.outputs()
    assert outputs["a"] == [{"value": 10}, {"value": 11}, {"value": 12}]
    assert outputs["c"] == {"collection": [10, 11, 12]}
    assert outputs["total"] == {"value": 33}
    assert stubs.calls["add"] == 3


def test_iterate_over_empty_list_collects_nothing(run_services: ExecutionServices) -> None:
    result = Executor(registry).run(fan_out_graph(n=0).build(), run_services)
    assert result.outputs()["total"] == {"value": 0}
    assert "add" not in stubs.calls


def test_nested_iterations_collect_innermost_first(run_services: ExecutionServices) -> None:
    # outer over [0, 1]; inner over span(outer item + 1); inner sums collected per outer item.
    graph = (
        GraphBuilder()
        .add("outer_list", "span", n=2)
        .add("outer", "iterate")
        .add("n", "add", b=1)
        .add("inner_list", "span")
        .add("inner", "iterate")
        .add("plus", "add", b=100)
        .add("inner_collect", "collect")
        .add("inner_sum", "sum")
        .add("outer_collect", "collect")
        .edge("outer_list.values", "outer.collection")
        .edge("outer.item", "n.a")
        .edge("n.value", "inner_list.n")
        .edge("inner_list.values", "inner.collection")
        .edge("inner.item", "plus.a")
        .edge("plus.value", "inner_collect.item")
        .edge("inner_collect.collection", "inner_sum.values")
        .edge("inner_sum.value", "outer_collect.item")
        .build()
    )
    outputs = Executor(registry).run(graph, run_services).outputs()
    # outer 0 → inner [0] → [100]; outer 1 → inner [0, 1] → [100, 101]
    assert outputs["inner_collect"] == [{"collection": [100]}, {"collection": [100, 101]}]
    assert outputs["outer_collect"] == {"collection": [100, 201]}


def test_two_independent_iterations_cross(run_services: ExecutionServices) -> None:
    graph = (
        GraphBuilder()
        .add("x", "span", n=2)
        .add("y", "span", n=3)
        .add("ix", "iterate")
        .add("iy", "iterate")
        .add("a", "add")
        .edge("x.values", "ix.collection")
        .edge("y.values", "iy.collection")
        .edge("ix.item", "a.a")
        .edge("iy.item", "a.b")
        .build()
    )
    outputs = Executor(registry).run(graph, run_services).outputs()
    assert [o["value"] for o in outputs["a"]] == [0, 1, 2, 1, 2, 3]


def test_collect_of_several_edges_without_iteration(run_services: ExecutionServices) -> None:
    graph = (
        GraphBuilder()
        .add("a", "const", value=1)
        .add("b", "const", value=2)
        .add("c", "collect")
        .edge("a.value", "c.item")
        .edge("b.value", "c.item")
        .build()
    )
    assert Executor(registry).run(graph, run_services).outputs()["c"] == {"collection": [1, 2]}


def test_iterate_over_a_typed_in_list(run_services: ExecutionServices) -> None:
    graph = (
        GraphBuilder()
        .add("it", "iterate", collection=[5, 6])
        .add("a", "add", b=1)
        .edge("it.item", "a.a")
        .build()
    )
    assert Executor(registry).run(graph, run_services).outputs()["a"] == [{"value": 6}, {"value": 7}]


def test_changing_one_constant_reruns_only_what_depends_on_it(run_services: ExecutionServices) -> None:
    executor = Executor(registry, NodeCache(100))
    first = executor.run(fan_out_graph(constant=10).build(), run_services)
    assert set(first.executed_nodes) == {"s", "k", "a", "c", "total"}
    second = executor.run(fan_out_graph(constant=20).build(), run_services)
    assert set(second.executed_nodes) == {"k", "a", "c", "total"}
    assert second.cached_nodes == ["s"]
    assert second.outputs()["total"] == {"value": 63}
    third = executor.run(fan_out_graph(constant=20).build(), run_services)
    assert third.executed_nodes == []


def test_cache_ignores_node_ids(run_services: ExecutionServices) -> None:
    executor = Executor(registry, NodeCache(100))
    executor.run(GraphBuilder().add("one", "const", value=4).build(), run_services)
    again = executor.run(GraphBuilder().add("two", "const", value=4).build(), run_services)
    assert again.cached_nodes == ["two"]


def test_uncacheable_nodes_and_their_dependents_always_run(run_services: ExecutionServices) -> None:
    executor = Executor(registry, NodeCache(100))
    graph = GraphBuilder().add("r", "rand").add("a", "add", b=0).edge("r.value", "a.a").build()
    executor.run(graph, run_services)
    second = executor.run(graph, run_services)
    assert second.executed_nodes == ["r", "a"]
    assert stubs.calls["rand"] == 2


def test_use_cache_false_opts_a_node_out(run_services: ExecutionServices) -> None:
    executor = Executor(registry, NodeCache(100))
    graph = GraphBuilder().add("k", "const", value=1, use_cache=False).build()
    executor.run(graph, run_services)
    assert executor.run(graph, run_services).executed_nodes == ["k"]


def test_cache_is_bounded() -> None:
    cache = NodeCache(2)
    outputs = [stubs.IntOut(value=i) for i in range(3)]
    for index, output in enumerate(outputs):
        cache.put(str(index), output)
    assert cache.get("0") is None
    assert cache.get("2") == outputs[2]
    assert cache.stats().entries == 2


def test_failure_names_node_type_and_message(run_services: ExecutionServices) -> None:
    graph = GraphBuilder().add("f", "fail").build()
    with pytest.raises(NodeError) as info:
        Executor(registry).run(graph, run_services)
    assert info.value.node_id == "f"
    assert info.value.error_type == "ValueError"
    assert "boom" in info.value.message
    assert "Traceback" in info.value.trace


def test_invalid_value_from_an_edge_fails_the_node(run_services: ExecutionServices) -> None:
    graph = GraphBuilder().add("k", "const", value=-2).add("s", "span").edge("k.value", "s.n").build()
    with pytest.raises(NodeError) as info:
        Executor(registry).run(graph, run_services)
    assert info.value.error_type == "InvalidInput"
    assert "'n'" in info.value.message


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def node_started(self, node_id: str, node_type: str, binding: Binding) -> None:
        self.events.append(("started", node_id))

    def node_completed(self, run: NodeRun) -> None:
        self.events.append(("cached" if run.cached else "completed", run.node_id))

    def node_failed(self, error: NodeError) -> None:
        self.events.append(("failed", error.node_id))


def test_listener_sees_lifecycle(run_services: ExecutionServices) -> None:
    recorder = Recorder()
    executor = Executor(registry, NodeCache(10))
    graph = GraphBuilder().add("k", "const").add("f", "fail").edge("k.value", "f.value").build()
    with pytest.raises(NodeError):
        executor.run(graph, run_services, recorder)
    assert recorder.events == [("started", "k"), ("completed", "k"), ("started", "f"), ("failed", "f")]


def test_cancellation_stops_inside_a_node(tmp_path: Path) -> None:
    token = CancelToken()
    services = ExecutionServices(
        config=load_config(tmp_path, environ={}), images=ImageFileStore(tmp_path / "i"), cancel=token
    )
    graph = GraphBuilder().add("s", "sleep", seconds=5).add("a", "add").edge("s.value", "a.a").build()
    timer = threading.Timer(0.2, token.cancel)
    timer.start()
    with pytest.raises(CanceledError):
        Executor(registry).run(graph, services)
    assert "add" not in stubs.calls


def test_cancel_token_polls_an_outside_source() -> None:
    flag = {"canceled": False}
    token = CancelToken(poll=lambda: flag["canceled"], poll_interval=0)
    assert not token.is_canceled()
    flag["canceled"] = True
    assert token.is_canceled()
