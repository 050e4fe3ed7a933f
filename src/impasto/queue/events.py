"""Events published by the queue and its worker (delivered to clients over the WebSocket)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from impasto.events import Event, register_event
from impasto.queue.models import ItemStatus, QueueCounts


@register_event
class QueueItemStatusChanged(Event):
    """A queue item changed state (enqueued items start as pending and are announced by batch_enqueued)."""

    type: Literal["queue_item_status_changed"] = Field(
        "queue_item_status_changed", description="Kind of event."
    )
    item_id: int = Field(description="The item.")
    batch_id: str = Field(description="Its batch.")
    status: ItemStatus = Field(description="The new state.")
    error_type: str | None = Field(None, description="Type of the error, when the item failed.")
    error_message: str | None = Field(None, description="Message of the error, when the item failed.")
    counts: QueueCounts = Field(description="Items per state after the change.")


@register_event
class BatchEnqueued(Event):
    """New items were added to the queue."""

    type: Literal["batch_enqueued"] = Field("batch_enqueued", description="Kind of event.")
    batch_id: str = Field(description="The new batch.")
    item_ids: list[int] = Field(description="Its items, in queue order.")
    prepend: bool = Field(description="Whether they went to the front.")
    counts: QueueCounts = Field(description="Items per state after the change.")


@register_event
class QueueItemsCanceled(Event):
    """Items were canceled (one, a batch or all); a running one among them stops at its next check."""

    type: Literal["queue_items_canceled"] = Field("queue_items_canceled", description="Kind of event.")
    item_ids: list[int] = Field(description="The items that were canceled.")
    counts: QueueCounts = Field(description="Items per state after the change.")


@register_event
class QueueCleared(Event):
    """Items were removed in bulk (clear or prune); clients should reload their lists."""

    type: Literal["queue_cleared"] = Field("queue_cleared", description="Kind of event.")
    deleted: int = Field(description="How many items were removed.")
    counts: QueueCounts = Field(description="Items per state after the change.")


@register_event
class WorkerStatusChanged(Event):
    """The queue worker was paused or resumed."""

    type: Literal["worker_status_changed"] = Field("worker_status_changed", description="Kind of event.")
    worker_id: str = Field(description="The worker.")
    paused: bool = Field(description="Whether it is paused now.")


class _NodeEvent(Event):
    item_id: int | None = Field(description="The queue item running the node (none outside the queue).")
    node_id: str = Field(description="Id of the node in the graph.")
    node_type: str = Field(description="Type of the node.")


@register_event
class NodeStarted(_NodeEvent):
    """A node started running (nodes answered from the cache only send node_completed)."""

    type: Literal["node_started"] = Field("node_started", description="Kind of event.")
    iteration: list[int] = Field(description="Element indices of the enclosing iterations, outermost first.")


@register_event
class NodeProgress(_NodeEvent):
    """A running node reported progress."""

    type: Literal["node_progress"] = Field("node_progress", description="Kind of event.")
    percentage: float | None = Field(None, description="Progress from 0 to 100, if known.")
    message: str | None = Field(None, description="What the node is doing.")
    preview: dict[str, Any] | None = Field(
        None, description="A small preview image: {width, height, data_url}."
    )


@register_event
class NodeCompleted(_NodeEvent):
    """A node finished, or its result came from the cache."""

    type: Literal["node_completed"] = Field("node_completed", description="Kind of event.")
    iteration: list[int] = Field(description="Element indices of the enclosing iterations, outermost first.")
    cached: bool = Field(description="True when the result came from the cache and the node did not run.")
    output: dict[str, Any] = Field(description="The node's output values.")


@register_event
class NodeFailed(_NodeEvent):
    """A node raised an error; its item fails."""

    type: Literal["node_failed"] = Field("node_failed", description="Kind of event.")
    error_type: str = Field(description="Type of the error.")
    error_message: str = Field(description="Message of the error.")
