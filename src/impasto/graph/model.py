"""The graph document: nodes keyed by id, and edges between their fields.

The shape is the one InvokeAI uses, so its graphs can be imported with little work::

    {"nodes": {"a": {"id": "a", "type": "integer", "value": 2}},
     "edges": [{"source": {"node_id": "a", "field": "value"},
                "destination": {"node_id": "b", "field": "a"}}]}

Nodes stay plain dicts here: their inputs can only be checked against the node registry, which is the job
of :mod:`impasto.graph.validation`.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class EdgeEndpoint(BaseModel):
    """One end of an edge: a node and one of its fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    node_id: str = Field(description="Id of the node.")
    field: str = Field(description="Name of the node's output (source) or input (destination) field.")


class Edge(BaseModel):
    """A connection from one node's output field to another node's input field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: EdgeEndpoint = Field(description="The output that provides the value.")
    destination: EdgeEndpoint = Field(description="The input that receives the value.")


class Graph(BaseModel):
    """A graph of nodes; each node is ``{"id", "type", <input>: <value>, ...}``."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = Field(None, description="Optional id of the graph.")
    nodes: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Nodes keyed by their id.")
    edges: list[Edge] = Field(default_factory=list, description="Connections between node fields.")

    def with_values(self, values: list[FieldValue]) -> Graph:
        """A copy of the graph with constant inputs replaced (how batch data reaches nodes)."""
        nodes = copy.deepcopy(self.nodes)
        for value in values:
            if value.node_id in nodes:
                nodes[value.node_id][value.field] = copy.deepcopy(value.value)
        return Graph(id=self.id, nodes=nodes, edges=list(self.edges))


class FieldValue(BaseModel):
    """A value for one node input, set by a batch."""

    model_config = ConfigDict(extra="forbid")

    node_id: str = Field(description="Id of the node whose input is set.")
    field: str = Field(description="Name of the input.")
    value: Any = Field(description="The value.")


class GraphIssue(BaseModel):
    """One problem found in a graph, precise enough for an editor to highlight the socket."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="Stable kind of problem, e.g. 'missing_input' or 'cycle'.")
    message: str = Field(description="What is wrong, in words.")
    node_id: str | None = Field(None, description="The node concerned, if any.")
    field: str | None = Field(None, description="The node's field concerned, if any.")
