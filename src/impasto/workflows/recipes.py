"""The default workflows, built by the same graph builders as the Generate tab.

Each default is a :class:`~impasto.builders.GenerateRequest` planned against a catalogue of stand-in
models and images (:class:`CatalogSources`), then freed of them: every input that names a stand-in is
removed, so the shipped workflow leaves the model (and any image) for the user to pick, and lists it
among its open inputs. What remains is exactly the graph the Generate tab would queue. ``tools/
default_workflows.py`` writes the package's files from here; a test checks that they match.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from impasto.builders import GenerateRequest, build_plan, resolve
from impasto.builders.plan import METADATA
from impasto.builders.sources import Alpha
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
    role: str, base: BaseModelType, model_type: ModelType, variant: ModelVariant | None = None
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
    """One default workflow: what it is called and the request whose graph it is."""

    slug: str
    name: str
    description: str
    tags: tuple[str, ...]
    request: dict[str, Any]


def build_workflow(recipe: Recipe) -> WorkflowDocument:
    """The workflow of a recipe: its request's graph without stand-ins, laid out, with a form."""
    plan = build_plan(resolve(GenerateRequest.model_validate(recipe.request), CatalogSources()))
    graph = shared_values(without_stand_ins(plan.graph), recipe.request)
    return WorkflowDocument(
        name=recipe.name,
        description=recipe.description,
        author=AUTHOR,
        tags=list(recipe.tags),
        graph=graph,
        layout={node_id: NodeView(position=Position(x=x, y=y)) for node_id, (x, y) in arrange(graph).items()},
        form=_form(plan.graph, graph),
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


def _form(original: Graph, graph: Graph) -> WorkflowForm:
    """A column of the inputs to fill in (the stand-ins removed), then the usual settings."""
    fields = [
        (node_id, name)
        for node_id, node in original.nodes.items()
        for name, value in node.items()
        if _names_stand_in(value) and node_id != METADATA
    ]
    fields += [(node_id, "value") for node_id, *_ in SHARED if node_id in graph.nodes]
    fields += [
        (node_id, name)
        for node_id, node in graph.nodes.items()
        for name in FORM_INPUTS
        if name in node and node_id != METADATA
    ]
    elements: dict[str, FormElement] = {}
    for node_id, name in fields:
        element_id = f"{node_id}.{name}"
        elements[element_id] = FieldElement(id=element_id, type="field", node_id=node_id, field=name)
    root = ContainerElement(id="root", type="container", layout="column", children=list(elements))
    return WorkflowForm(root_id="root", elements={"root": root, **elements})


_NEGATIVE = "blurry, lowres, jpeg artifacts, watermark, text"
_PROMPT = "a lighthouse on a rocky cliff at sunset, dramatic clouds, detailed"


def _sd1(**fields: Any) -> dict[str, Any]:
    return {"model": "sd1", "prompt": _PROMPT, "negative_prompt": _NEGATIVE, "seed": 1, "width": 512,
            "height": 512, "steps": 30, "cfg_scale": 7.5, **fields}  # fmt: skip


RECIPES = (
    Recipe(
        "impasto-shapes",
        "Text to Image - Impasto Shapes (demo)",
        "The tiny demo model every new root has: 64 px shapes in a second on any CPU. Pick "
        "'Impasto Shapes (demo)' as the model.",
        ("text to image", "demo", "sd-1"),
        {
            "model": "sd1",
            "prompt": "a red circle on a blue background",
            "seed": 1,
            "width": 64,
            "height": 64,
            "steps": 20,
            "cfg_scale": 5.0,
            "scheduler": "dpmpp_2m",
        },
    ),
    Recipe(
        "text-to-image-sd1",
        "Text to Image - SD 1.5",
        "A prompt and a negative prompt to a 512 px image with a Stable Diffusion 1.x model.",
        ("text to image", "sd-1"),
        _sd1(),
    ),
    Recipe(
        "text-to-image-sdxl",
        "Text to Image - SDXL",
        "A prompt and a negative prompt to a 1024 px image with an SDXL model.",
        ("text to image", "sdxl"),
        {
            "model": "sdxl",
            "prompt": _PROMPT,
            "negative_prompt": _NEGATIVE,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 30,
            "cfg_scale": 6.0,
        },
    ),
    Recipe(
        "text-to-image-flux",
        "Text to Image - FLUX.1 dev",
        "A prompt to a 1024 px image with FLUX.1 dev (no negative prompt; guidance instead of CFG).",
        ("text to image", "flux"),
        {
            "model": "flux-dev",
            "prompt": _PROMPT,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 28,
            "guidance": 3.5,
        },
    ),
    Recipe(
        "text-to-image-sd3",
        "Text to Image - SD 3.5",
        "A prompt and a negative prompt to a 1024 px image with Stable Diffusion 3.5 Medium or Large.",
        ("text to image", "sd-3"),
        {
            "model": "sd3-medium",
            "prompt": _PROMPT,
            "negative_prompt": _NEGATIVE,
            "seed": 1,
            "width": 1024,
            "height": 1024,
            "steps": 28,
            "cfg_scale": 4.5,
        },
    ),
    Recipe(
        "text-to-image-lora-sd1",
        "Text to Image with LoRA - SD 1.5",
        "Text to image with a LoRA applied to the UNet and the text encoder (weight 0.75).",
        ("text to image", "lora", "sd-1"),
        _sd1(loras=[{"model": "sd1-lora", "weight": 0.75}]),
    ),
    Recipe(
        "image-to-image-sd1",
        "Image to Image - SD 1.5",
        "Repaints an image after a prompt; the strength says how much changes (0: nothing, 1: all).",
        ("image to image", "sd-1"),
        _sd1(init_image=STAND_IN + "init", strength=0.6),
    ),
    Recipe(
        "inpaint-sd1",
        "Inpaint - SD 1.5",
        "Repaints the white part of a mask over an image after a prompt, and pastes it back.",
        ("inpaint", "sd-1"),
        _sd1(init_image=STAND_IN + "init", mask=STAND_IN + "mask", strength=1.0),
    ),
    Recipe(
        "controlnet-canny-sd1",
        "ControlNet (Canny edges) - SD 1.5",
        "Text to image following the edges of a control image (Canny preprocessor, then a ControlNet).",
        ("controlnet", "text to image", "sd-1"),
        _sd1(
            controlnets=[{"model": "sd1-controlnet", "image": STAND_IN + "control", "preprocessor": "canny"}]
        ),
    ),
    Recipe(
        "hires-fix-sd1",
        "Hires Fix - SD 1.5",
        "Text to image at 512 px, then a second pass at twice the size that adds detail.",
        ("text to image", "hires fix", "upscale", "sd-1"),
        _sd1(hires_fix={"scale": 2.0, "strength": 0.45}),
    ),
)
