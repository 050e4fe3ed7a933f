"""The stored queue: order, states, cancel/retry/prune/clear, capacity and crash recovery."""

from __future__ import annotations

import pytest

from impasto.errors import NotFoundError
from impasto.graph import GraphValidationError
from impasto.queue.batch import QueueFullError
from impasto.queue.models import Batch, BatchDatum, ItemStatus
from impasto.queue.sql import SqlQueue

from ..graph.stubs import GraphBuilder
from .conftest import Recorder

GRAPH = GraphBuilder().add("k", "const", value=1).build()


def enqueue(queue: SqlQueue, n: int = 1, prepend: bool = False) -> list[int]:
    return queue.enqueue(Batch(graph=GRAPH, runs=n, prepend=prepend)).item_ids


def test_enqueue_stores_graph_and_field_values(queue: SqlQueue, recorder: Recorder) -> None:
    result = queue.enqueue(Batch(graph=GRAPH, data=[[BatchDatum(node_id="k", field="value", items=[5, 6])]]))
    assert result.enqueued == 2
    item = queue.get(result.item_ids[1])
    assert item.status is ItemStatus.PENDING
    assert item.graph == GRAPH
    assert [(v.node_id, v.field, v.value) for v in item.field_values] == [("k", "value", 6)]
    assert recorder.types() == ["batch_enqueued"]


def test_invalid_graph_is_refused_with_issues(queue: SqlQueue) -> None:
    with pytest.raises(GraphValidationError):
        queue.enqueue(Batch(graph=GraphBuilder().add("x", "nope").build()))
    assert queue.counts().total == 0


def test_claims_in_queue_order_and_prepend_goes_first(queue: SqlQueue) -> None:
    first = enqueue(queue, 2)
    front = enqueue(queue, 2, prepend=True)
    claimed = [queue.claim_next("w") for _ in range(4)]
    assert [item.item_id for item in claimed if item] == front + first
    assert queue.claim_next("w") is None


def test_item_lifecycle(queue: SqlQueue, recorder: Recorder) -> None:
    (item_id,) = enqueue(queue)
    claimed = queue.claim_next("w")
    assert claimed is not None
    assert claimed.status is ItemStatus.IN_PROGRESS
    assert claimed.worker_id == "w"
    assert claimed.started_at is not None
    assert queue.complete(item_id, {"outputs": {}})
    item = queue.get(item_id)
    assert item.status is ItemStatus.COMPLETED
    assert item.result == {"outputs": {}}
    assert item.completed_at is not None
    statuses = [e.status for e in recorder.events if e.type == "queue_item_status_changed"]  # type: ignore[attr-defined]
    assert statuses == [ItemStatus.IN_PROGRESS, ItemStatus.COMPLETED]


def test_failure_is_recorded(queue: SqlQueue) -> None:
    (item_id,) = enqueue(queue)
    queue.claim_next("w")
    queue.fail(item_id, "ValueError", "boom", "Traceback ...")
    item = queue.get(item_id)
    assert (item.status, item.error_type, item.error_message, item.error_traceback) == (
        ItemStatus.FAILED,
        "ValueError",
        "boom",
        "Traceback ...",
    )


def test_finishing_does_not_overwrite_a_cancel(queue: SqlQueue) -> None:
    (item_id,) = enqueue(queue)
    queue.claim_next("w")
    assert queue.cancel([item_id]) == [item_id]
    assert not queue.complete(item_id, {})
    assert queue.get(item_id).status is ItemStatus.CANCELED


def test_cancel_by_ids_batch_and_all(queue: SqlQueue, recorder: Recorder) -> None:
    a = enqueue(queue, 2)
    batch = queue.enqueue(Batch(graph=GRAPH, runs=2))
    c = enqueue(queue, 1)
    assert queue.cancel(item_ids=[a[0]]) == [a[0]]
    assert queue.cancel(batch_id=batch.batch_id) == batch.item_ids
    assert sorted(queue.cancel()) == [a[1], *c]
    assert queue.cancel() == []
    assert queue.counts().canceled == 5
    assert recorder.types().count("queue_items_canceled") == 3


def test_retry_puts_items_back_at_the_end(queue: SqlQueue) -> None:
    first, second = enqueue(queue, 2)
    queue.claim_next("w")
    queue.fail(first, "ValueError", "boom", None)
    assert queue.retry([first, second]) == [first]  # second is pending, not retryable
    item = queue.get(first)
    assert (item.status, item.error_type, item.attempts) == (ItemStatus.PENDING, None, 2)
    claimed = queue.claim_next("w")
    assert claimed is not None
    assert claimed.item_id == second


def test_prune_and_clear(queue: SqlQueue) -> None:
    done, waiting = enqueue(queue, 2)
    queue.claim_next("w")
    queue.complete(done, {})
    assert queue.prune() == 1
    with pytest.raises(NotFoundError):
        queue.get(done)
    assert queue.get(waiting).status is ItemStatus.PENDING
    assert queue.clear() == 1
    assert queue.counts().total == 0


def test_capacity_is_enforced_before_anything_is_stored(queue: SqlQueue) -> None:
    enqueue(queue, 15)
    with pytest.raises(QueueFullError, match="room for 5"):
        enqueue(queue, 6)
    assert queue.counts().pending == 15
    huge = Batch(
        graph=GRAPH, data=[[BatchDatum(node_id="k", field="value", items=list(range(1000)))]] * 1, runs=10000
    )
    with pytest.raises(QueueFullError):
        queue.enqueue(huge)


def test_list_pages_and_filters(queue: SqlQueue) -> None:
    ids = enqueue(queue, 5)
    queue.cancel([ids[0]])
    page = queue.list_items(offset=1, limit=2)
    assert [i.item_id for i in page.items] == ids[1:3]
    assert page.total == 5
    canceled = queue.list_items(statuses=[ItemStatus.CANCELED])
    assert [i.item_id for i in canceled.items] == [ids[0]]
    newest = queue.list_items(limit=1, newest_first=True)
    assert newest.items[0].item_id == ids[-1]


def test_recovery_requeues_once_then_fails(queue: SqlQueue) -> None:
    (item_id,) = enqueue(queue)
    queue.claim_next("w")
    first = queue.recover("w")
    assert first.requeued == [item_id]
    item = queue.get(item_id)
    assert (item.status, item.interruptions) == (ItemStatus.PENDING, 1)
    queue.claim_next("w")
    second = queue.recover("w")
    assert second.failed == [item_id]
    item = queue.get(item_id)
    assert item.status is ItemStatus.FAILED
    assert item.error_type == "Interrupted"


def test_recovery_leaves_other_workers_and_other_states_alone(queue: SqlQueue) -> None:
    mine, theirs, waiting = enqueue(queue, 3)
    queue.claim_next("w")
    queue.claim_next("other")
    assert queue.recover("w").requeued == [mine]
    assert queue.get(theirs).status is ItemStatus.IN_PROGRESS
    assert queue.get(waiting).status is ItemStatus.PENDING


def test_clean_requeue_does_not_count_as_interruption(queue: SqlQueue) -> None:
    (item_id,) = enqueue(queue)
    queue.claim_next("w")
    assert queue.requeue(item_id)
    item = queue.get(item_id)
    assert (item.status, item.interruptions, item.started_at) == (ItemStatus.PENDING, 0, None)


def test_interrupting_a_running_item_requeues_once_then_fails(queue: SqlQueue) -> None:
    (item_id,) = enqueue(queue)
    assert queue.interrupt(item_id) is None  # not running: nothing to interrupt
    queue.claim_next("w")
    assert queue.interrupt(item_id) is ItemStatus.PENDING
    item = queue.get(item_id)
    assert (item.status, item.interruptions, item.started_at) == (ItemStatus.PENDING, 1, None)
    queue.claim_next("w")
    assert queue.interrupt(item_id) is ItemStatus.FAILED
    item = queue.get(item_id)
    assert (item.status, item.error_type) == (ItemStatus.FAILED, "Interrupted")
    assert item.error_message is not None
    assert "twice" in item.error_message
