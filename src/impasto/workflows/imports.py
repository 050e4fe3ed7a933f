"""What an import reads: a workflow file (Impasto's or InvokeAI's) or the metadata of an image.

An image made by Impasto carries ``impasto_workflow`` (and ``impasto_graph``); one made by InvokeAI
carries ``invokeai_workflow`` when it came from a workflow and ``invokeai_graph`` always. The workflow
is preferred (it has the layout and the form); a graph alone becomes a workflow laid out in columns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from impasto.graph.model import Graph
from impasto.graph.node import NodeRegistry
from impasto.workflows.document import NodeView, Position, WorkflowDocument
from impasto.workflows.files import InvalidWorkflowFileError, read_workflow_file
from impasto.workflows.invokeai import (
    ImportReport,
    ModelCatalog,
    is_invokeai_workflow,
    read_invokeai_graph,
    read_invokeai_workflow,
)
from impasto.workflows.layout import arrange

CHUNKS = ("impasto_workflow", "invokeai_workflow", "impasto_graph", "invokeai_graph")
"""The metadata an image's workflow is read from, in order of preference."""


def read_file(
    data: Mapping[str, Any], registry: NodeRegistry, catalog: ModelCatalog
) -> tuple[WorkflowDocument, ImportReport]:
    """The document of a workflow file of either program, and what of it could not be mapped."""
    if is_invokeai_workflow(data):
        return read_invokeai_workflow(data, registry, catalog)
    report = ImportReport(source="impasto", schema_version=str(data.get("schema_version")))
    return read_workflow_file(data), report


def read_image(
    chunks: Mapping[str, str], registry: NodeRegistry, catalog: ModelCatalog
) -> tuple[WorkflowDocument, ImportReport]:
    """The workflow an image's metadata carries (or one made of its graph)."""
    found = next((key for key in CHUNKS if key in chunks), None)
    if found is None:
        message = f"the image carries no workflow: it has none of the metadata {', '.join(CHUNKS)}"
        raise InvalidWorkflowFileError(message, [{"loc": ["file"], "message": message}])
    try:
        data = json.loads(chunks[found])
    except ValueError as exc:
        message = f"{found}: the image's metadata is not JSON ({exc})"
        raise InvalidWorkflowFileError(message, [{"loc": [found], "message": message}]) from exc
    if not isinstance(data, dict):
        message = f"{found}: the image's metadata is not a JSON object"
        raise InvalidWorkflowFileError(message, [{"loc": [found], "message": message}])
    if found.endswith("_workflow"):
        return read_file(data, registry, catalog)
    if found == "invokeai_graph":
        graph, report = read_invokeai_graph(data, registry, catalog)
        return _graph_document(graph, "InvokeAI"), report
    try:
        graph = Graph.model_validate(data)
    except ValidationError as exc:
        message = f"{found}: the image's graph is not a graph ({exc.errors()[0]['msg']})"
        raise InvalidWorkflowFileError(message, [{"loc": [found], "message": message}]) from exc
    return _graph_document(graph, "Impasto"), ImportReport(source="impasto", schema_version="graph")


def _graph_document(graph: Graph, program: str) -> WorkflowDocument:
    layout = {node_id: NodeView(position=Position(x=x, y=y)) for node_id, (x, y) in arrange(graph).items()}
    return WorkflowDocument(name=f"Graph of an {program} image", graph=graph, layout=layout)
