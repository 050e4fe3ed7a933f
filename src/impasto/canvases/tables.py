"""The canvases table as it is after the latest migration (queries are written against it)."""

from __future__ import annotations

import sqlalchemy as sa

from impasto.storage.types import UTCDateTime

metadata = sa.MetaData()

canvases = sa.Table(
    "canvases",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
