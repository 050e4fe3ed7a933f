"""Create the gallery's tables: boards, and image records (file facts, origin, board, recall for search)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection


def upgrade(connection: Connection) -> None:
    metadata = sa.MetaData()
    sa.Table(
        "boards",
        metadata,
        sa.Column("board_id", sa.String(36), primary_key=True),
        sa.Column("board_name", sa.String(255), nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("cover_image_name", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    sa.Table(
        "images",
        metadata,
        sa.Column("image_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("image_name", sa.String(64), nullable=False, unique=True),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("category", sa.String(16), nullable=False, index=True),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("file_size", sa.BigInteger, nullable=False),
        sa.Column("starred", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("intermediate", sa.Boolean, nullable=False),
        sa.Column(
            "board_id",
            sa.String(36),
            sa.ForeignKey("boards.board_id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("queue_item_id", sa.Integer, nullable=True, index=True),
        sa.Column("node_id", sa.String(255), nullable=True),
        sa.Column("has_workflow", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("recall", sa.JSON, nullable=True),
        sa.Column("search_text", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Index("ix_images_gallery", "intermediate", "created_at"),
    )
    metadata.create_all(connection)
