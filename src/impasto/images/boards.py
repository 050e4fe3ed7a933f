"""Boards: named collections of images, with counts, a cover, archiving, and the virtual Uncategorized.

An image is on at most one board (its record's ``board_id``); images on none form the virtual board
``none`` ("Uncategorized"), which can be listed and counted like a board but not renamed or deleted.
Counts and the automatic cover (the newest image) leave intermediate images out.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy import Connection

from impasto.errors import InvalidInputError, NotFoundError
from impasto.events import EventBus
from impasto.images import tables as t
from impasto.images.events import BoardChanged
from impasto.images.models import (
    UNCATEGORIZED,
    BoardChanges,
    BoardDeleted,
    BoardRecord,
    ImageCategory,
    ImageQuery,
)
from impasto.images.names import check_name
from impasto.images.service import ImageGallery
from impasto.storage.db import Database
from impasto.storage.types import utcnow

UNCATEGORIZED_NAME = "Uncategorized"
MAX_NAME = 255


class BoardService(ABC):
    """Creating, finding, changing and deleting boards."""

    @abstractmethod
    def create(self, board_name: str) -> BoardRecord:
        """A new, empty board."""

    @abstractmethod
    def get(self, board_id: str) -> BoardRecord:
        """One board with counts ('none' is Uncategorized); raises ``NotFoundError``."""

    @abstractmethod
    def list_boards(self, include_archived: bool = False) -> list[BoardRecord]:
        """Every board, by name; archived ones only when asked."""

    @abstractmethod
    def update(self, board_id: str, changes: BoardChanges) -> BoardRecord:
        """Rename, archive or restore, or set the cover."""

    @abstractmethod
    def delete(self, board_id: str, *, delete_images: bool) -> BoardDeleted:
        """Delete a board; its images are deleted too or move to Uncategorized."""


class SqlBoards(BoardService):
    """Boards in the database; image deletes go through the gallery so files go too."""

    def __init__(self, db: Database, events: EventBus, gallery: ImageGallery) -> None:
        self.db = db
        self.events = events
        self.gallery = gallery

    def create(self, board_name: str) -> BoardRecord:
        now = utcnow()
        board_id = str(uuid.uuid4())
        with self.db.write() as conn:
            conn.execute(
                t.boards.insert().values(
                    board_id=board_id,
                    board_name=_checked_name(board_name),
                    archived=False,
                    created_at=now,
                    updated_at=now,
                )
            )
        return self._announce(board_id, "created")

    def get(self, board_id: str) -> BoardRecord:
        with self.db.read() as conn:
            if board_id == UNCATEGORIZED:
                return _uncategorized(conn)
            row = conn.execute(sa.select(t.boards).where(t.boards.c.board_id == board_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"board '{board_id}' does not exist", details={"board_id": board_id})
            return _record(conn, dict(row))

    def list_boards(self, include_archived: bool = False) -> list[BoardRecord]:
        query = sa.select(t.boards).order_by(sa.func.lower(t.boards.c.board_name), t.boards.c.created_at)
        if not include_archived:
            query = query.where(t.boards.c.archived == sa.false())
        with self.db.read() as conn:
            return [_record(conn, dict(row)) for row in conn.execute(query).mappings()]

    def update(self, board_id: str, changes: BoardChanges) -> BoardRecord:
        self._real(board_id)
        values: dict[str, Any] = {}
        given = changes.model_fields_set
        if changes.board_name is not None:
            values["board_name"] = _checked_name(changes.board_name)
        if changes.archived is not None:
            values["archived"] = changes.archived
        if "cover_image_name" in given:
            values["cover_image_name"] = self._cover(changes.cover_image_name)
        if values:
            with self.db.write() as conn:
                statement = t.boards.update().where(t.boards.c.board_id == board_id)
                conn.execute(statement.values(**values, updated_at=utcnow()))
        return self._announce(board_id, "updated")

    def _cover(self, name: str | None) -> str | None:
        """The stored image ``name`` as a cover; a name that is no stored image is a bad field of the
        change (422), not a missing board (404): the board was found."""
        if not name:
            return None
        try:
            return self.gallery.get(check_name(name)).image_name
        except NotFoundError as exc:
            raise InvalidInputError(
                f"cover_image_name: no stored image is named {name!r}", {"field": "cover_image_name"}
            ) from exc

    def delete(self, board_id: str, *, delete_images: bool) -> BoardDeleted:
        self._real(board_id)
        deleted: list[str] = []
        if delete_images:
            deleted = self.gallery.delete(
                self.gallery.names(ImageQuery(board_id=board_id, intermediate=None))
            )
        with self.db.write() as conn:
            released = conn.execute(
                t.images.update()
                .where(t.images.c.board_id == board_id)
                .values(board_id=None, updated_at=utcnow())
            ).rowcount
            conn.execute(t.boards.delete().where(t.boards.c.board_id == board_id))
        self.events.publish(BoardChanged(board_id=board_id, action="deleted"))
        return BoardDeleted(board_id=board_id, deleted_images=deleted, released_images=int(released or 0))

    def _real(self, board_id: str) -> None:
        if board_id == UNCATEGORIZED:
            raise InvalidInputError("Uncategorized is not a real board; it cannot be changed or deleted")
        self.get(board_id)

    def _announce(self, board_id: str, action: Literal["created", "updated"]) -> BoardRecord:
        board = self.get(board_id)
        self.events.publish(BoardChanged(board_id=board_id, action=action, board=board))
        return board


def _checked_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_NAME:
        raise InvalidInputError(f"a board name must be 1 to {MAX_NAME} characters, not {len(cleaned)}")
    return cleaned


def _counts(conn: Connection, where: sa.ColumnElement[bool]) -> tuple[int, int, str | None]:
    """Images, assets and the newest image name among the final images matching ``where``."""
    c = t.images.c
    final = sa.and_(where, c.intermediate == sa.false())
    general = sa.func.sum(sa.case((c.category == ImageCategory.GENERAL.value, 1), else_=0))
    row = conn.execute(sa.select(general, sa.func.count()).where(final)).first()
    images, total = (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)
    newest = conn.execute(
        sa.select(c.image_name).where(final).order_by(c.created_at.desc(), c.image_id.desc()).limit(1)
    ).scalar()
    return images, total - images, newest


def _record(conn: Connection, row: dict[str, Any]) -> BoardRecord:
    images, assets, newest = _counts(conn, t.images.c.board_id == row["board_id"])
    return BoardRecord(
        **{**row, "cover_image_name": row["cover_image_name"] or newest},
        image_count=images,
        asset_count=assets,
    )


def _uncategorized(conn: Connection) -> BoardRecord:
    images, assets, newest = _counts(conn, t.images.c.board_id.is_(None))
    return BoardRecord(
        board_id=UNCATEGORIZED,
        board_name=UNCATEGORIZED_NAME,
        cover_image_name=newest,
        image_count=images,
        asset_count=assets,
    )
