"""Random numbers and integer ranges.

``random_int`` and ``random_float`` draw fresh values on every run, so they are registered as not
cacheable (and everything downstream of them re-runs too). ``random_range`` is seeded: the same seed
always gives the same list, so its results are cached like any other node's. ``range`` and
``range_of_size`` make lists of evenly spaced integers, and ``float_range`` of floats, typically to feed
``iterate``.
"""

from __future__ import annotations

import math
import random

from impasto.graph import BaseNode, InputField, NodeContext, UIHints, node
from impasto.nodes.types import (
    MAX_COLLECTION_SIZE,
    FloatCollectionOutput,
    FloatOutput,
    IntegerCollectionOutput,
    IntegerOutput,
)

SEED_MAX = 2**32 - 1
"""Seeds are unsigned 32-bit integers, like generation seeds."""
_INT32_MAX = 2**31 - 1


def _check_bounds(low: float, high: float) -> None:
    if high <= low:
        raise ValueError(f"high ({high}) must be greater than low ({low})")


@node("random_int", title="Random Integer", category="random", tags=("random", "integer"), cacheable=False)
class RandomIntNode(BaseNode):
    """A random integer from low (included) up to high (excluded), different on every run."""

    low: int = InputField(0, description="The smallest possible value.")
    high: int = InputField(_INT32_MAX, description="One more than the largest possible value.")

    def invoke(self, ctx: NodeContext) -> IntegerOutput:
        _check_bounds(self.low, self.high)
        return IntegerOutput(value=random.Random().randrange(self.low, self.high))


@node("random_float", title="Random Float", category="random", tags=("random", "float"), cacheable=False)
class RandomFloatNode(BaseNode):
    """A random float between low and high, different on every run."""

    low: float = InputField(0.0, description="The smallest possible value.")
    high: float = InputField(1.0, description="The largest possible value.")
    decimals: int | None = InputField(
        None, ge=0, le=15, description="Round to this many digits after the point; empty keeps all."
    )

    def invoke(self, ctx: NodeContext) -> FloatOutput:
        _check_bounds(self.low, self.high)
        value = random.Random().uniform(self.low, self.high)
        return FloatOutput(value=value if self.decimals is None else round(value, self.decimals))


@node("random_range", title="Random Range", category="random", tags=("random", "collection", "seed"))
class RandomRangeNode(BaseNode):
    """A list of random integers from low (included) up to high (excluded).

    The same seed always gives the same list.
    """

    seed: int = InputField(0, ge=0, le=SEED_MAX, description="The seed; the same seed gives the same list.")
    low: int = InputField(0, description="The smallest possible value.")
    high: int = InputField(_INT32_MAX, description="One more than the largest possible value.")
    size: int = InputField(1, ge=0, le=MAX_COLLECTION_SIZE, description="How many integers to draw.")

    def invoke(self, ctx: NodeContext) -> IntegerCollectionOutput:
        _check_bounds(self.low, self.high)
        generator = random.Random(self.seed)
        return IntegerCollectionOutput(
            collection=[generator.randrange(self.low, self.high) for _ in range(self.size)]
        )


def _checked_range(start: int, stop: int, step: int) -> list[int]:
    values = range(start, stop, step)
    if len(values) > MAX_COLLECTION_SIZE:
        raise ValueError(f"the range has {len(values)} elements; at most {MAX_COLLECTION_SIZE} are allowed")
    return list(values)


@node("range", title="Integer Range", category="collections", tags=("collection", "range", "integer"))
class RangeNode(BaseNode):
    """Integers from start (included) to stop (excluded) in steps, like Python's range: 0, 5, 2 gives 0, 2, 4.

    A negative step counts down; a step of 0 is an error.
    """

    start: int = InputField(0, description="The first integer.")
    stop: int = InputField(10, description="The range ends before this integer.")
    step: int = InputField(1, description="The difference between neighbors; not 0.")

    def invoke(self, ctx: NodeContext) -> IntegerCollectionOutput:
        if self.step == 0:
            raise ValueError("step must not be 0")
        return IntegerCollectionOutput(collection=_checked_range(self.start, self.stop, self.step))


@node("range_of_size", title="Integer Range Of Size", category="collections", tags=("collection", "range"))
class RangeOfSizeNode(BaseNode):
    """A number of integers from start in steps: start 1, size 3, step 2 gives 1, 3, 5.

    A negative step counts down; a step of 0 repeats start.
    """

    start: int = InputField(0, description="The first integer.")
    size: int = InputField(
        1,
        ge=0,
        le=MAX_COLLECTION_SIZE,
        description="How many integers.",
        ui=UIHints(component="number"),
    )
    step: int = InputField(1, description="The difference between neighbors.")

    def invoke(self, ctx: NodeContext) -> IntegerCollectionOutput:
        return IntegerCollectionOutput(collection=[self.start + i * self.step for i in range(self.size)])


@node("float_range", title="Float Range", category="math", tags=("math", "range", "float", "collection"))
class FloatRangeNode(BaseNode):
    """``steps`` evenly spaced numbers from start to stop, both included (InvokeAI's linear float range)."""

    start: float = InputField(5.0, description="The first number.")
    stop: float = InputField(10.0, description="The last number.")
    steps: int = InputField(30, ge=1, le=MAX_COLLECTION_SIZE, description="How many numbers, ends included.")

    def invoke(self, ctx: NodeContext) -> FloatCollectionOutput:
        for name, value in (("start", self.start), ("stop", self.stop)):
            if not math.isfinite(value):
                raise ValueError(f"'{name}' must be a finite number, not {value}")
        if self.steps == 1:
            return FloatCollectionOutput(collection=[self.start])
        step = (self.stop - self.start) / (self.steps - 1)
        values = [self.start + index * step for index in range(self.steps - 1)]
        return FloatCollectionOutput(collection=[*values, self.stop])
