"""Reading an InvokeAI workflow file (schema 1.x, 2.0.0, 3.0.0 or 4.0.0) as an Impasto workflow document.

The versions differ little for what is read here: every one has ``nodes`` (invocation and notes nodes
with a position, and per input a ``value`` and a ``label``) and ``edges`` (``source``/``sourceHandle`` to
``target``/``targetHandle``); 1.x and 2.0.0 also spell each input's type, which is not needed. 4.0.0 adds
the ``form`` (a tree of containers, node fields, headings, text and dividers, which Impasto's form copies
element for element); earlier files list ``exposedFields``, which become a form of one column. Connector
nodes (InvokeAI's reroute points) are followed through to the real ends of their edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from impasto.graph.node import NodeRegistry
from impasto.workflows.document import WorkflowDocument
from impasto.workflows.files import InvalidWorkflowFileError
from impasto.workflows.invokeai.form_in import FieldLabels, read_form
from impasto.workflows.invokeai.generators import fold_generators
from impasto.workflows.invokeai.nodes import GraphMapper
from impasto.workflows.invokeai.report import ImportReport
from impasto.workflows.invokeai.values import ModelCatalog

GALLERY_OFFSET = 380.0
VERSIONS = ("2.0.0", "3.0.0", "4.0.0")
"""Schema versions read besides 1.x (any 1.x is read as 1.0.0 is)."""
UNNAMED = "Imported InvokeAI workflow"


def is_invokeai_workflow(data: Mapping[str, Any]) -> bool:
    """Whether a JSON object looks like an InvokeAI workflow (a ``meta`` and a list of nodes)."""
    return isinstance(data.get("meta"), Mapping) and isinstance(data.get("nodes"), list)


def read_invokeai_workflow(
    data: Mapping[str, Any], registry: NodeRegistry, catalog: ModelCatalog
) -> tuple[WorkflowDocument, ImportReport]:
    """The Impasto document of an InvokeAI workflow, and what of it could not be mapped."""
    meta = data.get("meta")
    version = str(meta.get("version", "")) if isinstance(meta, Mapping) else ""
    if not (version.startswith("1.") or version in VERSIONS):
        raise _refused(
            ["meta", "version"],
            f"meta.version: this Impasto reads InvokeAI workflows of schema 1.x, {', '.join(VERSIONS)}, "
            f"not {version!r}",
        )
    report = ImportReport(source="invokeai", schema_version=version)
    mapper = GraphMapper(registry, catalog, report)
    nodes, edges = fold_generators(_list(data, "nodes"), _list(data, "edges"))
    layout, notes, labels, connectors = _read_nodes(nodes, mapper)
    _read_edges(edges, mapper, connectors)
    graph = mapper.graph()
    form = read_form(data, graph, mapper, labels)
    _place_galleries(layout, mapper)
    _keep_labels(labels, layout, mapper)
    values = {
        "name": _text(data.get("name")).strip() or UNNAMED,
        "description": _text(data.get("description")),
        "author": _text(data.get("author")),
        "tags": [tag.strip() for tag in _text(data.get("tags")).split(",") if tag.strip()],
        "notes": _text(data.get("notes")),
        "version": _text(data.get("version")).strip(),
        "contact": _text(data.get("contact")).strip(),
        "graph": graph,
        "layout": {node_id: view for node_id, view in layout.items() if node_id in graph.nodes},
        "sticky_notes": notes,
        "form": form,
    }
    try:
        return WorkflowDocument.model_validate(values), report
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise _refused(list(first["loc"]), f"{where}: {first['msg']}") from exc


def _read_nodes(
    nodes: list[Any], mapper: GraphMapper
) -> tuple[dict[str, Any], list[dict[str, Any]], FieldLabels, set[str]]:
    """The nodes mapped into ``mapper``; returns their views, the notes, input labels and connectors."""
    layout: dict[str, Any] = {}
    notes: list[dict[str, Any]] = []
    labels: FieldLabels = {}
    connectors: set[str] = set()
    for index, node in enumerate(nodes):
        if not isinstance(node, Mapping) or not isinstance(node.get("data"), Mapping):
            raise _refused(["nodes", index], f"nodes.{index}: a node is an object with 'data'")
        node_id, data = node.get("id"), node["data"]
        if not isinstance(node_id, str) or not node_id.strip():
            raise _refused(["nodes", index, "id"], f"nodes.{index}.id: a node has a non-empty id")
        kind = node.get("type")
        position = _position(node.get("position"))
        if kind == "invocation":
            _read_invocation(node_id, data, mapper, labels)
            layout[node_id] = {
                "position": position,
                "label": _text(data.get("label")),
                "notes": _text(data.get("notes")),
                "collapsed": data.get("isOpen") is False,
            }
        elif kind == "notes":
            notes.append({"id": node_id, "position": position, "text": _text(data.get("notes"))})
            if _text(data.get("label")):
                mapper.report.add(
                    "notes", "Impasto's notes have no title; the text is kept", element_id=node_id
                )
        elif kind == "connector":
            connectors.add(node_id)
        else:
            mapper.report.add(
                "node", f"the editor node kind '{kind}' has no Impasto counterpart", node_id=node_id
            )
    return layout, notes, labels, connectors


def _read_invocation(node_id: str, data: Mapping[str, Any], mapper: GraphMapper, labels: FieldLabels) -> None:
    inputs = data.get("inputs") if isinstance(data.get("inputs"), Mapping) else {}
    assert isinstance(inputs, Mapping)
    values = {}
    for name, field in inputs.items():
        if isinstance(field, Mapping):
            values[str(name)] = field.get("value")
            if _text(field.get("label")):
                labels[(node_id, str(name))] = _text(field["label"])
    to_gallery = data.get("isIntermediate") is False
    if (
        mapper.add_node(node_id, str(data.get("type", "")), values, to_gallery=to_gallery)
        and data.get("useCache") is False
    ):
        mapper.nodes[node_id]["use_cache"] = False


def _read_edges(edges: list[Any], mapper: GraphMapper, connectors: set[str]) -> None:
    """Default edges mapped into ``mapper``, followed through connector nodes; collapsed edges (drawn
    in place of the edges of a folded node, with no fields) carry nothing and are skipped."""
    plain = [e for e in edges if isinstance(e, Mapping) and e.get("type", "default") == "default"]
    feeding = {str(e.get("target")): e for e in plain if str(e.get("target")) in connectors}
    for edge in plain:
        if str(edge.get("target")) in connectors:
            continue
        source, output = str(edge.get("source")), str(edge.get("sourceHandle"))
        seen: set[str] = set()
        while source in connectors and source in feeding and source not in seen:
            seen.add(source)
            upstream = feeding[source]
            source, output = str(upstream.get("source")), str(upstream.get("sourceHandle"))
        mapper.add_edge(source, output, str(edge.get("target")), str(edge.get("targetHandle")))


def _place_galleries(layout: dict[str, Any], mapper: GraphMapper) -> None:
    """An added ``save_image`` node sits right of the node whose image it saves, an added ``noise``
    node left of its denoiser."""
    for offset, added in ((GALLERY_OFFSET, mapper.galleries), (-GALLERY_OFFSET, mapper.noises)):
        for node_id, added_id in added.items():
            position = layout.get(node_id, {}).get("position", {"x": 0.0, "y": 0.0})
            layout[added_id] = {"position": {"x": position["x"] + offset, "y": position["y"]}}


def _keep_labels(labels: FieldLabels, layout: dict[str, Any], mapper: GraphMapper) -> None:
    """Each input's label onto the view of the Impasto node that has the input."""
    for (node_id, name), label in labels.items():
        if node_id not in mapper.nodes:
            continue  # the node is reported
        target, mine = mapper.input_of(node_id, name)
        if target in layout:
            layout[target].setdefault("input_labels", {})[mine] = label


def _position(value: Any) -> dict[str, float]:
    if isinstance(value, Mapping) and all(isinstance(value.get(k), int | float) for k in "xy"):
        return {"x": float(value["x"]), "y": float(value["y"])}
    return {"x": 0.0, "y": 0.0}


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _refused([key], f"{key}: a list is expected")
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _refused(loc: list[Any], message: str) -> InvalidWorkflowFileError:
    return InvalidWorkflowFileError(message, [{"loc": loc, "message": message}])
