"""The style presets table as it is after the latest migration (queries are written against it)."""

from __future__ import annotations

import sqlalchemy as sa

from impasto.storage.types import UTCDateTime

metadata = sa.MetaData()

style_presets = sa.Table(
    "style_presets",
    metadata,
    sa.Column("preset_id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("name_key", sa.String(255), nullable=False, unique=True),
    sa.Column("positive_prompt", sa.Text, nullable=False),
    sa.Column("negative_prompt", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
