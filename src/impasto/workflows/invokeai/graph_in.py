"""Reading an InvokeAI graph (what its queue runs, and what its images carry as ``invokeai_graph``).

An InvokeAI graph is ``{id, nodes: {id: {id, type, <input>: <value>, is_intermediate, use_cache}}, edges:
[{source: {node_id, field}, destination: {node_id, field}}]}``, the shape Impasto's graphs have; only the
node types and field names are mapped (:mod:`impasto.workflows.invokeai.table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from impasto.errors import InvalidInputError
from impasto.graph.model import Graph
from impasto.graph.node import NodeRegistry
from impasto.workflows.invokeai.nodes import GraphMapper
from impasto.workflows.invokeai.report import ImportReport
from impasto.workflows.invokeai.values import ModelCatalog


class InvokeAIGraphError(InvalidInputError):
    """An InvokeAI graph has nodes, fields or edges Impasto cannot run; ``details`` lists each."""

    code = "unmappable_graph"


def read_invokeai_graph(
    data: Mapping[str, Any], registry: NodeRegistry, catalog: ModelCatalog
) -> tuple[Graph, ImportReport]:
    """The Impasto graph of an InvokeAI graph, and what of it could not be mapped."""
    graph, mapper = map_invokeai_graph(data, registry, catalog)
    return graph, mapper.report


def map_invokeai_graph(
    data: Mapping[str, Any], registry: NodeRegistry, catalog: ModelCatalog
) -> tuple[Graph, GraphMapper]:
    """The Impasto graph of an InvokeAI graph, and the mapper that made it (its report says what could
    not be mapped; :meth:`GraphMapper.input_of` where each InvokeAI input went)."""
    report = ImportReport(source="invokeai", schema_version="graph")
    mapper = GraphMapper(registry, catalog, report)
    nodes = data.get("nodes")
    edges = data.get("edges", [])
    if not isinstance(nodes, Mapping) or not isinstance(edges, list):
        raise InvalidInputError("an InvokeAI graph has 'nodes' (an object keyed by id) and 'edges' (a list)")
    for key, node in nodes.items():
        if not isinstance(node, Mapping):
            raise InvalidInputError(f"nodes.{key}: a node is an object with 'type' and its inputs")
        to_gallery = node.get("is_intermediate", False) is False  # InvokeAI's default: kept
        mapper.add_node(str(key), str(node.get("type", "")), node, to_gallery=to_gallery)
        if str(key) in mapper.nodes and node.get("use_cache") is False:
            mapper.nodes[str(key)]["use_cache"] = False
    for index, edge in enumerate(edges):
        try:
            source, destination = edge["source"], edge["destination"]
            ends = [str(end[key]) for end in (source, destination) for key in ("node_id", "field")]
        except (KeyError, TypeError) as exc:
            raise InvalidInputError(f"edges.{index}: an edge has a source and a destination") from exc
        mapper.add_edge(ends[0], ends[1], ends[2], ends[3])
    graph_id = data.get("id")
    return mapper.graph(graph_id if isinstance(graph_id, str) else None), mapper


def require_mapped(report: ImportReport) -> None:
    """Raise :class:`InvokeAIGraphError` naming every node, field and edge left out (a graph that would
    run only in part would make other images than InvokeAI does)."""
    if report.problems:
        first = report.problems[0]
        more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
        where = first.node_id or first.edge or "graph"
        raise InvokeAIGraphError(
            f"the InvokeAI graph cannot run here: {where}: {first.reason}{more}",
            [problem.model_dump(exclude_none=True) for problem in report.problems],
        )
