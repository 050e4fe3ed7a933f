"""Arithmetic on integers and floats, rounding and clamping.

Integer nodes work on Python integers (no overflow). Float nodes refuse non-finite inputs and results
(infinity, NaN) and domain errors (square root of a negative number, division by zero) with a
``ValueError`` that says what went wrong, which the engine reports as the node's error.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Literal

from pydantic import field_validator

from impasto.graph import BaseNode, InputField, NodeContext, UIHints, node
from impasto.nodes.types import FloatOutput, IntegerOutput

_TAGS = ("math",)


@node("add", title="Add Integers", category="math", tags=(*_TAGS, "add", "integer"))
class AddNode(BaseNode):
    """Adds two integers: a + b."""

    a: int = InputField(0, description="The first number.")
    b: int = InputField(0, description="The number to add.")

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        return IntegerOutput(value=self.a + self.b)


@node("subtract", title="Subtract Integers", category="math", tags=(*_TAGS, "subtract", "integer"))
class SubtractNode(BaseNode):
    """Subtracts one integer from another: a - b."""

    a: int = InputField(0, description="The number to subtract from.")
    b: int = InputField(0, description="The number to subtract.")

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        return IntegerOutput(value=self.a - self.b)


@node("multiply", title="Multiply Integers", category="math", tags=(*_TAGS, "multiply", "integer"))
class MultiplyNode(BaseNode):
    """Multiplies two integers: a * b."""

    a: int = InputField(0, description="The first factor.")
    b: int = InputField(1, description="The second factor.")

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        return IntegerOutput(value=self.a * self.b)


@node("divide", title="Divide Integers", category="math", tags=(*_TAGS, "divide", "integer"))
class DivideNode(BaseNode):
    """Divides one integer by another, rounding down (floor division: -7 / 2 gives -4).

    Dividing by zero is an error.
    """

    a: int = InputField(0, description="The dividend.")
    b: int = InputField(1, description="The divisor; must not be 0.")

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        if self.b == 0:
            raise ValueError("cannot divide by zero: input 'b' is 0")
        return IntegerOutput(value=self.a // self.b)


FloatOperation = Literal["add", "sub", "mul", "div", "exp", "abs", "sqrt", "min", "max", "mod"]


def _divide(a: float, b: float) -> float:
    if b == 0:
        raise ValueError("cannot divide by zero: input 'b' is 0")
    return a / b


def _modulo(a: float, b: float) -> float:
    if b == 0:
        raise ValueError("cannot take the remainder of a division by zero: input 'b' is 0")
    return a % b


def _power(a: float, b: float) -> float:
    if a == 0 and b < 0:
        raise ValueError(f"0 cannot be raised to a negative power (b = {b})")
    if a < 0 and not b.is_integer():
        raise ValueError(f"a negative number (a = {a}) cannot be raised to a fractional power (b = {b})")
    try:
        return math.pow(a, b)
    except OverflowError as exc:
        raise ValueError(f"{a} ** {b} is too large for a float") from exc


def _square_root(a: float, _b: float) -> float:
    if a < 0:
        raise ValueError(f"cannot take the square root of a negative number (a = {a})")
    return math.sqrt(a)


_OPERATIONS: dict[str, Callable[[float, float], float]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": _divide,
    "exp": _power,
    "abs": lambda a, _b: abs(a),
    "sqrt": _square_root,
    "min": min,
    "max": max,
    "mod": _modulo,
}

_OPERATION_LABELS = {
    "add": "Add: a + b",
    "sub": "Subtract: a - b",
    "mul": "Multiply: a * b",
    "div": "Divide: a / b",
    "exp": "Power: a ** b",
    "abs": "Absolute value of a",
    "sqrt": "Square root of a",
    "min": "Minimum of a and b",
    "max": "Maximum of a and b",
    "mod": "Remainder of a / b (sign of b)",
}


def _require_finite(**values: float) -> None:
    for name, value in values.items():
        if not math.isfinite(value):
            raise ValueError(f"input '{name}' must be a finite number, not {value}")


@node("float_math", title="Float Math", category="math", tags=(*_TAGS, "float", "power", "sqrt"))
class FloatMathNode(BaseNode):
    """Applies one operation to two floats: add, sub, mul, div, exp (a ** b), abs, sqrt, min, max, mod.

    abs and sqrt use only a. mod follows Python: the remainder has the sign of b. Division by zero, the
    square root of a negative number, fractional powers of negative numbers and results too large for a
    float are errors.
    """

    operation: FloatOperation = InputField(
        "add",
        description="The operation to apply.",
        ui=UIHints(component="select", choice_labels=_OPERATION_LABELS),
    )
    a: float = InputField(1.0, description="The first number.")
    b: float = InputField(1.0, description="The second number (unused by abs and sqrt).")

    @field_validator("operation", mode="before")
    @classmethod
    def _invokeai_operation(cls, value: object) -> object:
        """Accepts InvokeAI's upper-case operation names ("ADD") for ours ("add")."""
        return value.lower() if isinstance(value, str) else value

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        _require_finite(a=self.a, b=self.b)
        result = _OPERATIONS[self.operation](self.a, self.b)
        if not math.isfinite(result):
            raise ValueError(f"the result of {self.operation}({self.a}, {self.b}) is not a finite number")
        return FloatOutput(value=result)


_DECIMALS = Context(prec=1000)  # enough digits for any finite float at any rounding position


def _to_decimal(value: float) -> Decimal:
    # The shortest repr, so that 2.675 rounds like the 2.675 the user typed, not 2.67499999...
    return Decimal(repr(value))


def round_half_away(value: float, decimals: int = 0) -> Decimal:
    """``value`` rounded to ``decimals`` places with halves away from zero (2.675 to 2 places is 2.68).

    The value is taken as the shortest decimal that reads back as the same float, which is what the
    user typed, rather than as its exact binary expansion.
    """
    quantum = Decimal(1).scaleb(-decimals)
    return _to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP, context=_DECIMALS)


@node("round", title="Round Float", category="math", tags=(*_TAGS, "round", "float"))
class RoundNode(BaseNode):
    """Rounds a float to a number of decimal places; halves round away from zero (2.5 gives 3)."""

    value: float = InputField(0.0, description="The number to round.")
    decimals: int = InputField(0, ge=0, le=15, description="How many digits to keep after the point.")

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        _require_finite(value=self.value)
        return FloatOutput(value=float(round_half_away(self.value, self.decimals)))


RoundingMethod = Literal["round", "floor", "ceil", "truncate"]
_INVOKEAI_METHODS = {"Nearest": "round", "Floor": "floor", "Ceiling": "ceil", "Truncate": "truncate"}
_ROUNDING = {"round": ROUND_HALF_UP, "floor": ROUND_FLOOR, "ceil": ROUND_CEILING, "truncate": ROUND_DOWN}


@node("float_to_int", title="Float To Integer", category="math", tags=(*_TAGS, "round", "integer", "float"))
class FloatToIntNode(BaseNode):
    """Turns a float into an integer, optionally a multiple of some number (e.g. 8 for image sizes).

    Methods: round (halves away from zero), floor (down), ceil (up), truncate (towards zero). With
    multiple_of N the value is divided by N, rounded by the method and multiplied by N again.
    """

    value: float = InputField(0.0, description="The number to convert.")
    multiple_of: int = InputField(1, ge=1, description="The result is a multiple of this number.")
    method: RoundingMethod = InputField(
        "round",
        description="How to round.",
        ui=UIHints(
            component="select",
            choice_labels={
                "round": "Nearest (halves away from zero)",
                "floor": "Down",
                "ceil": "Up",
                "truncate": "Towards zero",
            },
        ),
    )

    @field_validator("method", mode="before")
    @classmethod
    def _invokeai_method(cls, value: object) -> object:
        """Accepts InvokeAI's method names (Nearest, Floor, Ceiling, Truncate)."""
        return _INVOKEAI_METHODS.get(value, value) if isinstance(value, str) else value

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        _require_finite(value=self.value)
        scaled = _DECIMALS.divide(_to_decimal(self.value), Decimal(self.multiple_of))
        rounded = int(scaled.to_integral_value(rounding=_ROUNDING[self.method], context=_DECIMALS))
        return IntegerOutput(value=rounded * self.multiple_of)


@node("clamp", title="Clamp", category="math", tags=(*_TAGS, "clamp", "limit", "float"))
class ClampNode(BaseNode):
    """Limits a number to a range: below minimum gives minimum, above maximum gives maximum."""

    value: float = InputField(0.0, description="The number to limit.")
    minimum: float = InputField(0.0, description="The smallest allowed result.")
    maximum: float = InputField(1.0, description="The largest allowed result; not below minimum.")

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        _require_finite(value=self.value, minimum=self.minimum, maximum=self.maximum)
        if self.minimum > self.maximum:
            raise ValueError(f"minimum ({self.minimum}) is greater than maximum ({self.maximum})")
        return FloatOutput(value=min(max(self.value, self.minimum), self.maximum))


IntegerOperation = Literal["ADD", "SUB", "MUL", "DIV", "EXP", "MOD", "ABS", "MIN", "MAX"]
MAX_POWER_BITS = 4096
"""The largest result of EXP, in bits, so that a typo cannot make a number that takes minutes to build."""


def _integer_divide(a: int, b: int) -> int:
    """a / b with the fraction dropped (towards zero, as InvokeAI's ``int(a / b)``), exactly."""
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _integer_power(a: int, b: int) -> int:
    if b < 0:
        raise ValueError(f"a negative power (b = {b}) does not give an integer")
    if abs(a) > 1 and b * max(abs(a).bit_length() - 1, 1) > MAX_POWER_BITS:
        raise ValueError(f"{a} ** {b} has more than {MAX_POWER_BITS} bits")
    return int(a**b)


def _nonzero(b: int, operation: str) -> None:
    if b == 0:
        raise ValueError(f"input 'b' is 0: {operation} by zero is undefined")


_INTEGER_OPERATIONS: dict[str, Callable[[int, int], int]] = {
    "ADD": lambda a, b: a + b,
    "SUB": lambda a, b: a - b,
    "MUL": lambda a, b: a * b,
    "DIV": _integer_divide,
    "EXP": _integer_power,
    "MOD": lambda a, b: a % b,
    "ABS": lambda a, _b: abs(a),
    "MIN": min,
    "MAX": max,
}


@node("integer_math", title="Integer Math", category="math", tags=(*_TAGS, "integer", "power", "modulus"))
class IntegerMathNode(BaseNode):
    """Applies one operation to two integers: ADD, SUB, MUL, DIV (towards zero: -7 / 2 gives -3), EXP
    (a ** b, b not negative), MOD (the sign of b, as in Python), ABS (of a), MIN, MAX."""

    operation: IntegerOperation = InputField(
        "ADD",
        description="The operation to apply.",
        ui=UIHints(
            component="select",
            choice_labels={
                "ADD": "Add: a + b",
                "SUB": "Subtract: a - b",
                "MUL": "Multiply: a * b",
                "DIV": "Divide: a / b, towards zero",
                "EXP": "Power: a ** b",
                "MOD": "Remainder of a / b (sign of b)",
                "ABS": "Absolute value of a",
                "MIN": "Minimum of a and b",
                "MAX": "Maximum of a and b",
            },
        ),
    )
    a: int = InputField(1, description="The first number.")
    b: int = InputField(1, description="The second number (unused by ABS).")

    @field_validator("operation", mode="before")
    @classmethod
    def _upper_case(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        if self.operation in ("DIV", "MOD"):
            _nonzero(self.b, "division" if self.operation == "DIV" else "remainder")
        return IntegerOutput(value=_INTEGER_OPERATIONS[self.operation](self.a, self.b))
