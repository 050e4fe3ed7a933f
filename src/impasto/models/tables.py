"""The model manager's tables as they are after the latest migration (queries are written against these)."""

from __future__ import annotations

import sqlalchemy as sa

from impasto.storage.types import UTCDateTime

metadata = sa.MetaData()

records = sa.Table(
    "model_records",
    metadata,
    sa.Column("key", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("base", sa.String(32), nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("format", sa.String(32), nullable=False),
    sa.Column("variant", sa.String(32)),
    sa.Column("prediction_type", sa.String(32)),
    sa.Column("path", sa.Text, nullable=False, unique=True),
    sa.Column("owned", sa.Boolean, nullable=False),
    sa.Column("hash", sa.String(128), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_type", sa.String(16), nullable=False),
    sa.Column("trigger_words", sa.JSON, nullable=False),
    sa.Column("default_settings", sa.JSON),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

install_jobs = sa.Table(
    "model_install_jobs",
    metadata,
    sa.Column("job_id", sa.String(36), primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("source_type", sa.String(16), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("request", sa.JSON, nullable=False),
    sa.Column("bytes_done", sa.BigInteger, nullable=False),
    sa.Column("bytes_total", sa.BigInteger),
    sa.Column("model_key", sa.String(36)),
    sa.Column("error_type", sa.String(255)),
    sa.Column("error_message", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
