"""Writing an Impasto workflow as an InvokeAI workflow file of schema 4.0.0 (the one InvokeAI reads today).

Each node becomes an invocation node with every input of its type (the value set in the graph, else the
input's default; connections have none), its position, label, notes and whether it is folded; sticky
notes become notes nodes; the form becomes InvokeAI's form, and its fields are also listed as
``exposedFields`` for readers of schema 3.0.0. A node's ``version`` is Impasto's version of the node type.
Types and fields are renamed by the same table the import uses, so InvokeAI → Impasto → InvokeAI gives
back the same nodes, edges, values, positions, labels and form.
"""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_jsonable_python

from impasto.graph.node import NodeRegistry, NodeSpec
from impasto.workflows.document import FieldElement, WorkflowDocument
from impasto.workflows.invokeai.form_out import form_out
from impasto.workflows.invokeai.gallery import GALLERY_INPUTS, SAVE_IMAGE, gallery_folds
from impasto.workflows.invokeai.noise import NOISE, NOISE_INPUTS, noise_folds
from impasto.workflows.invokeai.table import IMPASTO_PREFIX, export_map, invokeai_type
from impasto.workflows.invokeai.values import ModelCatalog, value_out

SCHEMA: Final = "4.0.0"
GRID: Final = 350.0


class InvokeAIWorkflowFile(BaseModel):
    """An InvokeAI workflow file (what the export writes; InvokeAI's own schema says the rest)."""

    model_config = ConfigDict(extra="allow")

    name: str = Field(description="Name of the workflow.")
    nodes: list[dict[str, Any]] = Field(description="Invocation and notes nodes, with positions.")
    edges: list[dict[str, Any]] = Field(description="Edges between node fields.")
    exposed_fields: list[dict[str, Any]] = Field(
        alias="exposedFields", description="The form's fields (for schema 3.0.0 readers)."
    )
    meta: dict[str, Any] = Field(description="The schema version ('4.0.0') and category.")
    form: dict[str, Any] = Field(description="The form builder's elements under one root container.")


def to_invokeai_workflow(
    document: WorkflowDocument, registry: NodeRegistry, catalog: ModelCatalog
) -> dict[str, Any]:
    """The InvokeAI workflow file of an Impasto workflow."""
    exporter = _Exporter(document, registry, catalog)
    nodes = [
        exporter.invocation(node, index)
        for index, node in enumerate(document.graph.nodes.values())
        if node["id"] not in exporter.folds and node["id"] not in exporter.noise_folds
    ]
    nodes += [
        {
            "id": note.id,
            "type": "notes",
            "position": note.position.model_dump(),
            "data": {"id": note.id, "type": "notes", "label": "", "isOpen": True, "notes": note.text},
        }
        for note in document.sticky_notes
    ]
    form = form_out(document, registry, exporter.owner)
    return {
        "name": document.name,
        "author": document.author,
        "description": document.description,
        "version": document.version,
        "contact": document.contact,
        "tags": ", ".join(document.tags),
        "notes": document.notes,
        "nodes": nodes,
        "edges": exporter.edges(),
        "exposedFields": [
            element["data"]["fieldIdentifier"]
            for element in form["elements"].values()
            if element["type"] == "node-field"
        ],
        "meta": {"version": SCHEMA, "category": "user"},
        "form": form,
    }


class _Exporter:
    def __init__(self, document: WorkflowDocument, registry: NodeRegistry, catalog: ModelCatalog) -> None:
        self.document = document
        self.registry = registry
        self.catalog = catalog
        self.folds = gallery_folds(document.graph)
        """Id of each ``save_image`` node written as its owner's 'not intermediate' → the owner's id."""
        self.kept = {owner: save for save, owner in self.folds.items()}
        self.noise_folds = noise_folds(document.graph)
        """Id of each ``noise`` node written as its denoiser's seed, width and height → the denoiser's."""
        self.noises = {owner: noise for noise, owner in self.noise_folds.items()}
        self.labels: dict[tuple[str, str], str] = {}
        for node_id, view in document.layout.items():
            for name, label in view.input_labels.items():
                self.labels[self.owner(node_id, name)] = label
        for element in document.form.elements.values() if document.form else []:
            if isinstance(element, FieldElement) and element.label:
                self.labels.setdefault(self.owner(element.node_id, element.field), element.label)

    def owner(self, node_id: str, name: str) -> tuple[str, str]:
        """The node and (Impasto) input that InvokeAI shows for an input: a folded ``save_image``'s
        inputs are its owner's."""
        if node_id in self.noise_folds and name in NOISE_INPUTS:
            return (self.noise_folds[node_id], name)
        return (self.folds[node_id], name) if node_id in self.folds else (node_id, name)

    def invocation(self, node: dict[str, Any], index: int) -> dict[str, Any]:
        node_id, node_type = str(node["id"]), str(node["type"])
        spec = self.registry.get(node_type)
        view = self.document.layout.get(node_id)
        inputs = self._inputs(node, spec) if spec else {}
        save_id = self.kept.get(node_id)
        if save_id is not None:
            save = self.document.graph.nodes[save_id]
            save_spec = self.registry.get(SAVE_IMAGE)
            assert save_spec is not None  # folds are only made of registered save_image nodes
            gallery = self._inputs(save, save_spec)
            inputs.update({name: gallery[name] for name in GALLERY_INPUTS if name in gallery})
        noise_id = self.noises.get(node_id)
        if noise_id is not None:
            noise_spec = self.registry.get(NOISE)
            assert noise_spec is not None  # folds are only made of registered noise nodes
            noise = self._inputs(self.document.graph.nodes[noise_id], noise_spec)
            inputs.update({name: noise[name] for name in NOISE_INPUTS})
            inputs.pop("noise", None)  # InvokeAI's denoiser has no noise input
        grid = {"x": (index % 4) * GRID, "y": (index // 4) * GRID}
        return {
            "id": node_id,
            "type": "invocation",
            "position": view.position.model_dump() if view else grid,
            "data": {
                "id": node_id,
                "type": _type_name(node_type),
                "version": spec.version if spec else "1.0.0",
                "nodePack": "invokeai" if spec is None or spec.pack == "builtin" else spec.pack,
                "label": view.label if view else "",
                "notes": view.notes if view else "",
                "isOpen": not (view and view.collapsed),
                "isIntermediate": save_id is None,
                "useCache": node.get("use_cache", True) is not False,
                "inputs": inputs,
            },
        }

    def _inputs(self, node: dict[str, Any], spec: NodeSpec) -> dict[str, Any]:
        mapping = export_map(spec.type)
        inputs: dict[str, Any] = {}
        for name, field in spec.inputs.items():
            theirs = mapping.invokeai_input(name)
            label = self.labels.get(self.owner(str(node["id"]), name), "")
            entry: dict[str, Any] = {"name": theirs, "label": label}
            value = node[name] if node.get(name) is not None else field.default
            if value is not None:
                value = value_out(field.type, name, to_jsonable_python(value), self.catalog)
                value = mapping.invokeai_value(name, value)
            if value is not None:
                entry["value"] = value
            inputs[theirs] = entry
        for theirs, value in mapping.settled.items():  # what Impasto does, said in InvokeAI's terms
            inputs.setdefault(theirs, {"name": theirs, "label": "", "value": value})
        return inputs

    def edges(self) -> list[dict[str, Any]]:
        nodes = self.document.graph.nodes
        out = []
        for edge in self.document.graph.edges:
            source, destination = edge.source, edge.destination
            if destination.node_id in self.folds and destination.field == "image":
                continue  # the owner's image into its own save_image: InvokeAI's 'not intermediate'
            if source.node_id in self.noise_folds or (
                destination.node_id in self.noise_folds and destination.field not in NOISE_INPUTS
            ):
                continue  # a folded noise node's latents and VAE: InvokeAI's denoiser makes its own
            output = export_map(str(nodes[source.node_id]["type"])).invokeai_output(source.field)
            target_id, target_field = self.owner(destination.node_id, destination.field)
            target = export_map(str(nodes[target_id]["type"])).invokeai_input(target_field)
            if target_id != destination.node_id:
                target = target_field
            out.append(
                {
                    "id": f"reactflow__edge-{source.node_id}{output}-{target_id}{target}",
                    "type": "default",
                    "source": source.node_id,
                    "target": target_id,
                    "sourceHandle": output,
                    "targetHandle": target,
                }
            )
        return out


def _type_name(node_type: str) -> str:
    """InvokeAI's type id; an Impasto type whose id InvokeAI uses for another node gets a prefix, so
    InvokeAI shows it as unknown instead of running something else."""
    return invokeai_type(node_type) or f"{IMPASTO_PREFIX}{node_type}"
