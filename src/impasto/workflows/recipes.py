"""The default workflows, built by the same graph builders as the Generate tab.

Each default is a :class:`~impasto.builders.GenerateRequest` planned against a catalogue of stand-in
models and images (:class:`CatalogSources`), then freed of them: every input that names a stand-in is
removed, so the shipped workflow leaves the model (and any image) for the user to pick, and lists it
among its open inputs. What remains is exactly the graph the Generate tab would queue. ``tools/
default_workflows.py`` writes the package's files from here; a test checks that they match.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from impasto.builders import GenerateRequest, build_plan, resolve
from impasto.builders.plan import METADATA
from impasto.builders.sources import Alpha
from impasto.builders.upscale import UpscaleRequest, plan_upscale
from impasto.graph.model import Edge, EdgeEndpoint, Graph
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant, PredictionType
from impasto.presets import StylePreset
from impasto.workflows.document import (
    ContainerElement,
    FieldElement,
    FormElement,
    NodeView,
    Position,
    WorkflowDocument,
    WorkflowForm,
)
from impasto.workflows.layout import arrange

STAND_IN = "stand-in:"
"""The prefix of every stand-in model key and image name; nothing real is named like this."""
AUTHOR = "Impasto"
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _record(
    role: str,
    base: BaseModelType,
    model_type: ModelType,
    variant: ModelVariant | None = None,
    details: dict[str, Any] | None = None,
) -> ModelRecord:
    flow = base in (BaseModelType.FLUX, BaseModelType.SD3)
    return ModelRecord(
        key=STAND_IN + role,
        name=role,
        base=base,
        type=model_type,
        format=ModelFormat.DIFFUSERS,
        variant=variant,
        prediction_type=(PredictionType.FLOW if flow else PredictionType.EPSILON)
        if model_type is ModelType.MAIN
        else None,
        path=role,
        owned=True,
        hash="blake3:" + "0" * 64,
        size=0,
        source=STAND_IN + role,
        source_type="path",
        created_at=_EPOCH,
        updated_at=_EPOCH,
        details=details or {},
    )


RECORDS = {
    record.key: record
    for record in (
        _record("sd1", BaseModelType.SD1, ModelType.MAIN, ModelVariant.NORMAL),
        _record("sd1-inpaint", BaseModelType.SD1, ModelType.MAIN, ModelVariant.INPAINT),
        _record("sdxl", BaseModelType.SDXL, ModelType.MAIN, ModelVariant.NORMAL),
        _record("flux-dev", BaseModelType.FLUX, ModelType.MAIN, ModelVariant.FLUX_DEV),
        _record("sd3-medium", BaseModelType.SD3, ModelType.MAIN, ModelVariant.SD3_MEDIUM),
        _record("sd1-lora", BaseModelType.SD1, ModelType.LORA),
        _record("sd1-controlnet", BaseModelType.SD1, ModelType.CONTROLNET),
        _record("sd1-controlnet-2", BaseModelType.SD1, ModelType.CONTROLNET),
        _record("sdxl-refiner", BaseModelType.SDXL_REFINER, ModelType.MAIN, ModelVariant.NORMAL),
        _record("flux-fill", BaseModelType.FLUX, ModelType.MAIN, ModelVariant.FLUX_FILL),
        _record("upscaler", BaseModelType.ANY, ModelType.UPSCALER, details={"scale": 4}),
    )
}
_LATENT_FACTOR = 8
_RUNTIME_FACTS = ("app_version",)
"""Metadata the running Impasto fills in (the version that made the image), never fixed in a file."""


@dataclass
class CatalogSources:
    """:class:`~impasto.builders.GenerationSources` answering with stand-ins: every model of
    :data:`RECORDS`, and any image name starting with :data:`STAND_IN` (opaque, ``image_size`` pixels)."""

    image_size_px: tuple[int, int] = (512, 512)
    wildcards_dir: Path | None = None
    max_image_pixels: Mapping[BaseModelType, int] = field(default_factory=dict)

    def models(self, ref: str) -> list[ModelRecord]:
        record = RECORDS.get(ref) or RECORDS.get(STAND_IN + ref)
        return [record] if record else []

    def default_model(self) -> ModelRecord | None:
        return RECORDS[STAND_IN + "sd1"]

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        return [record for record in RECORDS.values() if record.type is model_type]

    def latent_factor(self, record: ModelRecord) -> int:
        return _LATENT_FACTOR

    def text_encoder_layers(self, record: ModelRecord) -> int | None:
        return None

    def image_size(self, name: str) -> tuple[int, int] | None:
        return self.image_size_px if name.startswith(STAND_IN) else None

    def image_alpha(self, name: str) -> Alpha:
        return "opaque"

    def has_board(self, board_id: str) -> bool:
        return False

    def style_preset(self, ref: str) -> StylePreset | None:
        return None


@dataclass(frozen=True)
class Recipe:
    """One default workflow: what it is called, the request whose graph it is (a generation, or an upscale
    with ``upscale``), and what is changed in the graph afterwards that no request says (``finish``)."""

    slug: str
    name: str
    description: str
    tags: tuple[str, ...]
    request: dict[str, Any]
    upscale: bool = False
    finish: Callable[[Graph], Graph] | None = None
    form_inputs: tuple[str, ...] = ()
    form_skip: tuple[str, ...] = ()


def planned_graph(recipe: Recipe) -> Graph:
    """The graph the Generate (or Upscale) tab would queue for the recipe's request, stand-ins and all."""
    if recipe.upscale:
        return plan_upscale(UpscaleRequest.model_validate(recipe.request), CatalogSources()).graph
    return build_plan(resolve(GenerateRequest.model_validate(recipe.request), CatalogSources())).graph


def build_workflow(recipe: Recipe) -> WorkflowDocument:
    """The workflow of a recipe: its request's graph without stand-ins, laid out, with a form."""
    original = planned_graph(recipe)
    shared = recipe.request.get("creative", {}) if recipe.upscale else recipe.request
    graph = shared_values(without_stand_ins(original), shared)
    if recipe.finish is not None:
        graph = recipe.finish(graph)
    return WorkflowDocument(
        name=recipe.name,
        description=recipe.description,
        author=AUTHOR,
        tags=list(recipe.tags),
        graph=graph,
        layout={node_id: NodeView(position=Position(x=x, y=y)) for node_id, (x, y) in arrange(graph).items()},
        form=_form(original, graph, FORM_INPUTS + recipe.form_inputs, recipe.form_skip),
    )


def without_stand_ins(graph: Graph) -> Graph:
    """``graph`` with every input that names a stand-in removed (inside ``base`` of the metadata node
    too, so an image records only what the user picked, and the version that made it)."""
    nodes = {}
    for node_id, node in graph.nodes.items():
        base = node.get("base") if node_id == METADATA else None
        kept = {name: value for name, value in node.items() if not _names_stand_in(value)}
        if isinstance(base, dict):
            kept["base"] = {
                k: v for k, v in base.items() if not _names_stand_in(v) and k not in _RUNTIME_FACTS
            }
        nodes[node_id] = kept
    return Graph(nodes=nodes, edges=list(graph.edges))


SHARED = (
    ("prompt_text", "string", "prompt", "positive_prompt", ("prompt", "style")),
    ("negative_text", "string", "negative_prompt", "negative_prompt", ("prompt", "style")),
    ("seed_value", "integer", "seed", "seed", ("seed",)),
)
"""Values several nodes read (primitive node id and type, request field, the metadata node's input, the
node inputs that hold it): one primitive node feeds them all, so editing it also changes what the image
records."""


def shared_values(graph: Graph, request: Mapping[str, Any]) -> Graph:
    """``graph`` with the prompt, negative prompt and seed each typed once, in a primitive node connected
    to every input that held it and to the metadata node (which would otherwise keep the old value)."""
    nodes = {node_id: dict(node) for node_id, node in graph.nodes.items()}
    edges = list(graph.edges)
    for node_id, kind, key, recorded, names in SHARED:
        value = request.get(key)
        targets = [
            (target, name)
            for target, node in nodes.items()
            for name in names
            if target != METADATA and node.get(name) == value and value is not None
        ]
        if not targets:
            continue
        for target, name in targets:
            del nodes[target][name]
        nodes[node_id] = {"id": node_id, "type": kind, "value": value}
        if METADATA in nodes:
            targets.append((METADATA, recorded))
        edges += [_edge(node_id, target, name) for target, name in targets]
    return Graph(nodes=nodes, edges=edges)


def _edge(source: str, target: str, field: str) -> Edge:
    return Edge(
        source=EdgeEndpoint(node_id=source, field="value"),
        destination=EdgeEndpoint(node_id=target, field=field),
    )


def _names_stand_in(value: Any) -> bool:
    return STAND_IN in json.dumps(value)


FORM_INPUTS = ("prompt", "width", "height", "seed", "steps", "cfg_scale", "guidance", "strength")
"""Inputs a default workflow's form offers (after those the user must fill in), where a node has them."""


def _form(original: Graph, graph: Graph, inputs: tuple[str, ...], skip: tuple[str, ...]) -> WorkflowForm:
    """A column of the inputs to fill in (the stand-ins removed), then the usual settings (``inputs``,
    where a node has them; ``skip`` names ``node.field`` pairs that only follow from others)."""
    fields = [
        (node_id, name)
        for node_id, node in original.nodes.items()
        for name, value in node.items()
        if _names_stand_in(value) and node_id != METADATA and node_id in graph.nodes
    ]
    fields += [(node_id, "value") for node_id, *_ in SHARED if node_id in graph.nodes]
    fields += [
        (node_id, name)
        for node_id, node in graph.nodes.items()
        for name in inputs
        if name in node and node_id != METADATA
    ]
    elements: dict[str, FormElement] = {}
    for node_id, name in fields:
        element_id = f"{node_id}.{name}"
        if element_id in skip:
            continue
        elements[element_id] = FieldElement(id=element_id, type="field", node_id=node_id, field=name)
    root = ContainerElement(id="root", type="container", layout="column", children=list(elements))
    return WorkflowForm(root_id="root", elements={"root": root, **elements})
