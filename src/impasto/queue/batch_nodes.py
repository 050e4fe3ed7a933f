"""Turning the batch nodes of a graph into queue batch data, before the batch is checked and stored.

Each batch node (:class:`impasto.graph.batching.BatchNode`) is replaced by the primitive node of its kind
under the same id, its edges kept, and its items become a :class:`BatchDatum` on that primitive's input.
Nodes sharing a group id are zipped into one group (their lists must be equally long); every other group,
and every node of group ``"None"``, is a group of its own, and groups are crossed. Problems are reported
together as ``invalid_batch`` issues naming the node and field.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from impasto.graph import Graph, GraphIssue, GraphValidationError, NodeRegistry
from impasto.graph.base import RESERVED_FIELDS
from impasto.graph.batching import OWN_GROUP, BatchNode, BoardImages
from impasto.queue.models import Batch, BatchDatum

CODE = "invalid_batch"


def expand_batch_nodes(batch: Batch, registry: NodeRegistry, board_images: BoardImages | None) -> Batch:
    """``batch`` with its graph's batch nodes turned into batch data (``batch`` itself when it has none)."""
    nodes = _batch_nodes(batch.graph, registry)
    if not nodes:
        return batch
    issues = [
        _issue(
            "a batch node takes typed-in values, not connections",
            edge.destination.node_id,
            edge.destination.field,
        )
        for edge in batch.graph.edges
        if edge.destination.node_id in nodes
    ]
    items = {node_id: _items(node_id, node, board_images, issues) for node_id, node in nodes.items()}
    groups: dict[str, list[BatchDatum]] = {}
    members: dict[str, set[str]] = {}
    for node_id, node in nodes.items():
        key = f"node {node_id}" if node.batch_group_id == OWN_GROUP else node.batch_group_id
        if items[node_id]:
            datum = BatchDatum(node_id=node_id, field=node.primitive[1], items=items[node_id])
            groups.setdefault(key, []).append(datum)
            members.setdefault(key, set()).add(node_id)
    issues.extend(_length_issues(members, items))
    if issues:
        raise GraphValidationError(issues)
    graph = _with_primitives(batch.graph, nodes, items)
    return batch.model_copy(update={"graph": graph, "data": [*batch.data, *groups.values()]})


def _batch_nodes(graph: Graph, registry: NodeRegistry) -> dict[str, BatchNode]:
    found: dict[str, BatchNode] = {}
    issues: list[GraphIssue] = []
    for node_id, data in graph.nodes.items():
        spec = registry.get(str(data.get("type")))
        if spec is None or not issubclass(spec.node_class, BatchNode):
            continue
        inputs = {name: value for name, value in data.items() if name not in RESERVED_FIELDS}
        try:
            found[node_id] = spec.node_class.model_validate({**inputs, "id": node_id})
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"])
                message = f"node '{node_id}' input '{where}': {error['msg']}"
                issues.append(_issue(message, node_id, str(error["loc"][0]) if error["loc"] else None))
    if issues:
        raise GraphValidationError(issues)
    return found


def _items(
    node_id: str, node: BatchNode, board_images: BoardImages | None, issues: list[GraphIssue]
) -> list[Any]:
    try:
        values = node.batch_items(board_images)
    except ValueError as exc:
        issues.append(_issue(str(exc), node_id, node.source_input))
        return []
    if not values:
        message = f"batch node '{node_id}' ({node.spec.type}) has no items to batch over"
        issues.append(_issue(message, node_id, node.source_input))
    return values


def _length_issues(members: dict[str, set[str]], items: dict[str, list[Any]]) -> list[GraphIssue]:
    issues = []
    for key, node_ids in members.items():
        if len({len(items[node_id]) for node_id in node_ids}) < 2:
            continue
        sizes = ", ".join(f"'{node_id}' has {len(items[node_id])}" for node_id in sorted(node_ids))
        issues.append(
            _issue(f"batch group '{key}' zips lists of different lengths ({sizes}); make them equal")
        )
    return issues


def _with_primitives(graph: Graph, nodes: dict[str, BatchNode], items: dict[str, list[Any]]) -> Graph:
    """``graph`` with each batch node replaced by its primitive holding the first item (so the graph is
    valid as it stands; every queue item sets its own value)."""
    replaced = dict(graph.nodes)
    for node_id, node in nodes.items():
        type_id, field = node.primitive
        replaced[node_id] = {"id": node_id, "type": type_id, field: items[node_id][0]}
    return Graph(id=graph.id, nodes=replaced, edges=list(graph.edges))


def _issue(message: str, node_id: str | None = None, field: str | None = None) -> GraphIssue:
    return GraphIssue(code=CODE, message=message, node_id=node_id, field=field)
