"""An Impasto workflow's form as InvokeAI's form builder writes it (schema 4.0.0).

The elements keep their ids; InvokeAI also records each element's parent, and the widget of a number or
text field in its ``settings`` (which Impasto's ``component`` chooses).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from impasto.graph.node import NodeRegistry
from impasto.workflows.document import (
    ContainerElement,
    FieldElement,
    FormElement,
    HeadingElement,
    TextElement,
    WorkflowDocument,
)
from impasto.workflows.invokeai.table import export_map
from impasto.workflows.invokeai.values import BOARD

SETTINGS_TYPES: Final = {
    "int": "integer-field-config",
    "float": "float-field-config",
    "str": "string-field-config",
}
COMPONENTS: Final = {
    ("int", "slider"): "slider",
    ("float", "slider"): "slider",
    ("str", "textarea"): "textarea",
    ("str", "dropdown"): "dropdown",
}
"""(Impasto's input type, form component) → InvokeAI's widget, where it is not the default one. (A board
is a text in Impasto but its own kind of field in InvokeAI, without settings.)"""

Owner = Callable[[str, str], tuple[str, str]]
"""The node and input InvokeAI shows for an Impasto node's input."""


def form_out(document: WorkflowDocument, registry: NodeRegistry, owner: Owner) -> dict[str, Any]:
    """InvokeAI's form of a workflow (an empty root column where it has none)."""
    form = document.form
    if form is None:
        return {"rootElementId": "root", "elements": {"root": _container("root", "column", [], None)}}
    parents = {
        child: element.id
        for element in form.elements.values()
        if isinstance(element, ContainerElement)
        for child in element.children
    }
    elements = {
        key: _element(element, parents.get(key), document, registry, owner)
        for key, element in form.elements.items()
    }
    return {"rootElementId": form.root_id, "elements": elements}


def _element(
    element: FormElement, parent: str | None, document: WorkflowDocument, registry: NodeRegistry, owner: Owner
) -> dict[str, Any]:
    if isinstance(element, ContainerElement):
        return _container(element.id, element.layout, element.children, parent)
    out: dict[str, Any] = {"id": element.id, "type": element.type}
    if parent is not None:
        out["parentId"] = parent
    if isinstance(element, HeadingElement | TextElement):
        out["data"] = {"content": element.text}
    elif isinstance(element, FieldElement):
        out["type"] = "node-field"
        out["data"] = _field(element, document, registry, owner)
    return out


def _field(
    element: FieldElement, document: WorkflowDocument, registry: NodeRegistry, owner: Owner
) -> dict[str, Any]:
    node_type = str(document.graph.nodes.get(element.node_id, {}).get("type", ""))
    node_id, name = owner(element.node_id, element.field)
    if node_id == element.node_id:
        name = export_map(node_type).invokeai_input(element.field)
    data: dict[str, Any] = {
        "fieldIdentifier": {"nodeId": node_id, "fieldName": name},
        "showDescription": element.show_description,
    }
    spec = registry.get(node_type)
    field = spec.inputs.get(element.field) if spec else None
    if field is not None and field.type in SETTINGS_TYPES and element.field != BOARD:
        data["settings"] = _settings(field.type, element.component)
    return data


def _settings(field_type: str, component: str) -> dict[str, Any]:
    widget = COMPONENTS.get((field_type, component), "input" if field_type == "str" else "number-input")
    settings: dict[str, Any] = {"type": SETTINGS_TYPES[field_type], "component": widget}
    if field_type != "str":
        settings["showShuffle"] = False
    elif widget == "dropdown":
        settings["options"] = []
    return settings


def _container(element_id: str, layout: str, children: list[str], parent: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": element_id,
        "type": "container",
        "data": {"layout": layout, "children": children},
    }
    if parent is not None:
        out["parentId"] = parent
    return out
