"""The queue's two small interfaces: one for clients (API, CLI), one for workers.

Both are implemented by :class:`impasto.queue.sql.SqlQueue`. Workers claim items with a conditional update
inside a transaction, which is what lets several worker processes (on one PostgreSQL) share a queue later
without changes here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from impasto.queue.models import (
    Batch,
    EnqueueResult,
    ItemPage,
    ItemStatus,
    QueueCounts,
    QueueItem,
)


class QueueService(ABC):
    """What clients do with the queue."""

    @abstractmethod
    def enqueue(self, batch: Batch) -> EnqueueResult:
        """Validate a batch and add its items; raises on an invalid graph or a full queue."""

    @abstractmethod
    def get(self, item_id: int) -> QueueItem:
        """One item with its graph and results; raises ``NotFoundError``."""

    @abstractmethod
    def list_items(
        self,
        offset: int = 0,
        limit: int = 50,
        statuses: list[ItemStatus] | None = None,
        batch_id: str | None = None,
        newest_first: bool = False,
    ) -> ItemPage:
        """A page of items matching the filters."""

    @abstractmethod
    def counts(self) -> QueueCounts:
        """How many items are in each state."""

    @abstractmethod
    def cancel(self, item_ids: list[int] | None = None, batch_id: str | None = None) -> list[int]:
        """Cancel pending or running items (given ids, a batch, or all when neither); returns ids."""

    @abstractmethod
    def retry(self, item_ids: list[int]) -> list[int]:
        """Put failed or canceled items back at the end of the queue; returns the ids retried."""

    @abstractmethod
    def prune(self) -> int:
        """Delete finished items; returns how many."""

    @abstractmethod
    def clear(self) -> int:
        """Cancel the running item and delete every item; returns how many were deleted."""


@dataclass
class Recovery:
    """What start-up recovery did with the items a worker left running."""

    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


class WorkQueue(ABC):
    """What a worker does with the queue."""

    @abstractmethod
    def claim_next(self, worker_id: str) -> QueueItem | None:
        """Atomically take the first pending item, or ``None`` when there is none."""

    @abstractmethod
    def complete(self, item_id: int, result: dict[str, object]) -> bool:
        """Record success; ``False`` if the item was no longer running (canceled meanwhile)."""

    @abstractmethod
    def fail(self, item_id: int, error_type: str, message: str, traceback: str | None) -> bool:
        """Record failure; ``False`` if the item was no longer running."""

    @abstractmethod
    def requeue(self, item_id: int) -> bool:
        """Put a running item back to pending (clean shutdown); ``False`` if it was not running."""

    @abstractmethod
    def interrupt(self, item_id: int) -> ItemStatus | None:
        """Count an interruption of a running item: back to pending once, failed the second time.

        Returns the new state, or ``None`` if the item was not running.
        """

    @abstractmethod
    def status_of(self, item_id: int) -> ItemStatus | None:
        """The stored state of an item (``None`` if deleted)."""

    @abstractmethod
    def recover(self, worker_id: str) -> Recovery:
        """After a crash: requeue this worker's running items once, fail those interrupted before."""
