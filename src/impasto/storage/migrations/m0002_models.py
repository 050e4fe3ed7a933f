"""Create the model manager's tables: installed model records and the history of finished install jobs."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection


def upgrade(connection: Connection) -> None:
    metadata = sa.MetaData()
    sa.Table(
        "model_records",
        metadata,
        sa.Column("key", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False, index=True),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("base", sa.String(32), nullable=False, index=True),
        sa.Column("type", sa.String(32), nullable=False, index=True),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("variant", sa.String(32), nullable=True),
        sa.Column("prediction_type", sa.String(32), nullable=True),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("owned", sa.Boolean, nullable=False),
        sa.Column("hash", sa.String(128), nullable=False, index=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_type", sa.String(16), nullable=False),
        sa.Column("trigger_words", sa.JSON, nullable=False),
        sa.Column("default_settings", sa.JSON, nullable=True),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "model_install_jobs",
        metadata,
        sa.Column("job_id", sa.String(36), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_type", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("request", sa.JSON, nullable=False),
        sa.Column("bytes_done", sa.BigInteger, nullable=False),
        sa.Column("bytes_total", sa.BigInteger, nullable=True),
        sa.Column("model_key", sa.String(36), nullable=True),
        sa.Column("error_type", sa.String(255), nullable=True),
        sa.Column("error_message", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    metadata.create_all(connection)
