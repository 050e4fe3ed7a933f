"""Create the workflow library's table: saved and shipped workflows, with what listings search and sort by."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection


def upgrade(connection: Connection) -> None:
    metadata = sa.MetaData()
    sa.Table(
        "workflows",
        metadata,
        sa.Column("workflow_id", sa.String(64), primary_key=True),
        sa.Column("category", sa.String(16), nullable=False, index=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False, index=True),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("tags_key", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("workflow", sa.JSON, nullable=False),
        sa.Column("thumbnail", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
    )
    metadata.create_all(connection)
