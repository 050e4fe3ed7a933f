"""The queue stored in the database (SQLAlchemy Core; SQLite or PostgreSQL).

Every state change is a conditional ``UPDATE ... WHERE status = <expected>`` inside a write transaction,
so a worker finishing an item can never overwrite a cancellation that happened meanwhile, and two workers
can never claim the same item. Events are published after the transaction commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from impasto.errors import NotFoundError
from impasto.events import EventBus
from impasto.graph.batching import BoardImages
from impasto.graph.model import FieldValue, Graph
from impasto.graph.node import NodeRegistry
from impasto.graph.validation import PreparedGraph, prepare
from impasto.queue import tables as t
from impasto.queue.batch import check_batch_data, expand, item_count, require_capacity
from impasto.queue.batch_nodes import expand_batch_nodes
from impasto.queue.events import (
    BatchEnqueued,
    QueueCleared,
    QueueItemsCanceled,
    QueueItemStatusChanged,
)
from impasto.queue.models import (
    Batch,
    EnqueueResult,
    ItemPage,
    ItemStatus,
    QueueCounts,
    QueueItem,
    QueueItemSummary,
)
from impasto.queue.service import QueueService, Recovery, WorkQueue
from impasto.storage.db import Database
from impasto.storage.types import utcnow

ACTIVE = (ItemStatus.PENDING.value, ItemStatus.IN_PROGRESS.value)
RETRYABLE = (ItemStatus.FAILED.value, ItemStatus.CANCELED.value)
FINISHED = (ItemStatus.COMPLETED.value, ItemStatus.FAILED.value, ItemStatus.CANCELED.value)
Admission = Callable[[Batch, PreparedGraph], None]
"""A last check of a valid batch before it is stored; raises an ``ImpastoError`` to refuse it."""
INTERRUPTED_TWICE = (
    "this item was interrupted twice while running (the server stopped abruptly, or one of its nodes did not "
    "stop when the server shut down); it was not started a third time"
)


class SqlQueue(QueueService, WorkQueue):
    """Queue items and batches in the database.

    ``admit`` checks a valid batch before it is stored and raises to refuse it (the composition root
    passes the check of work too large for the limits or the machine). ``board_images`` lists a board's
    images for image batch nodes over a board.
    """

    def __init__(
        self,
        db: Database,
        registry: NodeRegistry,
        events: EventBus,
        max_size: int,
        admit: Admission | None = None,
        board_images: BoardImages | None = None,
    ) -> None:
        self.db = db
        self.registry = registry
        self.events = events
        self.max_size = max_size
        self.admit = admit
        self.board_images = board_images

    # -- clients -------------------------------------------------------------------------------
    def enqueue(self, batch: Batch) -> EnqueueResult:
        batch = expand_batch_nodes(batch, self.registry, self.board_images)
        prepared = prepare(batch.graph, self.registry)
        check_batch_data(batch, prepared)
        if self.admit is not None:
            self.admit(batch, prepared)
        count = item_count(batch)
        batch_id = str(uuid.uuid4())
        with self.db.write() as conn:
            require_capacity(count, self._count(conn, ItemStatus.PENDING), self.max_size)
            item_ids = self._insert(conn, batch_id, batch, count)
            counts = self._counts(conn)
        self.events.publish(
            BatchEnqueued(batch_id=batch_id, item_ids=item_ids, prepend=batch.prepend, counts=counts)
        )
        return EnqueueResult(
            batch_id=batch_id, item_ids=item_ids, enqueued=len(item_ids), prepend=batch.prepend
        )

    def _insert(self, conn: Connection, batch_id: str, batch: Batch, count: int) -> list[int]:
        now = utcnow()
        conn.execute(
            t.batches.insert().values(
                batch_id=batch_id,
                graph=batch.graph.model_dump(mode="json"),
                data=[[d.model_dump(mode="json") for d in group] for group in batch.data],
                runs=batch.runs,
                origin=batch.origin,
                destination=batch.destination,
                workflow=batch.workflow,
                created_at=now,
            )
        )
        first_key = self._first_sort_key(conn, count, batch.prepend)
        rows = [
            {
                "batch_id": batch_id,
                "status": ItemStatus.PENDING.value,
                "sort_key": first_key + index,
                "field_values": [v.model_dump(mode="json") for v in values],
                "interruptions": 0,
                "attempts": 1,
                "created_at": now,
                "updated_at": now,
            }
            for index, values in enumerate(expand(batch))
        ]
        if rows:
            conn.execute(t.items.insert(), rows)
        ids = conn.execute(
            sa.select(t.items.c.item_id).where(t.items.c.batch_id == batch_id).order_by(t.items.c.sort_key)
        )
        return [int(row) for row in ids.scalars()]

    def _first_sort_key(self, conn: Connection, count: int, prepend: bool) -> int:
        if prepend:
            lowest = conn.execute(sa.select(sa.func.min(t.items.c.sort_key))).scalar()
            return int(lowest if lowest is not None else 0) - count
        highest = conn.execute(sa.select(sa.func.max(t.items.c.sort_key))).scalar()
        return int(highest if highest is not None else -1) + 1

    def get(self, item_id: int) -> QueueItem:
        with self.db.read() as conn:
            row = conn.execute(_full_select().where(t.items.c.item_id == item_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"queue item {item_id} does not exist")
        return _item(row)

    def list_items(
        self,
        offset: int = 0,
        limit: int = 50,
        statuses: list[ItemStatus] | None = None,
        batch_id: str | None = None,
        newest_first: bool = False,
    ) -> ItemPage:
        conditions: list[sa.ColumnElement[bool]] = []
        if statuses:
            conditions.append(t.items.c.status.in_([s.value for s in statuses]))
        if batch_id is not None:
            conditions.append(t.items.c.batch_id == batch_id)
        order = t.items.c.item_id.desc() if newest_first else t.items.c.item_id.asc()
        query = _summary_select().where(*conditions).order_by(order).offset(offset).limit(limit)
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
            total = conn.execute(sa.select(sa.func.count()).select_from(t.items).where(*conditions)).scalar()
        items = [QueueItemSummary.model_validate(_summary_fields(row)) for row in rows]
        return ItemPage(items=items, total=int(total or 0), offset=offset, limit=limit)

    def counts(self) -> QueueCounts:
        with self.db.read() as conn:
            return self._counts(conn)

    def cancel(self, item_ids: list[int] | None = None, batch_id: str | None = None) -> list[int]:
        condition: sa.ColumnElement[bool] = t.items.c.status.in_(ACTIVE)
        if item_ids is not None:
            condition = sa.and_(condition, t.items.c.item_id.in_(item_ids))
        if batch_id is not None:
            condition = sa.and_(condition, t.items.c.batch_id == batch_id)
        now = utcnow()
        with self.db.write() as conn:
            ids = [int(i) for i in conn.execute(sa.select(t.items.c.item_id).where(condition)).scalars()]
            if ids:
                conn.execute(
                    t.items.update()
                    .where(condition, t.items.c.item_id.in_(ids))
                    .values(status=ItemStatus.CANCELED.value, completed_at=now, updated_at=now)
                )
            counts = self._counts(conn)
        if ids:
            self.events.publish(QueueItemsCanceled(item_ids=ids, counts=counts))
        return ids

    def retry(self, item_ids: list[int]) -> list[int]:
        with self.db.write() as conn:
            condition = sa.and_(t.items.c.item_id.in_(item_ids), t.items.c.status.in_(RETRYABLE))
            ids = [int(i) for i in conn.execute(sa.select(t.items.c.item_id).where(condition)).scalars()]
            next_key = self._first_sort_key(conn, len(ids), prepend=False)
            for offset, item_id in enumerate(sorted(ids)):
                conn.execute(
                    t.items.update()
                    .where(t.items.c.item_id == item_id)
                    .values(
                        **_reset_values(),
                        sort_key=next_key + offset,
                        interruptions=0,
                        attempts=t.items.c.attempts + 1,
                    )
                )
            updates = [self._change(conn, item_id) for item_id in ids]
        for event in updates:
            self.events.publish(event)
        return ids

    def prune(self) -> int:
        with self.db.write() as conn:
            deleted = conn.execute(t.items.delete().where(t.items.c.status.in_(FINISHED))).rowcount
            _delete_orphan_batches(conn)
            counts = self._counts(conn)
        self.events.publish(QueueCleared(deleted=deleted, counts=counts))
        return int(deleted)

    def clear(self) -> int:
        self.cancel()
        with self.db.write() as conn:
            deleted = conn.execute(t.items.delete()).rowcount
            conn.execute(t.batches.delete())
            counts = self._counts(conn)
        self.events.publish(QueueCleared(deleted=deleted, counts=counts))
        return int(deleted)

    # -- workers -------------------------------------------------------------------------------
    def claim_next(self, worker_id: str) -> QueueItem | None:
        with self.db.write() as conn:
            item_id = conn.execute(
                sa.select(t.items.c.item_id)
                .where(t.items.c.status == ItemStatus.PENDING.value)
                .order_by(t.items.c.sort_key, t.items.c.item_id)
                .limit(1)
            ).scalar()
            if item_id is None:
                return None
            now = utcnow()
            claimed = conn.execute(
                t.items.update()
                .where(t.items.c.item_id == item_id, t.items.c.status == ItemStatus.PENDING.value)
                .values(
                    status=ItemStatus.IN_PROGRESS.value, worker_id=worker_id, started_at=now, updated_at=now
                )
            ).rowcount
            if not claimed:
                return None
            event = self._change(conn, int(item_id))
        self.events.publish(event)
        return self.get(int(item_id))

    def complete(self, item_id: int, result: dict[str, Any]) -> bool:
        return self._finish(item_id, ItemStatus.COMPLETED, result=result)

    def fail(self, item_id: int, error_type: str, message: str, traceback: str | None) -> bool:
        return self._finish(
            item_id,
            ItemStatus.FAILED,
            error_type=error_type,
            error_message=message,
            error_traceback=traceback,
        )

    def requeue(self, item_id: int) -> bool:
        with self.db.write() as conn:
            moved = conn.execute(
                t.items.update()
                .where(t.items.c.item_id == item_id, t.items.c.status == ItemStatus.IN_PROGRESS.value)
                .values(**_reset_values())
            ).rowcount
            event = self._change(conn, item_id) if moved else None
        if event is not None:
            self.events.publish(event)
        return bool(moved)

    def status_of(self, item_id: int) -> ItemStatus | None:
        with self.db.read() as conn:
            value = conn.execute(sa.select(t.items.c.status).where(t.items.c.item_id == item_id)).scalar()
        return ItemStatus(value) if value is not None else None

    def interrupt(self, item_id: int) -> ItemStatus | None:
        with self.db.write() as conn:
            row = conn.execute(
                sa.select(t.items.c.interruptions).where(
                    t.items.c.item_id == item_id, t.items.c.status == ItemStatus.IN_PROGRESS.value
                )
            ).first()
            if row is None:
                return None
            values = _interrupted_values(row.interruptions)
            conn.execute(t.items.update().where(t.items.c.item_id == item_id).values(**values))
            event = self._change(conn, item_id)
        self.events.publish(event)
        return event.status

    def recover(self, worker_id: str) -> Recovery:
        recovery = Recovery()
        running = sa.and_(t.items.c.status == ItemStatus.IN_PROGRESS.value, t.items.c.worker_id == worker_id)
        with self.db.write() as conn:
            rows = conn.execute(sa.select(t.items.c.item_id, t.items.c.interruptions).where(running)).all()
            for item_id, interruptions in rows:
                values = _interrupted_values(interruptions)
                done = recovery.failed if values["status"] == ItemStatus.FAILED.value else recovery.requeued
                done.append(int(item_id))
                conn.execute(t.items.update().where(t.items.c.item_id == item_id).values(**values))
            events = [self._change(conn, i) for i in recovery.requeued + recovery.failed]
        for event in events:
            self.events.publish(event)
        return recovery

    # -- helpers -------------------------------------------------------------------------------
    def _finish(self, item_id: int, status: ItemStatus, **values: Any) -> bool:
        with self.db.write() as conn:
            now = utcnow()
            done = conn.execute(
                t.items.update()
                .where(t.items.c.item_id == item_id, t.items.c.status == ItemStatus.IN_PROGRESS.value)
                .values(status=status.value, completed_at=now, updated_at=now, **values)
            ).rowcount
            event = self._change(conn, item_id) if done else None
        if event is not None:
            self.events.publish(event)
        return bool(done)

    def _change(self, conn: Connection, item_id: int) -> QueueItemStatusChanged:
        row = conn.execute(
            sa.select(
                t.items.c.batch_id, t.items.c.status, t.items.c.error_type, t.items.c.error_message
            ).where(t.items.c.item_id == item_id)
        ).one()
        return QueueItemStatusChanged(
            item_id=item_id,
            batch_id=row.batch_id,
            status=ItemStatus(row.status),
            error_type=row.error_type,
            error_message=row.error_message,
            counts=self._counts(conn),
        )

    @staticmethod
    def _count(conn: Connection, status: ItemStatus) -> int:
        query = sa.select(sa.func.count()).select_from(t.items).where(t.items.c.status == status.value)
        return int(conn.execute(query).scalar() or 0)

    @staticmethod
    def _counts(conn: Connection) -> QueueCounts:
        rows = conn.execute(sa.select(t.items.c.status, sa.func.count()).group_by(t.items.c.status)).all()
        by_status = {str(status): int(number) for status, number in rows}
        return QueueCounts(**by_status, total=sum(by_status.values()))


def _reset_values() -> dict[str, Any]:
    return {
        "status": ItemStatus.PENDING.value,
        "worker_id": None,
        "started_at": None,
        "completed_at": None,
        "result": None,
        "error_type": None,
        "error_message": None,
        "error_traceback": None,
        "updated_at": utcnow(),
    }


def _interrupted_values(interruptions: int) -> dict[str, Any]:
    """An interrupted item runs once more; one interrupted before fails, so it cannot stall every start."""
    if interruptions == 0:
        return {**_reset_values(), "interruptions": 1}
    return _failure_values("Interrupted", INTERRUPTED_TWICE, None)


def _failure_values(error_type: str, message: str, traceback: str | None) -> dict[str, Any]:
    now = utcnow()
    return {
        "status": ItemStatus.FAILED.value,
        "error_type": error_type,
        "error_message": message,
        "error_traceback": traceback,
        "completed_at": now,
        "updated_at": now,
    }


def _delete_orphan_batches(conn: Connection) -> None:
    used = sa.select(t.items.c.batch_id).distinct()
    conn.execute(t.batches.delete().where(t.batches.c.batch_id.not_in(used)))


_SUMMARY_COLUMNS = [c for c in t.items.c if c.name not in ("result", "error_traceback", "sort_key")]


def _summary_select() -> sa.Select[Any]:
    return sa.select(*_SUMMARY_COLUMNS, t.batches.c.origin, t.batches.c.destination).join(
        t.batches, t.batches.c.batch_id == t.items.c.batch_id
    )


def _full_select() -> sa.Select[Any]:
    return sa.select(
        *[c for c in t.items.c if c.name != "sort_key"],
        t.batches.c.graph,
        t.batches.c.workflow,
        t.batches.c.origin,
        t.batches.c.destination,
    ).join(t.batches, t.batches.c.batch_id == t.items.c.batch_id)


def _summary_fields(row: Any) -> dict[str, Any]:
    data = dict(row)
    data["field_values"] = [FieldValue.model_validate(v) for v in data["field_values"] or []]
    return data


def _item(row: Any) -> QueueItem:
    data = _summary_fields(row)
    data["graph"] = Graph.model_validate(data["graph"])
    return QueueItem.model_validate(data)
