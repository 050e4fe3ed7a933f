"""The persistent queue: batches expand into items stored in the database, run by a worker."""

from impasto.queue.models import Batch, BatchDatum, EnqueueResult, ItemStatus, QueueItem
from impasto.queue.service import QueueService, WorkQueue
from impasto.queue.sql import SqlQueue
from impasto.queue.worker import QueueWorker

__all__ = [
    "Batch",
    "BatchDatum",
    "EnqueueResult",
    "ItemStatus",
    "QueueItem",
    "QueueService",
    "QueueWorker",
    "SqlQueue",
    "WorkQueue",
]
