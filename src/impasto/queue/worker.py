"""The queue worker: one thread per generation device that claims items and runs their graphs.

It wakes when items are enqueued (an event) or every ``poll_interval`` seconds (items enqueued by another
process), notices cancellations through events and, for other processes, by polling the item's stored
state, and on shutdown asks the running node to stop and puts its item back to pending. A node that does not
stop in time counts as an interruption, as a crash does: its item runs once more, and fails the next time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from impasto.events import Event, EventBus
from impasto.graph.context import CanceledError, CancelToken, ExecutionServices, Progress, ProgressSink
from impasto.graph.executor import Binding, Executor, NodeError, NodeRun
from impasto.graph.validation import GraphValidationError
from impasto.queue.events import (
    BatchEnqueued,
    NodeCompleted,
    NodeFailed,
    NodeProgress,
    NodeStarted,
    QueueItemsCanceled,
    QueueItemStatusChanged,
    WorkerStatusChanged,
)
from impasto.queue.models import ItemStatus, QueueItem
from impasto.queue.service import Recovery, WorkQueue

logger = logging.getLogger(__name__)

SHUTDOWN = "shutdown"
ServicesFactory = Callable[[CancelToken, QueueItem, ProgressSink], ExecutionServices]
"""Builds what one item's graph run may use (the item tells its id, graph and workflow)."""


class QueueWorker:
    """Runs queue items one after another on a background thread."""

    def __init__(
        self,
        queue: WorkQueue,
        executor: Executor,
        events: EventBus,
        services_factory: ServicesFactory,
        worker_id: str,
        poll_interval: float = 1.0,
    ) -> None:
        self.queue = queue
        self.executor = executor
        self.events = events
        self.services_factory = services_factory
        self.worker_id = worker_id
        self.poll_interval = poll_interval
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._resumed = threading.Event()
        self._resumed.set()
        self._lock = threading.Lock()
        self._current: tuple[int, CancelToken] | None = None
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> Recovery:
        """Recover items a crash left running, then start the thread."""
        recovery = self.queue.recover(self.worker_id)
        if recovery.requeued or recovery.failed:
            logger.warning(
                "recovered after an unclean stop: requeued %s, failed %s", recovery.requeued, recovery.failed
            )
        self._unsubscribe = self.events.subscribe(self._on_event)
        self._thread = threading.Thread(target=self._loop, name=f"queue-worker-{self.worker_id}", daemon=True)
        self._thread.start()
        return recovery

    def stop(self, timeout: float) -> bool:
        """Stop; the running item (if any) goes back to pending. ``False`` if a node did not yield in time.

        An item whose node did not yield counts an interruption (and fails if it was interrupted before).
        """
        self._stopping.set()
        self._wake.set()
        self._resumed.set()
        current = self._current
        if current is not None:
            current[1].cancel(SHUTDOWN)
        clean = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                clean = False
                if current is not None:
                    self._interrupt(current[0], timeout)
        if self._unsubscribe is not None:
            self._unsubscribe()
        return clean

    def _interrupt(self, item_id: int, timeout: float) -> None:
        """A node that ignores a stop counts as an interruption: a stuck item cannot rerun on every start."""
        status = self.queue.interrupt(item_id)
        if status is ItemStatus.FAILED:
            logger.warning(
                "a node did not stop within %.1fs; item %s, interrupted before, failed", timeout, item_id
            )
        elif status is ItemStatus.PENDING:
            logger.warning(
                "a node did not stop within %.1fs; item %s is put back to pending", timeout, item_id
            )

    def pause(self) -> None:
        """Finish the running item, then wait until resumed."""
        self._resumed.clear()
        self.events.publish(WorkerStatusChanged(worker_id=self.worker_id, paused=True))

    def resume(self) -> None:
        self._resumed.set()
        self._wake.set()
        self.events.publish(WorkerStatusChanged(worker_id=self.worker_id, paused=False))

    @property
    def paused(self) -> bool:
        return not self._resumed.is_set()

    @property
    def current_item_id(self) -> int | None:
        current = self._current
        return current[0] if current is not None else None

    # -- the loop ------------------------------------------------------------------------------
    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._resumed.wait()
            if self._stopping.is_set():
                break
            try:
                item = self.queue.claim_next(self.worker_id)
            except Exception:
                logger.exception("could not claim the next queue item")
                item = None
            if item is None:
                self._wake.wait(self.poll_interval)
                self._wake.clear()
                continue
            self._run(item)

    def _run(self, item: QueueItem) -> None:
        token = CancelToken(poll=lambda: self._canceled_elsewhere(item.item_id))
        with self._lock:
            self._current = (item.item_id, token)
        if self._stopping.is_set():
            token.cancel(SHUTDOWN)
        try:
            self._execute(item, token)
        finally:
            with self._lock:
                self._current = None

    def _execute(self, item: QueueItem, token: CancelToken) -> None:
        listener = _EventListener(self.events, item.item_id)
        services = self.services_factory(token, item, listener.progress)
        graph = item.executed_graph()
        try:
            result = self.executor.run(graph, services, listener)
        except CanceledError:
            if token.reason == SHUTDOWN:
                self.queue.requeue(item.item_id)
            logger.info("queue item %s stopped: %s", item.item_id, token.reason)
            return
        except NodeError as error:
            self.queue.fail(item.item_id, error.error_type, error.message, error.trace or None)
            return
        except GraphValidationError as error:
            self.queue.fail(item.item_id, "InvalidGraph", error.message, None)
            return
        except Exception as error:
            logger.exception("queue item %s failed outside any node", item.item_id)
            self.queue.fail(item.item_id, type(error).__name__, str(error), None)
            return
        self.queue.complete(item.item_id, result.to_json())

    def _canceled_elsewhere(self, item_id: int) -> bool:
        return self.queue.status_of(item_id) in (ItemStatus.CANCELED, None)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, BatchEnqueued):
            self._wake.set()
            return
        current = self._current
        if isinstance(event, QueueItemsCanceled) and current is not None and current[0] in event.item_ids:
            current[1].cancel("canceled")
        elif isinstance(event, QueueItemStatusChanged):
            if event.status is ItemStatus.PENDING:
                self._wake.set()
            elif current is not None and event.item_id == current[0] and event.status is ItemStatus.CANCELED:
                current[1].cancel("canceled")


class _EventListener:
    """Turns the executor's notices into events for one queue item."""

    def __init__(self, events: EventBus, item_id: int) -> None:
        self.events = events
        self.item_id = item_id

    def node_started(self, node_id: str, node_type: str, binding: Binding) -> None:
        self.events.publish(
            NodeStarted(
                item_id=self.item_id, node_id=node_id, node_type=node_type, iteration=_indices(binding)
            )
        )

    def node_completed(self, run: NodeRun) -> None:
        self.events.publish(
            NodeCompleted(
                item_id=self.item_id,
                node_id=run.node_id,
                node_type=run.node_type,
                iteration=_indices(run.binding),
                cached=run.cached,
                output=run.output_json(),
            )
        )

    def node_failed(self, error: NodeError) -> None:
        self.events.publish(
            NodeFailed(
                item_id=self.item_id,
                node_id=error.node_id,
                node_type=error.node_type,
                error_type=error.error_type,
                error_message=error.error_message,
            )
        )

    def progress(self, node_id: str, node_type: str, progress: Progress) -> None:
        self.events.publish(
            NodeProgress(
                item_id=self.item_id,
                node_id=node_id,
                node_type=node_type,
                percentage=progress.percentage,
                message=progress.message,
                preview=progress.preview,
            )
        )


def _indices(binding: Binding) -> list[int]:
    return [index for _, index in binding]
