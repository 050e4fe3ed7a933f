"""A first layout for a graph that has none: columns by depth, so edges run left to right."""

from __future__ import annotations

from collections import defaultdict

from impasto.graph.model import Graph

COLUMN_WIDTH = 360.0
ROW_HEIGHT = 240.0


def arrange(graph: Graph) -> dict[str, tuple[float, float]]:
    """The top-left corner of each node: its column is the length of the longest path that reaches it
    (sources at the left), its row its place in that column (in the graph's node order)."""
    incoming: dict[str, set[str]] = defaultdict(set)
    for edge in graph.edges:
        if edge.source.node_id in graph.nodes and edge.destination.node_id in graph.nodes:
            incoming[edge.destination.node_id].add(edge.source.node_id)
    depth: dict[str, int] = {}

    def depth_of(node_id: str, trail: frozenset[str]) -> int:
        if node_id not in depth:
            parents = incoming[node_id] - trail  # a cycle (refused elsewhere) must not loop here
            depth[node_id] = 1 + max((depth_of(p, trail | {node_id}) for p in parents), default=-1)
        return depth[node_id]

    rows: dict[int, int] = defaultdict(int)
    positions = {}
    for node_id in graph.nodes:
        column = depth_of(node_id, frozenset())
        positions[node_id] = (column * COLUMN_WIDTH, rows[column] * ROW_HEIGHT)
        rows[column] += 1
    return positions
