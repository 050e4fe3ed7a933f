"""Create the persistent queue: batches (graph and batch data) and their items (state and results)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection


def upgrade(connection: Connection) -> None:
    metadata = sa.MetaData()
    sa.Table(
        "queue_batches",
        metadata,
        sa.Column("batch_id", sa.String(36), primary_key=True),
        sa.Column("graph", sa.JSON, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("runs", sa.Integer, nullable=False),
        sa.Column("origin", sa.String(64), nullable=True),
        sa.Column("destination", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "queue_items",
        metadata,
        sa.Column("item_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "batch_id",
            sa.String(36),
            sa.ForeignKey("queue_batches.batch_id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sort_key", sa.BigInteger, nullable=False),
        sa.Column("field_values", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=True),
        sa.Column("error_type", sa.String(255), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("error_traceback", sa.Text, nullable=True),
        sa.Column("worker_id", sa.String(64), nullable=True),
        sa.Column("interruptions", sa.Integer, nullable=False, server_default="0"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Index("ix_queue_items_status_sort", "status", "sort_key"),
    )
    metadata.create_all(connection)
