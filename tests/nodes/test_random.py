"""Random numbers, integer ranges, their caching, and ranges driving iterate and collect."""

from __future__ import annotations

import pytest

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


def test_random_int_stays_in_bounds(engine: Engine) -> None:
    assert engine.output("random_int", low=5, high=6) == {"value": 5}
    values = {engine.output("random_int", low=-3, high=3)["value"] for _ in range(30)}
    assert values <= set(range(-3, 3))
    assert len(values) > 1


def test_random_float_stays_in_bounds_and_rounds(engine: Engine) -> None:
    value = engine.output("random_float", low=0.5, high=0.75, decimals=2)["value"]
    assert 0.5 <= value <= 0.75
    assert value == round(value, 2)


@pytest.mark.parametrize("type_id", ["random_int", "random_float", "random_range"])
def test_random_nodes_need_high_above_low(engine: Engine, type_id: str) -> None:
    error = engine.failure(GraphBuilder().add("r", type_id, low=3, high=3))
    assert "must be greater than low" in error.error_message


def test_random_int_is_not_cached_but_a_seeded_random_range_is(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("number", "random_int", low=0, high=1000)
        .add("plus", "add", b=1)
        .add("seeded", "random_range", seed=42, low=0, high=1000, size=5)
        .edge("number.value", "plus.a")
    )
    first = engine.run(graph)
    second = engine.run(graph)
    assert first.executed_nodes == ["number", "seeded", "plus"]
    assert second.executed_nodes == ["number", "plus"]  # and what follows random_int re-runs too
    assert second.cached_nodes == ["seeded"]
    assert first.outputs()["seeded"] == second.outputs()["seeded"]
    assert len(first.outputs()["seeded"]["collection"]) == 5


def test_random_range_depends_only_on_its_seed(engine: Engine) -> None:
    def draw(seed: int) -> list[int]:
        output = engine.output("random_range", seed=seed, low=0, high=2**31 - 1, size=8)
        collection: list[int] = output["collection"]
        return collection

    assert draw(7) == draw(7)
    assert draw(7) != draw(8)
    assert all(0 <= value < 2**31 - 1 for value in draw(7))


def test_random_range_seed_is_a_32_bit_unsigned_integer(engine: Engine) -> None:
    issues = engine.issues(GraphBuilder().add("r", "random_range", seed=2**32))
    assert [(issue.code, issue.field) for issue in issues] == [("invalid_value", "seed")]


@pytest.mark.parametrize(
    ("start", "stop", "step", "expected"),
    [
        (0, 5, 1, [0, 1, 2, 3, 4]),
        (0, 5, 2, [0, 2, 4]),
        (5, 0, -2, [5, 3, 1]),
        (0, 0, 1, []),
        (3, 0, 1, []),
    ],
)
def test_range(engine: Engine, start: int, stop: int, step: int, expected: list[int]) -> None:
    assert engine.output("range", start=start, stop=stop, step=step) == {"collection": expected}


def test_range_step_zero_fails(engine: Engine) -> None:
    error = engine.failure(GraphBuilder().add("r", "range", start=0, stop=3, step=0))
    assert (error.node_id, error.error_type) == ("r", "ValueError")
    assert "step must not be 0" in error.error_message


def test_range_refuses_huge_lists(engine: Engine) -> None:
    error = engine.failure(GraphBuilder().add("r", "range", start=0, stop=10**12))
    assert "the range has 1000000000000 elements; at most 100000 are allowed" in error.error_message


@pytest.mark.parametrize(
    ("start", "size", "step", "expected"),
    [(1, 3, 2, [1, 3, 5]), (10, 3, -5, [10, 5, 0]), (4, 3, 0, [4, 4, 4]), (4, 0, 1, [])],
)
def test_range_of_size(engine: Engine, start: int, size: int, step: int, expected: list[int]) -> None:
    assert engine.output("range_of_size", start=start, size=size, step=step) == {"collection": expected}


def test_iterate_a_range_into_add_and_collect(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("seq", "range", start=0, stop=3)
        .add("each", "iterate")
        .add("ten", "integer", value=10)
        .add("plus", "add")
        .add("gather", "collect")
        .add("result", "integer_collection")
        .edge("seq.collection", "each.collection")
        .edge("each.item", "plus.a")
        .edge("ten.value", "plus.b")
        .edge("plus.value", "gather.item")
        .edge("gather.collection", "result.collection")
    )
    first = engine.run(graph)
    assert first.outputs()["plus"] == [{"value": 10}, {"value": 11}, {"value": 12}]
    assert first.outputs()["result"] == {"collection": [10, 11, 12]}
    second = engine.run(graph)
    assert second.executed_nodes == []
    assert second.outputs()["result"] == {"collection": [10, 11, 12]}


def test_float_range_includes_both_ends(engine: Engine) -> None:
    assert engine.output("float_range", start=1.0, stop=2.0, steps=5) == {
        "collection": [1.0, 1.25, 1.5, 1.75, 2.0]
    }
    assert engine.output("float_range", start=3.0, stop=9.0, steps=1) == {"collection": [3.0]}
    failure = engine.failure(GraphBuilder().add("n", "float_range", start=float("inf")))
    assert "'start' must be a finite number" in str(failure)
