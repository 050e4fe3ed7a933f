"""Upscaling a stored image with an installed upscaler model, through the queue."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from impasto.api.deps import ServicesDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.builders.upscale import UpscaleRequest, plan_upscale
from impasto.queue.models import Batch

router = APIRouter(prefix="/api/v1/upscale", tags=["generate"], responses=ERROR_RESPONSES)


class UpscaleResult(BaseModel):
    """The queue item an upscale request made."""

    batch_id: str = Field(description="Id of the new batch.")
    item_id: int = Field(description="Id of the queue item.")
    width: int = Field(description="Width of the result, in pixels.")
    height: int = Field(description="Height of the result, in pixels.")
    model_key: str = Field(description="Key of the upscaler model used.")


@router.post("", response_model=UpscaleResult, summary="Upscale a stored image with an upscaler model")
def upscale(request: UpscaleRequest, services: ServicesDep) -> UpscaleResult:
    plan = plan_upscale(request, services.generation_sources())
    batch = Batch(graph=plan.graph, prepend=request.prepend, origin="upscale")
    enqueued = services.queue.enqueue(batch)
    return UpscaleResult(
        batch_id=enqueued.batch_id,
        item_id=enqueued.item_ids[0],
        width=plan.width,
        height=plan.height,
        model_key=plan.model_key,
    )
