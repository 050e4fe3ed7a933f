"""Integer and float arithmetic, rounding and clamping, run through the engine."""

from __future__ import annotations

import pytest

from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine


@pytest.mark.parametrize(
    ("type_id", "a", "b", "expected"),
    [
        ("add", 2, 3, 5),
        ("add", -2, 10**30, 10**30 - 2),
        ("subtract", 2, 3, -1),
        ("multiply", -4, 3, -12),
        ("divide", 7, 2, 3),
        ("divide", -7, 2, -4),
        ("divide", 6, -3, -2),
    ],
)
def test_integer_math(engine: Engine, type_id: str, a: int, b: int, expected: int) -> None:
    assert engine.output(type_id, a=a, b=b) == {"value": expected}


def test_integer_math_chains(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("x", "integer", value=6)
        .add("sum", "add", b=4)
        .add("product", "multiply", b=3)
        .edge("x.value", "sum.a")
        .edge("sum.value", "product.a")
    )
    assert engine.outputs(graph)["product"] == {"value": 30}


def test_divide_by_zero_fails_with_a_clear_message(engine: Engine) -> None:
    error = engine.failure(GraphBuilder().add("d", "divide", a=1, b=0))
    assert (error.node_id, error.node_type, error.error_type) == ("d", "divide", "ValueError")
    assert "cannot divide by zero" in error.error_message
    assert "divide by zero" in error.message


@pytest.mark.parametrize(
    ("operation", "a", "b", "expected"),
    [
        ("add", 1.5, 2.25, 3.75),
        ("sub", 1.5, 2.25, -0.75),
        ("mul", 1.5, -2.0, -3.0),
        ("div", 1.0, 4.0, 0.25),
        ("exp", 2.0, 10.0, 1024.0),
        ("exp", -2.0, 3.0, -8.0),
        ("exp", 4.0, 0.5, 2.0),
        ("abs", -3.5, 99.0, 3.5),
        ("sqrt", 2.25, 99.0, 1.5),
        ("min", 2.0, -1.0, -1.0),
        ("max", 2.0, -1.0, 2.0),
        ("mod", 7.5, 2.0, 1.5),
        ("mod", -1.0, 3.0, 2.0),
    ],
)
def test_float_math(engine: Engine, operation: str, a: float, b: float, expected: float) -> None:
    output = engine.output("float_math", operation=operation, a=a, b=b)
    assert output["value"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("operation", "a", "b", "message"),
    [
        ("div", 1.0, 0.0, "cannot divide by zero"),
        ("mod", 1.0, 0.0, "division by zero"),
        ("sqrt", -1.0, 0.0, "square root of a negative number"),
        ("exp", -8.0, 0.5, "fractional power"),
        ("exp", 0.0, -1.0, "negative power"),
        ("exp", 10.0, 400.0, "too large"),
        ("mul", 1e308, 10.0, "not a finite number"),
        ("add", float("inf"), 1.0, "input 'a' must be a finite number"),
    ],
)
def test_float_math_domain_errors(engine: Engine, operation: str, a: float, b: float, message: str) -> None:
    error = engine.failure(GraphBuilder().add("m", "float_math", operation=operation, a=a, b=b))
    assert error.error_type == "ValueError"
    assert message in error.error_message


def test_float_math_refuses_an_unknown_operation(engine: Engine) -> None:
    issues = engine.issues(GraphBuilder().add("m", "float_math", operation="log"))
    assert [(issue.code, issue.field) for issue in issues] == [("invalid_value", "operation")]


def test_integers_feed_float_math(engine: Engine) -> None:
    graph = (
        GraphBuilder()
        .add("i", "integer", value=9)
        .add("root", "float_math", operation="sqrt")
        .edge("i.value", "root.a")
    )
    assert engine.outputs(graph)["root"] == {"value": 3.0}


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, 2.68),
        (2.5, 0, 3.0),
        (-2.5, 0, -3.0),
        (1.23456, 3, 1.235),
        (0.1, 15, 0.1),
        (1e20, 15, 1e20),
    ],
)
def test_round(engine: Engine, value: float, decimals: int, expected: float) -> None:
    assert engine.output("round", value=value, decimals=decimals) == {"value": expected}


@pytest.mark.parametrize(
    ("value", "multiple_of", "method", "expected"),
    [
        (2.5, 1, "round", 3),
        (-2.5, 1, "round", -3),
        (2.4, 1, "round", 2),
        (2.7, 1, "floor", 2),
        (-2.2, 1, "floor", -3),
        (2.1, 1, "ceil", 3),
        (-2.7, 1, "truncate", -2),
        (1000.0, 64, "round", 1024),
        (1000.0, 8, "floor", 1000),
        (1001.0, 8, "ceil", 1008),
        (1007.9, 8, "truncate", 1000),
    ],
)
def test_float_to_int(engine: Engine, value: float, multiple_of: int, method: str, expected: int) -> None:
    output = engine.output("float_to_int", value=value, multiple_of=multiple_of, method=method)
    assert output == {"value": expected}


def test_float_to_int_needs_a_positive_multiple(engine: Engine) -> None:
    issues = engine.issues(GraphBuilder().add("f", "float_to_int", value=1.0, multiple_of=0))
    assert [(issue.code, issue.field) for issue in issues] == [("invalid_value", "multiple_of")]


def test_float_to_int_refuses_infinity(engine: Engine) -> None:
    error = engine.failure(GraphBuilder().add("f", "float_to_int", value=float("inf")))
    assert "must be a finite number" in error.error_message


@pytest.mark.parametrize(("value", "expected"), [(5.0, 1.0), (-1.0, 0.0), (0.25, 0.25), (1.0, 1.0)])
def test_clamp(engine: Engine, value: float, expected: float) -> None:
    assert engine.output("clamp", value=value, minimum=0.0, maximum=1.0) == {"value": expected}


def test_clamp_refuses_an_empty_range(engine: Engine) -> None:
    error = engine.failure(GraphBuilder().add("c", "clamp", value=1.0, minimum=2.0, maximum=1.0))
    assert "minimum (2.0) is greater than maximum (1.0)" in error.error_message


@pytest.mark.parametrize(
    ("operation", "a", "b", "expected"),
    [
        ("ADD", 2, 3, 5),
        ("SUB", 2, 3, -1),
        ("MUL", -4, 3, -12),
        ("DIV", -7, 2, -3),
        ("DIV", 7, 2, 3),
        ("EXP", 2, 10, 1024),
        ("MOD", -7, 3, 2),
        ("ABS", -7, 0, 7),
        ("MIN", 4, -1, -1),
        ("MAX", 4, -1, 4),
        ("add", 1, 1, 2),
    ],
)
def test_integer_math_node(engine: Engine, operation: str, a: int, b: int, expected: int) -> None:
    assert engine.output("integer_math", operation=operation, a=a, b=b) == {"value": expected}


@pytest.mark.parametrize(
    ("operation", "a", "b", "fragment"),
    [
        ("DIV", 1, 0, "'b' is 0"),
        ("MOD", 1, 0, "'b' is 0"),
        ("EXP", 2, -1, "negative power"),
        ("EXP", 3, 10**6, "bits"),
    ],
)
def test_integer_math_errors(engine: Engine, operation: str, a: int, b: int, fragment: str) -> None:
    failure = engine.failure(GraphBuilder().add("n", "integer_math", operation=operation, a=a, b=b))
    assert fragment in str(failure)


def test_invokeai_spellings_of_float_math_and_float_to_int(engine: Engine) -> None:
    assert engine.output("float_math", operation="MUL", a=1.5, b=2.0) == {"value": 3.0}
    assert engine.output("float_to_int", value=7.9, method="Floor", multiple_of=2) == {"value": 6}
    assert engine.output("float_to_int", value=7.9, method="Nearest") == {"value": 8}
