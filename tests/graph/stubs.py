"""A pack of stub nodes and a graph builder for engine tests (registered in their own registry)."""

from __future__ import annotations

import threading
import time
from typing import Any

from impasto.graph import (
    BaseNode,
    BaseOutput,
    Edge,
    EdgeEndpoint,
    Graph,
    Input,
    InputField,
    NodeContext,
    NodeRegistry,
    OutputField,
    node,
)

registry = NodeRegistry()
calls: dict[str, int] = {}
_calls_lock = threading.Lock()


def count(type_id: str) -> None:
    with _calls_lock:
        calls[type_id] = calls.get(type_id, 0) + 1


class IntOut(BaseOutput):
    value: int = OutputField(description="The number.")


class ListOut(BaseOutput):
    values: list[int] = OutputField(description="The numbers.")


class StrOut(BaseOutput):
    text: str = OutputField(description="The text.")


@node("const", title="Constant", category="test", registry=registry)
class ConstNode(BaseNode):
    """Outputs its value."""

    value: int = InputField(0, description="The value.")

    def invoke(self, ctx: NodeContext) -> IntOut:
        count("const")
        return IntOut(value=self.value)


@node("add", title="Add", category="test", registry=registry)
class AddNode(BaseNode):
    """Adds two numbers."""

    a: int = InputField(description="First.")
    b: int = InputField(0, description="Second.")

    def invoke(self, ctx: NodeContext) -> IntOut:
        count("add")
        return IntOut(value=self.a + self.b)


@node("span", title="Span", category="test", registry=registry)
class SpanNode(BaseNode):
    """Outputs [0, n)."""

    n: int = InputField(3, ge=0, description="Length.")

    def invoke(self, ctx: NodeContext) -> ListOut:
        count("span")
        return ListOut(values=list(range(self.n)))


@node("sum", title="Sum", category="test", registry=registry)
class SumNode(BaseNode):
    """Sums a list."""

    values: list[int] = InputField(description="Numbers.", input=Input.CONNECTION)

    def invoke(self, ctx: NodeContext) -> IntOut:
        count("sum")
        return IntOut(value=sum(self.values))


@node("text", title="Text", category="test", registry=registry)
class TextNode(BaseNode):
    """Outputs text."""

    text: str = InputField("", description="The text.")

    def invoke(self, ctx: NodeContext) -> StrOut:
        count("text")
        return StrOut(text=self.text)


@node("fail", title="Fail", category="test", registry=registry)
class FailNode(BaseNode):
    """Always raises."""

    value: int = InputField(0, description="Ignored.")

    def invoke(self, ctx: NodeContext) -> IntOut:
        raise ValueError("boom")


@node("sleep", title="Sleep", category="test", registry=registry)
class SleepNode(BaseNode):
    """Sleeps in small slices, reporting progress and checking cancellation."""

    seconds: float = InputField(1.0, description="How long.")
    value: int = InputField(0, description="Passed through.")

    def invoke(self, ctx: NodeContext) -> IntOut:
        count("sleep")
        steps = max(1, int(self.seconds / 0.05))
        for step in range(steps):
            ctx.raise_if_canceled()
            time.sleep(self.seconds / steps)
            ctx.progress(100 * (step + 1) / steps, f"slept {step + 1}/{steps}")
        return IntOut(value=self.value)


@node("stubborn", title="Stubborn", category="test", registry=registry)
class StubbornNode(BaseNode):
    """Sleeps without checking cancellation, like a node stuck in a long native call."""

    seconds: float = InputField(1.0, description="How long.")

    def invoke(self, ctx: NodeContext) -> IntOut:
        time.sleep(self.seconds)
        return IntOut(value=0)


@node("rand", title="Random", category="test", cacheable=False, registry=registry)
class RandNode(BaseNode):
    """Not cacheable: counts its calls."""

    def invoke(self, ctx: NodeContext) -> IntOut:
        count("rand")
        return IntOut(value=calls["rand"])


class GraphBuilder:
    """Builds graphs tersely: ``b.add("n1", "const", value=2); b.edge("n1.value", "n2.a")``."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[Edge] = []

    def add(self, node_id: str, type_id: str, **inputs: Any) -> GraphBuilder:
        self.nodes[node_id] = {"id": node_id, "type": type_id, **inputs}
        return self

    def edge(self, source: str, destination: str) -> GraphBuilder:
        src_node, src_field = source.split(".")
        dst_node, dst_field = destination.split(".")
        self.edges.append(
            Edge(
                source=EdgeEndpoint(node_id=src_node, field=src_field),
                destination=EdgeEndpoint(node_id=dst_node, field=dst_field),
            )
        )
        return self

    def build(self) -> Graph:
        return Graph(nodes=dict(self.nodes), edges=list(self.edges))
