"""Image files on disk, addressed by unique names that are safe to put in URLs and edges.

Writes are atomic: the PNG goes to a hidden temp file in the same folder, is flushed to disk and renamed
into place, so a reader (or a crash) never sees half a file. Deletes are two-phase: the file is first
renamed to a hidden trash name, then the record goes, then the trash file; a crash in between leaves a
trash file that the start-up check finishes deleting (see :mod:`impasto.images.consistency`).

Every file also carries a small ``impasto_image`` chunk with the facts of its record (origin, category,
intermediate, board, queue item, node), so a file whose record was never written can be adopted with
the right record. :meth:`ImageFileStore.save` writes such files without any record; the images service
(:class:`~impasto.images.service.ImageLibrary`) adds the record, and the start-up check adopts files
saved by this class alone.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image

from impasto.errors import InvalidInputError, NotFoundError
from impasto.images.metadata.chunks import generation_chunks, png_info
from impasto.images.models import IMAGE_FACTS_CHUNK, ImageCategory, ImageFacts, ImageOrigin
from impasto.images.names import check_name, is_valid_name, new_name

logger = logging.getLogger(__name__)

TEMP_PREFIX = ".tmp-"
TRASH_PREFIX = ".trash-"

__all__ = ["TEMP_PREFIX", "TRASH_PREFIX", "ImageFileStore", "is_valid_name"]


class ImageFileStore:
    """PNG files under one folder: atomic writes, checked names, deletes that survive a crash."""

    def __init__(self, folder: Path, compress_level: int = 1, write_a1111: bool = True) -> None:
        self.folder = folder
        self.compress_level = compress_level
        self.write_a1111 = write_a1111
        self.folder.mkdir(parents=True, exist_ok=True)
        self._recent = _RecentImages(RECENT_BYTES)

    def write(self, name: str, image: Image.Image, chunks: Mapping[str, str], *, durable: bool = True) -> int:
        """Write ``image`` as ``name`` with text ``chunks``, atomically; returns the file's size.

        ``durable`` flushes the file to the disk before it is renamed into place (final images, whose
        record follows); intermediates skip that wait, since losing one in a power cut loses nothing.
        """
        target = self.path(name)
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=TEMP_PREFIX, suffix=".png")
        try:
            with os.fdopen(fd, "wb") as handle:
                image.save(handle, format="PNG", compress_level=self.compress_level, pnginfo=png_info(chunks))
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._recent.put(name, image, chunks)
        return target.stat().st_size

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
        """Store ``image`` as a new PNG without a database record and return its name."""
        name = new_name()
        facts = ImageFacts(
            origin=ImageOrigin.GENERATED,
            category=ImageCategory(category),
            intermediate=intermediate,
            board_id=board_id,
            node_id=node_id,
        )
        chunks = generation_chunks(metadata, None, None, a1111=self.write_a1111)
        self.write(name, image, {IMAGE_FACTS_CHUNK: facts.model_dump_json(), **chunks})
        logger.debug("saved image %s (%sx%s) from node %s", name, image.width, image.height, node_id)
        return name

    def load(self, name: str) -> Image.Image:
        """The stored image, fully read into memory (a just-written one without decoding it again)."""
        path = self.existing(name)
        recent = self._recent.get(name)
        if recent is not None:
            return recent
        try:
            with Image.open(path) as image:
                image.load()
                return image.copy()
        except Image.DecompressionBombError as exc:
            raise InvalidInputError(f"image '{name}' has too many pixels to open safely: {exc}") from exc

    def path(self, name: str) -> Path:
        """Where the image ``name`` lives; refuses names that are not ours."""
        return self.folder / check_name(name)

    def existing(self, name: str) -> Path:
        """The file of a stored image; raises ``NotFoundError`` unless it is a regular file in the folder."""
        path = self.path(name)
        if path.is_symlink() or not path.is_file():
            raise NotFoundError(f"image '{name}' does not exist", details={"name": name})
        return path

    def exists(self, name: str) -> bool:
        path = self.folder / name
        return is_valid_name(name) and path.is_file() and not path.is_symlink()

    def trash(self, name: str) -> bool:
        """First phase of a delete: hide the file under its trash name; ``False`` if it was missing."""
        self._recent.drop(name)
        try:
            os.replace(self.path(name), self.folder / f"{TRASH_PREFIX}{name}")
        except FileNotFoundError:
            return False
        return True

    def purge(self, name: str) -> None:
        """Last phase of a delete: remove the trash file."""
        (self.folder / f"{TRASH_PREFIX}{check_name(name)}").unlink(missing_ok=True)

    def entries(self) -> list[Path]:
        """Everything in the folder (for the consistency check)."""
        return sorted(self.folder.iterdir()) if self.folder.is_dir() else []


LOSSLESS_MODES = frozenset({"RGB", "RGBA", "L", "LA"})
RECENT_BYTES = 64 * 1024**2
"""Pixels of just-written images kept in memory: the next node usually reads what the last one wrote."""


class _RecentImages:
    """A small LRU of images by name, bounded by their pixel bytes; hands out copies.

    A copy carries the text chunks it was written with as its ``info``, as a read of the file would;
    only the modes PNG stores unchanged are kept, so a hit is indistinguishable from a read.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._images: OrderedDict[str, Image.Image] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def put(self, name: str, image: Image.Image, chunks: Mapping[str, str]) -> None:
        size = _pixel_bytes(image)
        if size > self.max_bytes or image.mode not in LOSSLESS_MODES or "transparency" in image.info:
            return  # a read of the file would differ (mode or transparency key); let reads decode it
        copy = image.copy()
        copy.info.clear()
        copy.info.update(chunks)
        self.drop(name)  # a rewrite replaces the old entry (and its bytes)
        with self._lock:
            self._images[name] = copy
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._images.popitem(last=False)
                self._bytes -= _pixel_bytes(dropped)

    def get(self, name: str) -> Image.Image | None:
        with self._lock:
            image = self._images.get(name)
            if image is None:
                return None
            self._images.move_to_end(name)
        return image.copy()

    def drop(self, name: str) -> None:
        with self._lock:
            image = self._images.pop(name, None)
            if image is not None:
                self._bytes -= _pixel_bytes(image)


def _pixel_bytes(image: Image.Image) -> int:
    return image.width * image.height * len(image.getbands())
