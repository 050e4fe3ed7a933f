"""Batch nodes: nodes that stand for a list of values and are turned into queue batch data at enqueue.

A batch node never runs. When a graph holding one is enqueued, the queue puts in its place the primitive
node of its kind (``image``, ``string``, ``integer``, ``float``) under the same id, keeping its edges, and
makes its items batch data of that primitive's value, one queue item per item (see
:mod:`impasto.queue.batch_nodes`). Going through the primitive keeps connection-only inputs (images) and
every output (an image's width and height) working as with a typed-in value.
Nodes with the same ``batch_group_id`` are zipped; each other group (and each node in group ``"None"``)
is crossed with the rest. The shape follows InvokeAI's batch nodes so that its workflows keep working.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar, Literal, NoReturn

from impasto.graph.base import BaseNode
from impasto.graph.context import NodeContext
from impasto.graph.fields import Input, InputField

BatchGroupId = Literal["None", "Group 1", "Group 2", "Group 3", "Group 4", "Group 5"]
"""The groups a batch node can join; ``"None"`` makes the node a group of its own."""
OWN_GROUP = "None"

BoardImages = Callable[[str], list[str]]
"""Answers the names of the images on a board (what an image batch over a board iterates)."""


class BatchNode(BaseNode):
    """A node whose items become queue batch data; subclasses name the output that carries one item."""

    primitive: ClassVar[tuple[str, str]] = ("string", "value")
    """The node type that stands in for this node in each queue item, and its input taking one item."""
    items_input: ClassVar[str] = "strings"
    """The input the items come from, named by errors about them."""

    batch_group_id: BatchGroupId = InputField(
        OWN_GROUP,
        description="Batch nodes of the same group are zipped (their lists must be as long); groups are "
        "crossed with each other; 'None' is a group of its own.",
        input=Input.DIRECT,
    )

    @property
    def source_input(self) -> str:
        """The input this node's items came from (``items_input`` unless a node has several sources)."""
        return self.items_input

    @abstractmethod
    def batch_items(self, board_images: BoardImages | None) -> list[Any]:
        """The values, one per queue item, as the destination inputs take them."""


def not_runnable(ctx: NodeContext) -> NoReturn:
    """What a batch node's ``invoke`` does: explain that only the queue can use it."""
    raise RuntimeError(
        f"batch node '{ctx.node_id}' only runs through the queue, which turns it into batch data; "
        "enqueue the graph instead of running it directly"
    )
