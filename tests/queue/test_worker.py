"""The worker: runs items, reports events, honours cancel, pause and shutdown."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from impasto.config import load_config
from impasto.events import EventBus
from impasto.graph import CancelToken, ExecutionServices, Executor, NodeCache, ProgressSink
from impasto.images.files import ImageFileStore
from impasto.queue.models import Batch, ItemStatus, QueueItem
from impasto.queue.sql import SqlQueue
from impasto.queue.worker import QueueWorker

from ..graph.stubs import GraphBuilder, registry
from .conftest import Recorder


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


@pytest.fixture
def worker(tmp_path: Path, queue: SqlQueue, bus: EventBus) -> Iterator[QueueWorker]:
    config = load_config(tmp_path, environ={})
    images = ImageFileStore(tmp_path / "images")

    def factory(cancel: CancelToken, item: QueueItem, progress: ProgressSink) -> ExecutionServices:
        return ExecutionServices(
            config=config, images=images, cancel=cancel, progress_sink=progress, item_id=item.item_id
        )

    made = QueueWorker(queue, Executor(registry, NodeCache(100)), bus, factory, "w", poll_interval=0.1)
    made.start()
    yield made
    made.stop(5)


def status(queue: SqlQueue, item_id: int) -> ItemStatus:
    return queue.get(item_id).status


def test_runs_items_and_stores_results(queue: SqlQueue, worker: QueueWorker, recorder: Recorder) -> None:
    graph = GraphBuilder().add("k", "const", value=2).add("a", "add", b=3).edge("k.value", "a.a").build()
    (item_id,) = queue.enqueue(Batch(graph=graph)).item_ids
    wait_for(lambda: status(queue, item_id) is ItemStatus.COMPLETED)
    result = queue.get(item_id).result
    assert result is not None
    assert result["outputs"]["a"] == {"value": 5}
    assert result["executed_nodes"] == ["k", "a"]
    types = recorder.types()
    assert types.index("node_started") < types.index("node_completed")
    assert types[-1] == "queue_item_status_changed"


def test_failed_node_fails_the_item(queue: SqlQueue, worker: QueueWorker, recorder: Recorder) -> None:
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("f", "fail").build())).item_ids
    wait_for(lambda: status(queue, item_id) is ItemStatus.FAILED)
    item = queue.get(item_id)
    assert item.error_type == "ValueError"
    assert "boom" in (item.error_message or "")
    assert "node_failed" in recorder.types()


def test_progress_events_carry_the_item(queue: SqlQueue, worker: QueueWorker, recorder: Recorder) -> None:
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("s", "sleep", seconds=0.2).build())).item_ids
    wait_for(lambda: status(queue, item_id) is ItemStatus.COMPLETED)
    progress = [e for e in recorder.events if e.type == "node_progress"]
    assert progress
    assert {getattr(e, "item_id", None) for e in progress} == {item_id}
    assert getattr(progress[-1], "percentage", None) == pytest.approx(100)


def test_cancel_stops_the_running_item(queue: SqlQueue, worker: QueueWorker) -> None:
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("s", "sleep", seconds=30).build())).item_ids
    wait_for(lambda: worker.current_item_id == item_id)
    started = time.monotonic()
    queue.cancel([item_id])
    wait_for(lambda: worker.current_item_id is None)
    assert time.monotonic() - started < 5
    assert status(queue, item_id) is ItemStatus.CANCELED


def test_cancel_from_another_process_is_noticed(tmp_path: Path, queue: SqlQueue, worker: QueueWorker) -> None:
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("s", "sleep", seconds=30).build())).item_ids
    wait_for(lambda: worker.current_item_id == item_id)
    other = SqlQueue(queue.db, registry, EventBus(), 10)  # its events never reach this worker
    other.cancel([item_id])
    wait_for(lambda: worker.current_item_id is None)
    assert status(queue, item_id) is ItemStatus.CANCELED


def test_pause_and_resume(queue: SqlQueue, worker: QueueWorker) -> None:
    worker.pause()
    time.sleep(0.3)  # let the worker reach its paused wait
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("k", "const").build())).item_ids
    time.sleep(0.5)
    assert status(queue, item_id) is ItemStatus.PENDING
    worker.resume()
    wait_for(lambda: status(queue, item_id) is ItemStatus.COMPLETED)


def test_items_run_in_order_with_structural_cache(queue: SqlQueue, worker: QueueWorker) -> None:
    graph = GraphBuilder().add("k", "const", value=1).add("a", "add", b=1).edge("k.value", "a.a").build()
    first = queue.enqueue(Batch(graph=graph)).item_ids[0]
    changed = graph.model_copy(deep=True)
    changed.nodes["a"]["b"] = 5
    second = queue.enqueue(Batch(graph=changed)).item_ids[0]
    wait_for(lambda: status(queue, second) is ItemStatus.COMPLETED)
    first_result, second_result = queue.get(first).result, queue.get(second).result
    assert first_result is not None
    assert second_result is not None
    assert first_result["executed_nodes"] == ["k", "a"]
    assert second_result["executed_nodes"] == ["a"]
    assert second_result["cached_nodes"] == ["k"]


def test_stop_puts_the_running_item_back(tmp_path: Path, queue: SqlQueue, bus: EventBus) -> None:
    config = load_config(tmp_path, environ={})
    images = ImageFileStore(tmp_path / "images")

    def factory(cancel: CancelToken, item: QueueItem, progress: ProgressSink) -> ExecutionServices:
        return ExecutionServices(config=config, images=images, cancel=cancel, progress_sink=progress)

    worker = QueueWorker(queue, Executor(registry), bus, factory, "w", poll_interval=0.1)
    worker.start()
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("s", "sleep", seconds=30).build())).item_ids
    wait_for(lambda: worker.current_item_id == item_id)
    assert worker.stop(5)
    item = queue.get(item_id)
    assert (item.status, item.interruptions) == (ItemStatus.PENDING, 0)


def test_a_node_ignoring_stop_counts_as_an_interruption(queue: SqlQueue, worker: QueueWorker) -> None:
    (item_id,) = queue.enqueue(Batch(graph=GraphBuilder().add("s", "stubborn", seconds=1.5).build())).item_ids
    wait_for(lambda: worker.current_item_id == item_id)
    assert not worker.stop(0.2)
    item = queue.get(item_id)
    assert (item.status, item.interruptions) == (ItemStatus.PENDING, 1)
    time.sleep(1.6)  # the node finishes late: its result must not overwrite the requeue
    assert queue.get(item_id).status is ItemStatus.PENDING
