"""What the queue stores and answers with: batches, items, their states and counts."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from impasto.graph.model import FieldValue, Graph

MAX_RUNS = 10000


class ItemStatus(StrEnum):
    """Life cycle of a queue item: pending → in_progress → completed | failed | canceled."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELED = "canceled"

    @property
    def finished(self) -> bool:
        return self in (ItemStatus.COMPLETED, ItemStatus.FAILED, ItemStatus.CANCELED)


class BatchDatum(BaseModel):
    """A list of values for one node input; each value makes (at least) one queue item."""

    model_config = ConfigDict(extra="forbid")

    node_id: str = Field(description="Id of the node whose input receives the values.")
    field: str = Field(description="Name of the input.")
    items: list[Any] = Field(min_length=1, description="The values, one per queue item.")


class Batch(BaseModel):
    """A graph to run, optionally over batch data, ``runs`` times.

    ``data`` is a list of groups. The data within a group are zipped (they must have equal lengths);
    groups are crossed with each other. Every combination is run ``runs`` times.
    """

    model_config = ConfigDict(extra="forbid")

    graph: Graph = Field(description="The graph to run.")
    data: list[list[BatchDatum]] = Field(
        default_factory=list,
        description="Groups of batch data: zipped within a group, crossed between groups.",
    )
    runs: int = Field(1, ge=1, le=MAX_RUNS, description="How many times to run every combination.")
    prepend: bool = Field(False, description="Put the new items at the front of the queue.")
    origin: str | None = Field(
        None, max_length=64, description="Free-form tag of who enqueued (e.g. 'canvas')."
    )
    destination: str | None = Field(None, max_length=64, description="Free-form tag of where results go.")
    workflow: dict[str, Any] | None = Field(
        None, description="The editor workflow the graph came from; saved into the images it makes."
    )


class EnqueueResult(BaseModel):
    """What an enqueue created."""

    batch_id: str = Field(description="Id of the new batch.")
    item_ids: list[int] = Field(description="Ids of the queue items created, in queue order.")
    enqueued: int = Field(description="Number of items created.")
    prepend: bool = Field(description="Whether they were put at the front.")


class QueueItemSummary(BaseModel):
    """A queue item without its graph and outputs (what lists return)."""

    item_id: int = Field(description="Id of the item.")
    batch_id: str = Field(description="Id of the batch it belongs to.")
    status: ItemStatus = Field(description="Current state.")
    field_values: list[FieldValue] = Field(description="Batch values applied to the graph for this item.")
    error_type: str | None = Field(None, description="Type of the error that failed the item.")
    error_message: str | None = Field(None, description="Message of the error that failed the item.")
    worker_id: str | None = Field(None, description="Worker that ran (or runs) the item.")
    interruptions: int = Field(
        0, description="How often a crash, or a node that ignored a shutdown, interrupted this item."
    )
    attempts: int = Field(1, description="How often the item was started (retries add one).")
    origin: str | None = Field(None, description="Who enqueued it.")
    destination: str | None = Field(None, description="Where its results go.")
    created_at: datetime = Field(description="When it was enqueued.")
    updated_at: datetime = Field(description="When it last changed.")
    started_at: datetime | None = Field(None, description="When it last started running.")
    completed_at: datetime | None = Field(None, description="When it finished.")


class QueueItem(QueueItemSummary):
    """A queue item with everything stored for it."""

    def executed_graph(self) -> Graph:
        """The graph as it runs: the batch's graph with this item's field values applied."""
        return self.graph.with_values(self.field_values)

    graph: Graph = Field(description="The batch's graph (before the field values are applied).")
    workflow: dict[str, Any] | None = Field(None, description="The editor workflow the graph came from.")
    result: dict[str, Any] | None = Field(
        None, description="Outputs by node id, plus which nodes executed and which came from the cache."
    )
    error_traceback: str | None = Field(None, description="Traceback of the failure, for bug reports.")


class ItemPage(BaseModel):
    """One page of queue items."""

    items: list[QueueItemSummary] = Field(description="The items of this page.")
    total: int = Field(description="How many items match the filters.")
    offset: int = Field(description="Index of the first item of this page.")
    limit: int = Field(description="Largest page size asked for.")


class QueueCounts(BaseModel):
    """How many items are in each state."""

    pending: int = Field(0, description="Items waiting to run.")
    in_progress: int = Field(0, description="Items running now.")
    completed: int = Field(0, description="Items that finished successfully.")
    failed: int = Field(0, description="Items that failed.")
    canceled: int = Field(0, description="Items that were canceled.")
    total: int = Field(0, description="All items.")


class QueueStatus(BaseModel):
    """The queue and its worker at a glance."""

    counts: QueueCounts = Field(description="Items per state.")
    paused: bool = Field(description="Whether the worker is paused.")
    current_item_id: int | None = Field(None, description="The item the worker is running, if any.")
    worker_id: str = Field(description="Name of this process's worker.")
