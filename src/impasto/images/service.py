"""The images service: two small interfaces over one implementation that keeps files and records in step.

:class:`ImageStorage` puts images in (nodes, uploads) and gets pixels, files and metadata out;
:class:`ImageGallery` finds and changes records. :class:`ImageLibrary` implements both. Every store writes
the file first (atomically) and the record second; every delete hides the file, removes the record, then
removes the file. Whatever a crash interrupts, :mod:`impasto.images.consistency` finishes at start-up.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image

from impasto.config import ImpastoConfig
from impasto.errors import NotFoundError
from impasto.events import EventBus
from impasto.graph.context import ImageStore
from impasto.images.events import ImageAdded, ImagesDeleted, ImagesUpdated
from impasto.images.files import ImageFileStore
from impasto.images.metadata.chunks import read_chunks
from impasto.images.metadata.recall import parse_recall
from impasto.images.models import (
    IMAGE_FACTS_CHUNK,
    UNCATEGORIZED,
    ImageCategory,
    ImageChanges,
    ImageFacts,
    ImageOrigin,
    ImagePage,
    ImageQuery,
    ImageRecord,
    MetadataReport,
)
from impasto.images.names import check_name, new_name
from impasto.images.records import SqlImageRecords
from impasto.images.run import RunImages
from impasto.images.thumbnails import ThumbnailStore
from impasto.images.uploads import UploadLimits, decode_upload
from impasto.storage.db import Database
from impasto.storage.types import utcnow

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
WORKFLOW_CHUNKS = frozenset({"impasto_workflow", "impasto_graph", "invokeai_workflow", "invokeai_graph"})
WORKFLOW_CHUNKS |= {"workflow", "prompt"}


class ImageStorage(ABC):
    """Putting images in and getting their pixels, files and metadata out."""

    @abstractmethod
    def save(
        self,
        image: Image.Image,
        *,
        node_id: str | None = None,
        intermediate: bool = True,
        category: str = "general",
        board_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> str:
        """Store an image made outside the queue (the node-context protocol); returns its name."""

    @abstractmethod
    def load(self, name: str) -> Image.Image:
        """The pixels of a stored image; raises ``NotFoundError``."""

    @abstractmethod
    def for_run(
        self, item_id: int | None, graph: Mapping[str, Any] | None, workflow: Mapping[str, Any] | None
    ) -> ImageStore:
        """The image store of one graph run: its images carry the item id, graph and workflow."""

    @abstractmethod
    def store(
        self, image: Image.Image, facts: ImageFacts, chunks: Mapping[str, str], *, strict_board: bool
    ) -> ImageRecord:
        """Write a new image with its text chunks and record; a missing board raises or is dropped."""

    @abstractmethod
    def upload(
        self, data: bytes, *, category: ImageCategory, board_id: str | None, intermediate: bool = False
    ) -> ImageRecord:
        """Check, decode and store an uploaded PNG, JPEG or WebP with its metadata."""

    @abstractmethod
    def file(self, name: str) -> Path:
        """The PNG of a stored image; raises ``NotFoundError``."""

    @abstractmethod
    def thumbnail(self, name: str) -> Path:
        """The WebP thumbnail of a stored image, made if missing."""

    @abstractmethod
    def metadata(self, name: str) -> MetadataReport:
        """A stored image's metadata chunks and the parameters recalled from them."""

    @abstractmethod
    def parse(self, data: bytes) -> MetadataReport:
        """The metadata of an uploaded file, without storing it."""


class ImageGallery(ABC):
    """Finding and changing image records."""

    @abstractmethod
    def get(self, name: str) -> ImageRecord:
        """One record; raises ``NotFoundError``."""

    @abstractmethod
    def page(self, query: ImageQuery, offset: int = 0, limit: int = 50) -> ImagePage:
        """A page of records matching ``query``, newest first."""

    @abstractmethod
    def names(self, query: ImageQuery) -> list[str]:
        """The names of every image matching ``query``, in listing order."""

    @abstractmethod
    def update(self, names: Sequence[str], changes: ImageChanges) -> list[ImageRecord]:
        """Apply ``changes`` to every named image (all must exist); returns the new records."""

    @abstractmethod
    def delete(self, names: Sequence[str]) -> list[str]:
        """Delete the named images that exist (files, thumbnails, records); returns their names."""

    @abstractmethod
    def clear_intermediates(
        self,
        keep_item_ids: Collection[int],
        before: datetime | None = None,
        keep_names: Collection[str] = (),
    ) -> int:
        """Delete intermediate images older than ``before``, except those the listed queue items made
        and those named in ``keep_names``."""


@dataclass(frozen=True)
class LibrarySettings:
    """The configuration the images service uses."""

    write_a1111: bool
    upload_limits: UploadLimits


class ImageLibrary(ImageStorage, ImageGallery):
    """Images as PNG files with WebP thumbnails and database records."""

    def __init__(
        self,
        db: Database,
        files: ImageFileStore,
        thumbnails: ThumbnailStore,
        events: EventBus,
        settings: LibrarySettings,
    ) -> None:
        self.records = SqlImageRecords(db)
        self.files = files
        self.thumbnails = thumbnails
        self.events = events
        self.settings = settings

    @classmethod
    def from_config(cls, config: ImpastoConfig, db: Database, events: EventBus) -> ImageLibrary:
        """The library of an installation: ``<outputs>/images`` and ``<outputs>/thumbnails``."""
        outputs = config.outputs_path
        files = ImageFileStore(outputs / "images", config.png_compress_level, config.write_a1111_parameters)
        limits = UploadLimits(round(config.max_upload_mb * MIB), config.max_upload_pixels)
        settings = LibrarySettings(write_a1111=config.write_a1111_parameters, upload_limits=limits)
        return cls(db, files, ThumbnailStore(outputs / "thumbnails", config.thumbnail_size), events, settings)

    # -- storage ------------------------------------------------------------------------------
    def save(
        self,
        image: Image.Image,
        *,
        node_id: str | None = None,
        intermediate: bool = True,
        category: str = "general",
        board_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> str:
        run = self.for_run(None, None, None)
        return run.save(
            image,
            node_id=node_id,
            intermediate=intermediate,
            category=category,
            board_id=board_id,
            metadata=metadata,
        )

    def load(self, name: str) -> Image.Image:
        return self.files.load(name)

    def for_run(
        self, item_id: int | None, graph: Mapping[str, Any] | None, workflow: Mapping[str, Any] | None
    ) -> ImageStore:
        return RunImages(self, item_id, graph, workflow, write_a1111=self.settings.write_a1111)

    def store(
        self, image: Image.Image, facts: ImageFacts, chunks: Mapping[str, str], *, strict_board: bool
    ) -> ImageRecord:
        facts = self._with_valid_board(facts, strict=strict_board)
        name = new_name()
        size = self.files.write(
            name,
            image,
            {**chunks, IMAGE_FACTS_CHUNK: facts.model_dump_json()},
            durable=not facts.intermediate,
        )
        now = utcnow()
        record = ImageRecord(
            **facts.model_dump(),
            image_name=name,
            width=image.width,
            height=image.height,
            file_size=size,
            has_workflow=bool(WORKFLOW_CHUNKS & set(chunks)),
            created_at=now,
            updated_at=now,
        )
        recall = parse_recall(chunks)
        try:
            self.records.add(record, recall if recall.source is not None else None)
        except BaseException:
            self._remove_files([name])  # no record, so no orphan either
            raise
        if not facts.intermediate:
            self._make_thumbnail(name)
        self.events.publish(ImageAdded(image=record))
        return record

    def upload(
        self, data: bytes, *, category: ImageCategory, board_id: str | None, intermediate: bool = False
    ) -> ImageRecord:
        board = None if board_id in (None, "", UNCATEGORIZED) else board_id
        if board is not None and not self.records.board_exists(board):
            raise NotFoundError(f"board '{board}' does not exist", details={"board_id": board})
        decoded = decode_upload(data, self.settings.upload_limits)
        chunks = {key: value for key, value in decoded.chunks.items() if key != IMAGE_FACTS_CHUNK}
        facts = ImageFacts(
            origin=ImageOrigin.UPLOADED, category=category, intermediate=intermediate, board_id=board
        )
        return self.store(decoded.image, facts, chunks, strict_board=True)

    def file(self, name: str) -> Path:
        self.records.get(check_name(name))
        return self.files.existing(name)

    def thumbnail(self, name: str) -> Path:
        return self.thumbnails.ensure(name, self.file(name))

    def metadata(self, name: str) -> MetadataReport:
        with Image.open(self.file(name)) as image:
            chunks = read_chunks(image)
        return MetadataReport(image_name=name, chunks=chunks, recall=parse_recall(chunks))

    def parse(self, data: bytes) -> MetadataReport:
        chunks = decode_upload(data, self.settings.upload_limits).chunks
        return MetadataReport(chunks=chunks, recall=parse_recall(chunks))

    # -- gallery ------------------------------------------------------------------------------
    def get(self, name: str) -> ImageRecord:
        return self.records.get(check_name(name))

    def page(self, query: ImageQuery, offset: int = 0, limit: int = 50) -> ImagePage:
        return self.records.page(query, offset, limit)

    def names(self, query: ImageQuery) -> list[str]:
        return self.records.names(query)

    def update(self, names: Sequence[str], changes: ImageChanges) -> list[ImageRecord]:
        for name in names:
            check_name(name)
        values = self._values(changes)
        existing = self._existing(names)
        missing = sorted(set(names) - set(existing))
        if missing:
            raise NotFoundError(f"image '{missing[0]}' does not exist", details={"names": missing})
        if values:
            self.records.update(existing, values)
        records = self.records.find(existing)
        if values:
            self.events.publish(ImagesUpdated(images=records))
        return records

    def delete(self, names: Sequence[str]) -> list[str]:
        for name in names:
            check_name(name)
        existing = self._existing(names)
        self._delete(existing, intermediates=False)
        return existing

    def clear_intermediates(
        self,
        keep_item_ids: Collection[int],
        before: datetime | None = None,
        keep_names: Collection[str] = (),
    ) -> int:
        kept = set(keep_names)
        names = [n for n in self.records.intermediates(before or utcnow(), keep_item_ids) if n not in kept]
        self._delete(names, intermediates=True)
        return len(names)

    # -- helpers ------------------------------------------------------------------------------
    def _existing(self, names: Sequence[str]) -> list[str]:
        return [record.image_name for record in self.records.find(names)]

    def _delete(self, names: list[str], *, intermediates: bool) -> None:
        """Hide the files, drop the records, then remove the files (see the module docstring)."""
        if not names:
            return
        for name in names:
            self.files.trash(name)
        self.records.delete(names)
        self._remove_files(names)
        self.events.publish(ImagesDeleted(image_names=names, intermediates_cleared=intermediates))

    def _remove_files(self, names: list[str]) -> None:
        for name in names:
            self.files.trash(name)
            self.files.purge(name)
            self.thumbnails.remove(name)

    def _values(self, changes: ImageChanges) -> dict[str, Any]:
        given = changes.model_fields_set
        values: dict[str, Any] = {}
        for field in ("starred", "category", "intermediate"):
            value = getattr(changes, field)
            if field in given and value is not None:
                values[field] = value.value if isinstance(value, ImageCategory) else value
        if "board_id" in given:
            board = changes.board_id
            if board in (None, UNCATEGORIZED):
                values["board_id"] = None
            elif self.records.board_exists(board):
                values["board_id"] = board
            else:
                raise NotFoundError(f"board '{board}' does not exist", details={"board_id": board})
        return values

    def _with_valid_board(self, facts: ImageFacts, *, strict: bool) -> ImageFacts:
        if facts.board_id is None or self.records.board_exists(facts.board_id):
            return facts
        if strict:
            raise NotFoundError(
                f"board '{facts.board_id}' does not exist", details={"board_id": facts.board_id}
            )
        logger.warning("board %s no longer exists; the image is stored without a board", facts.board_id)
        return facts.model_copy(update={"board_id": None})

    def _make_thumbnail(self, name: str) -> None:
        try:
            self.thumbnails.ensure(name, self.files.existing(name))
        except (OSError, ValueError):  # a thumbnail is made again on request; never fail the save
            logger.warning("could not make the thumbnail of %s", name, exc_info=True)
