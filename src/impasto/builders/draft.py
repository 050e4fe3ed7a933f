"""A graph under construction: nodes added with their constants, and sockets passed around as edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from impasto.graph.model import Edge, EdgeEndpoint, Graph


@dataclass(frozen=True)
class Out:
    """An output socket of a node in the draft; passing one as an input value makes an edge."""

    node_id: str
    field: str


class GraphDraft:
    """Collects nodes and edges; :meth:`build` makes the :class:`~impasto.graph.Graph`."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[Edge] = []

    def add(self, node_id: str, node_type: str, /, **inputs: Any) -> str:
        """Add a node: :class:`Out` values become edges, ``None`` values are left to the node's default."""
        if node_id in self.nodes:
            raise ValueError(f"node id {node_id!r} is used twice")
        constants: dict[str, Any] = {}
        for name, value in inputs.items():
            if isinstance(value, Out):
                self.connect(value, node_id, name)
            elif value is not None:
                constants[name] = value
        self.nodes[node_id] = {"id": node_id, "type": node_type, **constants}
        return node_id

    def connect(self, source: Out, node_id: str, field: str) -> None:
        """An edge from ``source`` into input ``field`` of node ``node_id``."""
        self.edges.append(
            Edge(
                source=EdgeEndpoint(node_id=source.node_id, field=source.field),
                destination=EdgeEndpoint(node_id=node_id, field=field),
            )
        )

    def build(self) -> Graph:
        return Graph(nodes=self.nodes, edges=list(self.edges))


def model_input(key: str) -> dict[str, str]:
    """The value of a model input: a reference to an installed model by key."""
    return {"key": key}


def image_input(name: str) -> dict[str, str]:
    """The value of an image input: a stored image by name."""
    return {"image_name": name}


def collected(draft: GraphDraft, node_id: str, sockets: list[Out]) -> Out | None:
    """One socket for an input that takes one value or a list: the only one, else a ``collect`` node
    (id ``node_id``) over all of them; None for none."""
    if len(sockets) < 2:
        return sockets[0] if sockets else None
    draft.add(node_id, "collect")
    for socket in sockets:
        draft.connect(socket, node_id, "item")
    return Out(node_id, "collection")
