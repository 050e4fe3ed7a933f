"""The queue's tables as they are after the latest migration (queries are written against these)."""

from __future__ import annotations

import sqlalchemy as sa

from impasto.storage.types import UTCDateTime

metadata = sa.MetaData()

batches = sa.Table(
    "queue_batches",
    metadata,
    sa.Column("batch_id", sa.String(36), primary_key=True),
    sa.Column("graph", sa.JSON, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("runs", sa.Integer, nullable=False),
    sa.Column("origin", sa.String(64)),
    sa.Column("destination", sa.String(64)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("workflow", sa.JSON),
)

items = sa.Table(
    "queue_items",
    metadata,
    sa.Column("item_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("batch_id", sa.String(36), sa.ForeignKey("queue_batches.batch_id"), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("sort_key", sa.BigInteger, nullable=False),
    sa.Column("field_values", sa.JSON, nullable=False),
    sa.Column("result", sa.JSON),
    sa.Column("error_type", sa.String(255)),
    sa.Column("error_message", sa.Text),
    sa.Column("error_traceback", sa.Text),
    sa.Column("worker_id", sa.String(64)),
    sa.Column("interruptions", sa.Integer, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("started_at", UTCDateTime),
    sa.Column("completed_at", UTCDateTime),
)
