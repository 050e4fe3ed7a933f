"""Canvases: the service interface and its SQL implementation.

A canvas document is replaced whole on each save (the studio debounces its saves), so there is no merge
logic here: only the size limit, and finding the stored images a document names.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa

from impasto.canvases.models import MAX_DOCUMENT_BYTES, Canvas, CanvasDocumentError, CanvasNotFoundError
from impasto.canvases.tables import canvases as table
from impasto.storage.db import Database
from impasto.storage.types import utcnow


class CanvasService(ABC):
    """Named canvas documents."""

    @abstractmethod
    def get(self, name: str) -> Canvas:
        """One canvas; raises ``CanvasNotFoundError``."""

    @abstractmethod
    def put(self, name: str, document: dict[str, Any]) -> Canvas:
        """Create the canvas or replace its document; raises ``CanvasDocumentError``."""

    @abstractmethod
    def delete(self, name: str) -> Canvas:
        """Remove a canvas and return it (its images stay, as any intermediate images)."""

    @abstractmethod
    def image_names(self) -> set[str]:
        """Every stored image that some canvas names."""


class SqlCanvases(CanvasService):
    """Canvases in the database, one row each."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, name: str) -> Canvas:
        with self.db.read() as conn:
            row = conn.execute(sa.select(table).where(table.c.name == name)).mappings().first()
        if row is None:
            raise CanvasNotFoundError(f"no canvas is named '{name}'", {"name": name})
        return Canvas(**row)

    def put(self, name: str, document: dict[str, Any]) -> Canvas:
        check_size(document)
        now = utcnow()
        with self.db.write() as conn:
            changed = conn.execute(
                table.update().where(table.c.name == name).values(document=document, updated_at=now)
            ).rowcount
            if not changed:
                conn.execute(
                    table.insert().values(name=name, document=document, created_at=now, updated_at=now)
                )
        return self.get(name)

    def delete(self, name: str) -> Canvas:
        canvas = self.get(name)
        with self.db.write() as conn:
            conn.execute(table.delete().where(table.c.name == name))
        return canvas

    def image_names(self) -> set[str]:
        with self.db.read() as conn:
            documents = conn.execute(sa.select(table.c.document)).scalars().all()
        return {name for document in documents for name in named_images(document)}


def check_size(document: dict[str, Any]) -> None:
    """Refuses a document over ``MAX_DOCUMENT_BYTES`` as JSON, or one holding NaN or an infinity."""
    try:
        size = len(json.dumps(document, allow_nan=False, separators=(",", ":")).encode())
    except ValueError as exc:
        raise CanvasDocumentError("document: holds NaN or Infinity, which JSON cannot carry") from exc
    if size > MAX_DOCUMENT_BYTES:
        limit = MAX_DOCUMENT_BYTES // 1024
        raise CanvasDocumentError(
            f"document: {size} bytes of JSON is over the {limit} KiB a canvas may hold", {"bytes": size}
        )


def named_images(value: Any) -> Iterator[str]:
    """The string values of ``image_name`` keys anywhere in a document."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if key == "image_name" and isinstance(child, str):
                    yield child
                else:
                    stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)
