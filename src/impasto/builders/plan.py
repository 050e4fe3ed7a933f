"""From a request to a runnable plan: the graph, its batch data, and the seed and prompt of every item.

Batch data give each queue item its own values without changing the graph: one group zips the seed into
every noise node and the metadata node, and (for a dynamic prompt) one group zips each expanded prompt
into the prompt nodes and the metadata node. Groups are crossed, prompts outermost, so every prompt is
drawn with every seed: ``prompt 1 / seed s, prompt 1 / seed s+1, ..., prompt 2 / seed s, ...``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from impasto.builders.checks import GenerateRequestError
from impasto.builders.controls import add_controls
from impasto.builders.draft import GraphDraft, Out
from impasto.builders.families.base import Target
from impasto.builders.metadata import metadata_base
from impasto.builders.modes import BUILDERS, INFILL, MASK_NOISE, Drawn, Inputs
from impasto.builders.request import GenerateRequest, Mode
from impasto.builders.resolve import Resolved, resolve
from impasto.builders.sources import GenerationSources
from impasto.graph.model import Graph, GraphIssue
from impasto.graph.node import NodeRegistry
from impasto.graph.validation import GraphValidationError, prepare

METADATA = "metadata"
SAVE = "save"


class BatchField(BaseModel):
    """Values for one node input, one per item (the shape of the queue's batch data)."""

    node_id: str = Field(description="Id of the node whose input receives the values.")
    field: str = Field(description="Name of the input.")
    items: list[Any] = Field(description="The values.")


class PlannedItem(BaseModel):
    """What one queue item of the plan makes."""

    seed: int = Field(description="Seed of its noise.")
    prompt: str = Field(description="Its prompt (after styles and dynamic prompts).")


class GenerationPlan(BaseModel):
    """A graph, its batch data (zipped within a group, groups crossed) and the items they make."""

    graph: Graph = Field(description="The generation graph.")
    data: list[list[BatchField]] = Field(description="Batch data, as the queue's enqueue takes them.")
    items: list[PlannedItem] = Field(description="Seed and prompt of each item, in queue order.")
    mode: Mode = Field(
        description="txt2img, img2img, inpaint or outpaint (read from the init image's transparency)."
    )
    model_key: str = Field(description="Key of the main model.")
    width: int = Field(description="Width of the images made, in pixels.")
    height: int = Field(description="Height of the images made, in pixels.")


def plan_generation(
    request: GenerateRequest, sources: GenerationSources, registry: NodeRegistry | None = None
) -> GenerationPlan:
    """Check ``request``, fill in its defaults and build its graph and batch data; with a registry, also
    check the graph against the nodes (which is where preprocessor options are checked)."""
    plan = build_plan(resolve(request, sources))
    if registry is not None:
        check_plan(plan, registry)
    return plan


def check_plan(plan: GenerationPlan, registry: NodeRegistry) -> None:
    """Validate the graph; a problem with a preprocessor's options is reported as that request field."""
    try:
        prepare(plan.graph, registry)
    except GraphValidationError as exc:
        for issue in exc.issues:
            field = _request_field(issue)
            if field is not None:
                raise GenerateRequestError(f"{field}: {issue.message}", {"field": field}) from exc
        raise


def _request_field(issue: GraphIssue) -> str | None:
    """``controlnets[0].preprocessor_options.low_threshold`` for an issue on a preprocessor node,
    ``infill.options.radius`` for one on the infill node."""
    node_id = issue.node_id or ""
    if node_id == INFILL and issue.field is not None:
        return f"infill.options.{issue.field}"
    if not node_id.endswith("_preprocessor") or issue.field is None:
        return None
    kind, _, index = node_id.removesuffix("_preprocessor").rpartition("_")
    return f"{kind}s[{index}].preprocessor_options.{issue.field}"


def build_plan(r: Resolved) -> GenerationPlan:
    """The graph of a checked request: model chain, prompts, controls, the mode's denoising, output."""
    draft = GraphDraft()
    parts = r.recipe.add_model(draft, r)
    prompts = r.recipe.add_prompts(draft, r, parts)
    prompts, controls = r.recipe.add_regions(draft, r, parts, prompts, add_controls(draft, r))
    drawn = BUILDERS[r.mode](draft, r, Inputs(parts, prompts, controls))
    finished = r.recipe.add_finish(draft, r, drawn.latents)
    _add_output(draft, r, Drawn(finished.latents, drawn.paste), parts.vae)
    prompt_targets = [*prompts.targets, (METADATA, "positive_prompt"), *finished.prompt_targets]
    canvas_seeds = [(n, "seed") for n in (INFILL, MASK_NOISE) if "seed" in draft.nodes.get(n, {})]
    seed_targets = [*r.recipe.seed_targets(draft), *canvas_seeds, (METADATA, "seed")]
    width, height = r.hires_size if r.request.hires_fix is not None else r.output_size
    return GenerationPlan(
        graph=draft.build(),
        data=_batch_data(r, prompt_targets, seed_targets),
        items=[PlannedItem(seed=seed, prompt=prompt) for prompt in r.prompts for seed in r.seeds],
        mode=r.mode,
        model_key=r.model.key,
        width=width,
        height=height,
    )


def _add_output(draft: GraphDraft, r: Resolved, drawn: Drawn, vae: Out) -> None:
    """Decode, paste over the source when inpainting, gather the metadata and save to the gallery."""
    image = Out(draft.add("l2i", r.recipe.decode_node, latents=drawn.latents, vae=vae), "image")
    if r.output_size != (r.width, r.height):
        width, height = r.output_size
        image = Out(
            draft.add("scaled_back", "image_resize", image=image, width=width, height=height), "image"
        )
    if drawn.paste is not None:
        source, mask = drawn.paste
        if r.request.mask_blur:
            mask = Out(draft.add("paste_mask", "image_blur", image=mask, radius=r.request.mask_blur), "image")
        image = Out(draft.add("paste", "image_paste", base_image=source, image=image, mask=mask), "image")
    draft.add(METADATA, "generation_metadata", base=metadata_base(r))
    draft.add(SAVE, "save_image", image=image, metadata=Out(METADATA, "metadata"), board=r.request.board)


def _batch_data(r: Resolved, prompts: list[Target], seeds: list[Target]) -> list[list[BatchField]]:
    """A group for the prompts of a dynamic prompt (the main pass's, the metadata's, the finishing
    passes'), then one for the seeds (the recipe's noise, then the metadata's)."""
    groups: list[list[BatchField]] = []
    if len(r.prompts) > 1:
        groups.append([BatchField(node_id=n, field=f, items=list(r.prompts)) for n, f in prompts])
    groups.append([BatchField(node_id=n, field=f, items=list(r.seeds)) for n, f in seeds])
    return groups
