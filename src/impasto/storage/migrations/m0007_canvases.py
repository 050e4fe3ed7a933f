"""Create the canvases table: each named canvas's JSON document; its bitmaps are stored images it names."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection


def upgrade(connection: Connection) -> None:
    metadata = sa.MetaData()
    sa.Table(
        "canvases",
        metadata,
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    metadata.create_all(connection)
