"""The workflows table as it is after the latest migration (queries are written against it).

``name_key`` (the name case-folded) sorts names without regard to case; ``search_text`` holds the
case-folded name, description and tags that a search looks in; ``tags_key`` holds the case-folded tags
each between line feeds (``"\\nportrait\\nsdxl\\n"``), so that a tag filter is one ``LIKE`` that cannot
match part of a tag (a tag holds no control characters).
"""

from __future__ import annotations

import sqlalchemy as sa

from impasto.storage.types import UTCDateTime

metadata = sa.MetaData()

workflows = sa.Table(
    "workflows",
    metadata,
    sa.Column("workflow_id", sa.String(64), primary_key=True),
    sa.Column("category", sa.String(16), nullable=False),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("name_key", sa.String(255), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("author", sa.String(255), nullable=False),
    sa.Column("tags", sa.JSON, nullable=False),
    sa.Column("tags_key", sa.Text, nullable=False),
    sa.Column("search_text", sa.Text, nullable=False),
    sa.Column("workflow", sa.JSON, nullable=False),
    sa.Column("thumbnail", sa.String(64)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("opened_at", UTCDateTime),
)
