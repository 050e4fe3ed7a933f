"""Image records in the database (SQLAlchemy Core; SQLite or PostgreSQL).

Listings are ordered newest first by ``(created_at, image_id)``, which is stable: two images stored in the
same instant still keep one order between pages. Search matches every word of the query inside the
lower-cased prompts (``LIKE`` with escaped wildcards), which works the same on both databases.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from impasto.errors import NotFoundError
from impasto.images import tables as t
from impasto.images.metadata.models import RecallParameters
from impasto.images.models import UNCATEGORIZED, ImagePage, ImageQuery, ImageRecord
from impasto.storage.db import Database
from impasto.storage.types import utcnow

_RECORD_COLUMNS = [c for c in t.images.c if c.name not in ("image_id", "recall", "search_text")]
_CHUNK = 500  # names per IN (...) clause: well below SQLite's variable limit


class SqlImageRecords:
    """The ``images`` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, record: ImageRecord, recall: RecallParameters | None) -> None:
        values = record.model_dump(mode="python")
        values["recall"] = recall.model_dump(mode="json", exclude_defaults=True) if recall else None
        values["search_text"] = recall.search_text() if recall else ""
        with self.db.write() as conn:
            conn.execute(t.images.insert().values(**values))

    def get(self, name: str) -> ImageRecord:
        found = self.find([name])
        if not found:
            raise NotFoundError(f"image '{name}' does not exist", details={"name": name})
        return found[0]

    def find(self, names: Sequence[str]) -> list[ImageRecord]:
        """The records of those of ``names`` that exist, in the order given."""
        rows: dict[str, ImageRecord] = {}
        with self.db.read() as conn:
            for chunk in _chunks(list(dict.fromkeys(names))):
                query = sa.select(*_RECORD_COLUMNS).where(t.images.c.image_name.in_(chunk))
                for row in conn.execute(query).mappings():
                    rows[row["image_name"]] = ImageRecord.model_validate(dict(row))
        return [rows[name] for name in names if name in rows]

    def recall(self, name: str) -> RecallParameters | None:
        with self.db.read() as conn:
            value = conn.execute(sa.select(t.images.c.recall).where(t.images.c.image_name == name)).scalar()
        return RecallParameters.model_validate(value) if isinstance(value, dict) else None

    def page(self, query: ImageQuery, offset: int, limit: int) -> ImagePage:
        where = _where(query)
        select = sa.select(*_RECORD_COLUMNS).where(*where).order_by(*_order(query))
        with self.db.read() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(t.images).where(*where)).scalar()
            rows = conn.execute(select.offset(offset).limit(limit)).mappings().all()
        items = [ImageRecord.model_validate(dict(row)) for row in rows]
        return ImagePage(items=items, total=int(total or 0), offset=offset, limit=limit)

    def names(self, query: ImageQuery) -> list[str]:
        select = sa.select(t.images.c.image_name).where(*_where(query)).order_by(*_order(query))
        with self.db.read() as conn:
            return [str(name) for name in conn.execute(select).scalars()]

    def update(self, names: Sequence[str], values: dict[str, Any]) -> list[str]:
        """Set ``values`` on the existing ones of ``names``; returns those that exist."""
        existing = [record.image_name for record in self.find(names)]
        if values and existing:
            with self.db.write() as conn:
                for chunk in _chunks(existing):
                    statement = t.images.update().where(t.images.c.image_name.in_(chunk))
                    conn.execute(statement.values(**values, updated_at=utcnow()))
        return existing

    def delete(self, names: Collection[str]) -> None:
        """Delete records (and the board covers pointing at them) in one transaction."""
        with self.db.write() as conn:
            for chunk in _chunks(list(names)):
                conn.execute(t.images.delete().where(t.images.c.image_name.in_(chunk)))
                cover = t.boards.c.cover_image_name.in_(chunk)
                conn.execute(t.boards.update().where(cover).values(cover_image_name=None))

    def intermediates(self, before: datetime, keep_item_ids: Collection[int]) -> list[str]:
        """Intermediate images stored before ``before`` that no listed queue item made."""
        query = sa.select(t.images.c.image_name).where(
            t.images.c.intermediate == sa.true(), t.images.c.created_at < before
        )
        if keep_item_ids:
            made_by_other = t.images.c.queue_item_id.not_in(list(keep_item_ids))
            query = query.where(sa.or_(t.images.c.queue_item_id.is_(None), made_by_other))
        with self.db.read() as conn:
            return [str(name) for name in conn.execute(query).scalars()]

    def all_names(self) -> set[str]:
        with self.db.read() as conn:
            return {str(name) for name in conn.execute(sa.select(t.images.c.image_name)).scalars()}

    def board_exists(self, board_id: str) -> bool:
        query = sa.select(t.boards.c.board_id).where(t.boards.c.board_id == board_id)
        with self.db.read() as conn:
            return conn.execute(query).first() is not None


def _where(query: ImageQuery) -> list[sa.ColumnElement[bool]]:
    c = t.images.c
    where: list[sa.ColumnElement[bool]] = []
    if query.board_id == UNCATEGORIZED:
        where.append(c.board_id.is_(None))
    elif query.board_id is not None:
        where.append(c.board_id == query.board_id)
    if query.categories:
        where.append(c.category.in_([category.value for category in query.categories]))
    if query.origin is not None:
        where.append(c.origin == query.origin.value)
    if query.starred is not None:
        where.append(c.starred == query.starred)
    if query.intermediate is not None:
        where.append(c.intermediate == query.intermediate)
    for word in (query.search or "").lower().split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append(c.search_text.like(f"%{escaped}%", escape="\\"))
    return where


def _order(query: ImageQuery) -> list[sa.UnaryExpression[Any]]:
    order = [t.images.c.created_at.desc(), t.images.c.image_id.desc()]
    return [t.images.c.starred.desc(), *order] if query.starred_first else order


def _chunks(names: list[str]) -> list[list[str]]:
    return [names[i : i + _CHUNK] for i in range(0, len(names), _CHUNK)]
