"""One-call generation: flat parameters in, queue items out (or the graph, to open as a workflow)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from impasto.api.deps import ServicesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.builders import GenerateRequest, GenerationPlan, plan_generation
from impasto.builders.request import Mode
from impasto.graph.model import Graph
from impasto.queue.models import Batch, BatchDatum
from impasto.services import Services

router = APIRouter(prefix="/api/v1/generate", tags=["generate"], responses=ERROR_RESPONSES)


class GenerateResult(BaseModel):
    """The queue items a generation request made."""

    batch_id: str = Field(description="Id of the new batch.")
    item_ids: list[int] = Field(description="Queue item ids, one per image, in queue order.")
    seeds: list[int] = Field(description="Seed of each item (the chosen one when none was given).")
    prompts: list[str] = Field(description="Prompt of each item (after styles and dynamic prompts).")
    mode: Mode = Field(
        description="What the request does: txt2img, img2img, inpaint or outpaint (a canvas's init image "
        "decides by its transparency)."
    )
    width: int = Field(description="Width of the images, in pixels.")
    height: int = Field(description="Height of the images, in pixels.")
    graph: Graph | None = Field(None, description="The graph that runs (with include_graph).")


def plan_for(request: GenerateRequest, services: Services) -> GenerationPlan:
    """The checked plan of a request, against this installation's models, images, boards and presets."""
    return plan_generation(request, services.generation_sources(), services.registry)


@router.post("", response_model=GenerateResult, summary="Generate images from flat parameters")
def generate(
    request: GenerateRequest,
    services: ServicesDep,
    include_graph: Annotated[bool, Query(description="Also answer the graph that runs.")] = False,
) -> GenerateResult:
    plan = plan_for(request, services)
    data = [[BatchDatum(**datum.model_dump()) for datum in group] for group in plan.data]
    batch = Batch(graph=plan.graph, data=data, prepend=request.prepend, origin="generate")
    enqueued = services.queue.enqueue(batch)
    return GenerateResult(
        batch_id=enqueued.batch_id,
        item_ids=enqueued.item_ids,
        seeds=[item.seed for item in plan.items],
        prompts=[item.prompt for item in plan.items],
        mode=plan.mode,
        width=plan.width,
        height=plan.height,
        graph=plan.graph if include_graph else None,
    )


@router.post(
    "/graph", response_model=GenerationPlan, summary="The graph and batch data of a request, not enqueued"
)
def generate_graph(request: GenerateRequest, services: ServicesDep) -> GenerationPlan:
    return plan_for(request, services)
