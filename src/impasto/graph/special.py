"""``iterate`` and ``collect``: the two nodes the executor handles itself.

``iterate`` fans a list out: everything downstream of its ``item`` runs once per element. ``collect`` gathers
the values arriving on its ``item`` input (one per branch, or one per edge) back into a list. They are
declared as ordinary node classes so that they have schemas and appear in the node list like any other;
every registry adds them (:class:`impasto.graph.node.NodeRegistry`).
"""

from __future__ import annotations

from typing import Any

from impasto.graph.base import BaseNode, BaseOutput
from impasto.graph.context import NodeContext
from impasto.graph.fields import Input, InputField, OutputField

ITERATE = "iterate"
COLLECT = "collect"


class IterateOutput(BaseOutput):
    item: Any = OutputField(description="The current element of the collection.")
    index: int = OutputField(description="Position of the element, from 0.")
    total: int = OutputField(description="Number of elements in the collection.")


class IterateNode(BaseNode):
    """Runs everything connected to `item` once for each element of a collection."""

    collection: list[Any] = InputField(description="The list to iterate over.")

    def invoke(self, ctx: NodeContext) -> IterateOutput:
        raise RuntimeError("iterate is expanded by the executor, never invoked")


class CollectOutput(BaseOutput):
    collection: list[Any] = OutputField(description="The gathered values, in iteration order.")


class CollectNode(BaseNode):
    """Gathers the values of every branch (or every connected edge) into one list."""

    item: Any = InputField(
        None, description="A value to gather; may have several edges.", input=Input.CONNECTION
    )

    def invoke(self, ctx: NodeContext) -> CollectOutput:
        raise RuntimeError("collect is expanded by the executor, never invoked")
