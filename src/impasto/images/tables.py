"""The images and boards tables as they are after the latest migration (queries use these)."""

from __future__ import annotations

import sqlalchemy as sa

from impasto.storage.types import UTCDateTime

metadata = sa.MetaData()

boards = sa.Table(
    "boards",
    metadata,
    sa.Column("board_id", sa.String(36), primary_key=True),
    sa.Column("board_name", sa.String(255), nullable=False),
    sa.Column("archived", sa.Boolean, nullable=False),
    sa.Column("cover_image_name", sa.String(64)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

images = sa.Table(
    "images",
    metadata,
    sa.Column("image_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("image_name", sa.String(64), nullable=False, unique=True),
    sa.Column("origin", sa.String(16), nullable=False),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("width", sa.Integer, nullable=False),
    sa.Column("height", sa.Integer, nullable=False),
    sa.Column("file_size", sa.BigInteger, nullable=False),
    sa.Column("starred", sa.Boolean, nullable=False),
    sa.Column("intermediate", sa.Boolean, nullable=False),
    sa.Column("board_id", sa.String(36), sa.ForeignKey("boards.board_id")),
    sa.Column("queue_item_id", sa.Integer),
    sa.Column("node_id", sa.String(255)),
    sa.Column("has_workflow", sa.Boolean, nullable=False),
    sa.Column("recall", sa.JSON),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
