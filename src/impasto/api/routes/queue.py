"""The queue: enqueue batches, inspect items, cancel, retry, clear, pause and resume the worker."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from impasto.api.deps import ModelsDep, QueueDep, RegistryDep, WorkerDep
from impasto.api.errors import ERROR_RESPONSES
from impasto.api.params import ItemId, ItemIdPath, Offset
from impasto.errors import ConflictError
from impasto.queue.invokeai import AnyBatch, as_batch
from impasto.queue.models import EnqueueResult, ItemPage, ItemStatus, QueueItem, QueueStatus
from impasto.queue.sql import SqlQueue
from impasto.queue.worker import QueueWorker
from impasto.workflows.invokeai import RecordCatalog

router = APIRouter(prefix="/api/v1/queue", tags=["queue"], responses=ERROR_RESPONSES)


class ItemIds(BaseModel):
    """A list of queue item ids."""

    item_ids: list[ItemId] = Field(min_length=1, description="Ids of the items.")


class Canceled(BaseModel):
    """Items that were canceled."""

    canceled: list[int] = Field(
        description="Ids of the items that were pending or running and are canceled now."
    )


class Retried(BaseModel):
    """Items that were put back in the queue."""

    retried: list[int] = Field(description="Ids of the failed or canceled items that are pending again.")


class Deleted(BaseModel):
    """How many items were removed."""

    deleted: int = Field(description="Number of items deleted.")


@router.post("/enqueue", response_model=EnqueueResult, summary="Add a batch to the queue")
def enqueue(
    body: Annotated[
        AnyBatch,
        Body(
            description="Impasto's batch, or InvokeAI's enqueue body (its graph mapped onto Impasto's nodes)."
        ),
    ],
    queue: QueueDep,
    registry: RegistryDep,
    models: ModelsDep,
) -> EnqueueResult:
    return queue.enqueue(as_batch(body, registry, RecordCatalog(models.list)))


@router.get("/items", response_model=ItemPage, summary="List queue items")
def list_items(
    queue: QueueDep,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 50,
    status: Annotated[list[ItemStatus] | None, Query(description="Only items in these states.")] = None,
    batch_id: Annotated[str | None, Query(description="Only items of this batch.")] = None,
    newest_first: Annotated[bool, Query(description="Newest items first.")] = False,
) -> ItemPage:
    return queue.list_items(offset, limit, status, batch_id, newest_first)


@router.get("/items/{item_id}", response_model=QueueItem, summary="One queue item with its results")
def get_item(item_id: ItemIdPath, queue: QueueDep) -> QueueItem:
    return queue.get(item_id)


@router.post("/items/{item_id}/cancel", response_model=Canceled, summary="Cancel one item")
def cancel_item(item_id: ItemIdPath, queue: QueueDep) -> Canceled:
    item = queue.get(item_id)
    canceled = queue.cancel(item_ids=[item_id])
    if not canceled:
        raise ConflictError(
            f"queue item {item_id} is already {item.status.value}; "
            "only pending or running items can be canceled"
        )
    return Canceled(canceled=canceled)


@router.post("/items/{item_id}/retry", response_model=Retried, summary="Retry one failed or canceled item")
def retry_item(item_id: ItemIdPath, queue: QueueDep) -> Retried:
    item = queue.get(item_id)
    retried = queue.retry([item_id])
    if not retried:
        raise ConflictError(
            f"queue item {item_id} is {item.status.value}; only failed or canceled items can be retried"
        )
    return Retried(retried=retried)


@router.post("/cancel", response_model=Canceled, summary="Cancel several items")
def cancel_items(request: ItemIds, queue: QueueDep) -> Canceled:
    return Canceled(canceled=queue.cancel(item_ids=request.item_ids))


@router.post("/batches/{batch_id}/cancel", response_model=Canceled, summary="Cancel every item of a batch")
def cancel_batch(batch_id: str, queue: QueueDep) -> Canceled:
    return Canceled(canceled=queue.cancel(batch_id=batch_id))


@router.post("/cancel_all", response_model=Canceled, summary="Cancel every pending and running item")
def cancel_all(queue: QueueDep) -> Canceled:
    return Canceled(canceled=queue.cancel())


@router.post("/retry", response_model=Retried, summary="Retry several failed or canceled items")
def retry_items(request: ItemIds, queue: QueueDep) -> Retried:
    return Retried(retried=queue.retry(request.item_ids))


@router.post("/prune", response_model=Deleted, summary="Delete finished items")
def prune(queue: QueueDep) -> Deleted:
    return Deleted(deleted=queue.prune())


@router.post("/clear", response_model=Deleted, summary="Cancel the running item and delete all items")
def clear(queue: QueueDep) -> Deleted:
    return Deleted(deleted=queue.clear())


@router.get("/status", response_model=QueueStatus, summary="Counts and worker state")
def status(queue: QueueDep, worker: WorkerDep) -> QueueStatus:
    return _status(queue, worker)


@router.post("/pause", response_model=QueueStatus, summary="Pause the worker after the running item")
def pause(queue: QueueDep, worker: WorkerDep) -> QueueStatus:
    worker.pause()
    return _status(queue, worker)


@router.post("/resume", response_model=QueueStatus, summary="Resume the worker")
def resume(queue: QueueDep, worker: WorkerDep) -> QueueStatus:
    worker.resume()
    return _status(queue, worker)


def _status(queue: SqlQueue, worker: QueueWorker) -> QueueStatus:
    return QueueStatus(
        counts=queue.counts(),
        paused=worker.paused,
        current_item_id=worker.current_item_id,
        worker_id=worker.worker_id,
    )
