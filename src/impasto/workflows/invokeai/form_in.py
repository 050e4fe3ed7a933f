"""An InvokeAI workflow's form (schema 4.0.0) or exposed fields (earlier schemas) as Impasto's form.

InvokeAI's form builder and Impasto's form have the same elements (containers laid out in rows or
columns, node fields, headings, text, dividers) under one root container; InvokeAI keeps an element's
content under ``data`` and names a field by ``fieldIdentifier``. A field's label is the label of the
node's input, which Impasto keeps on the form's field element.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from impasto.graph.model import Graph
from impasto.workflows.invokeai.nodes import GraphMapper
from impasto.workflows.invokeai.table import SETTLED_EVERYWHERE

FieldLabels = dict[tuple[str, str], str]
"""The label of each node input that has one, keyed by (node id, InvokeAI's input name)."""

COMPONENTS = {
    "number-input": "default",
    "input": "default",
    "slider": "slider",
    "number-input-and-slider": "slider",
    "textarea": "textarea",
    "dropdown": "dropdown",
}
"""InvokeAI's widget of a form field → Impasto's."""
ROOT = "root"
MAX_DEPTH = 64
"""Containers nested deeper than this are left out (InvokeAI's editor makes a few levels)."""


def read_form(
    data: Mapping[str, Any], graph: Graph, mapper: GraphMapper, labels: FieldLabels
) -> dict[str, Any] | None:
    """Impasto's form of a workflow (None where it has neither a form nor exposed fields); a field
    element's label is its input's label."""
    reader = _FormReader(graph, mapper, labels)
    form = data.get("form")
    if isinstance(form, Mapping) and isinstance(form.get("elements"), Mapping):
        root_id = str(form.get("rootElementId", ROOT))
        root = form["elements"].get(root_id)
        if isinstance(root, Mapping) and _data(root).get("children"):
            reader.element(root_id, form["elements"])
            return {"root_id": root_id, "elements": reader.elements}
    exposed = data.get("exposedFields")
    if isinstance(exposed, list) and exposed:
        children = [reader.exposed(item) for item in exposed if isinstance(item, Mapping)]
        kept = [child for child in children if child is not None]
        reader.elements[ROOT] = {"id": ROOT, "type": "container", "layout": "column", "children": kept}
        return {"root_id": ROOT, "elements": reader.elements}
    return None


class _FormReader:
    def __init__(self, graph: Graph, mapper: GraphMapper, labels: FieldLabels) -> None:
        self.graph = graph
        self.mapper = mapper
        self.labels = labels
        self.elements: dict[str, dict[str, Any]] = {}

    def element(self, element_id: str, source: Mapping[str, Any], depth: int = 0) -> bool:
        """Copy one element (and a container's children); False where it is left out."""
        element = source.get(element_id)
        if not isinstance(element, Mapping) or element_id in self.elements or depth > MAX_DEPTH:
            self._left_out(element_id, "the element is missing, placed twice or nested too deeply")
            return False
        kind, data = element.get("type"), _data(element)
        copied: dict[str, Any] = {"id": element_id, "type": kind}
        if kind == "container":
            self.elements[element_id] = copied  # claimed before the children, against cycles
            listed = data.get("children")
            children = (
                [child for child in listed if isinstance(child, str)] if isinstance(listed, list) else []
            )
            copied["layout"] = "row" if data.get("layout") == "row" else "column"
            copied["children"] = [child for child in children if self.element(child, source, depth + 1)]
        elif kind in ("heading", "text"):
            copied["text"] = str(data.get("content", ""))
        elif kind == "node-field":
            field = self._field(element_id, data)
            if field is None:
                return False
            copied = field
        elif kind != "divider":
            self._left_out(element_id, f"Impasto's form has no element of kind '{kind}'")
            return False
        self.elements[element_id] = copied
        return True

    def exposed(self, item: Mapping[str, Any]) -> str | None:
        """A field element for an exposed field (schemas 1.x to 3.0.0); returns its id."""
        element_id = f"{item.get('nodeId')}.{item.get('fieldName')}"
        copied = self._field(element_id, {"fieldIdentifier": item})
        if copied is None or element_id in self.elements:
            return None
        self.elements[element_id] = copied
        return element_id

    def _field(self, element_id: str, data: Mapping[str, Any]) -> dict[str, Any] | None:
        identifier = data.get("fieldIdentifier")
        identifier = identifier if isinstance(identifier, Mapping) else {}
        node_id, name = str(identifier.get("nodeId")), str(identifier.get("fieldName"))
        node = self.graph.nodes.get(node_id)
        if node is None:
            self._left_out(element_id, f"its node '{node_id}' is not in the graph", node_id, name)
            return None
        target, mine = self.mapper.input_of(node_id, name)
        spec = self.mapper.registry.get(str(self.graph.nodes[target]["type"]))
        if spec is not None and mine not in spec.inputs and name in SETTLED_EVERYWHERE:
            return None  # an intermediate node's board or metadata: its value, if any, is reported
        if spec is None or mine not in spec.inputs:
            self._left_out(element_id, f"Impasto's '{node['type']}' has no input '{mine}'", node_id, name)
            return None
        settings = data.get("settings") if isinstance(data.get("settings"), Mapping) else {}
        assert isinstance(settings, Mapping)
        self._report_settings(element_id, settings, node_id, name)
        return {
            "id": element_id,
            "type": "field",
            "node_id": target,
            "field": mine,
            "label": self.labels.get((node_id, name), ""),
            "show_description": data.get("showDescription", True) is not False,
            "component": COMPONENTS.get(str(settings.get("component")), "default"),
        }

    def _report_settings(self, element_id: str, settings: Mapping[str, Any], node_id: str, name: str) -> None:
        lost = [key for key in ("min", "max", "options") if settings.get(key) not in (None, [])]
        if settings.get("showShuffle"):
            lost.append("showShuffle")
        if lost:
            self._left_out(element_id, f"the field's {', '.join(lost)} setting is not kept", node_id, name)

    def _left_out(
        self, element_id: str, reason: str, node_id: str | None = None, name: str | None = None
    ) -> None:
        self.mapper.report.add("form", reason, element_id=element_id, node_id=node_id, field=name)


def _data(element: Mapping[str, Any]) -> Mapping[str, Any]:
    data = element.get("data")
    return data if isinstance(data, Mapping) else {}
