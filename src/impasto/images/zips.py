"""ZIP downloads of many images, streamed: the archive is produced piece by piece as the client reads it.

Nothing is built in memory or on disk first. ``zipfile`` writes into a small buffer that is emptied after
every block, and the entries use data descriptors, which is what lets a ZIP be written without seeking
back. PNGs are already compressed, so entries are stored, not deflated again. For large downloads a
progress event is published every few percent and when the archive is complete.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from impasto.events import EventBus
from impasto.images.events import ZipProgress

logger = logging.getLogger(__name__)

BLOCK_SIZE = 256 * 1024
PROGRESS_MIN_IMAGES = 20
"""Downloads of at least this many images report progress."""
PROGRESS_STEPS = 20


class _Sink(io.RawIOBase):
    """A write-only, non-seekable stream whose content is taken out after each write."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self.buffer.extend(data)
        return len(data)

    def take(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def stream_zip(
    entries: Sequence[tuple[str, Path]], events: EventBus | None = None, zip_id: str = ""
) -> Iterator[bytes]:
    """The bytes of a ZIP holding each ``(archive name, file)``; files that vanished meanwhile are skipped."""
    sink = _Sink()
    total = len(entries)
    report = events is not None and total >= PROGRESS_MIN_IMAGES
    every = max(1, total // PROGRESS_STEPS)
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for done, (name, path) in enumerate(entries, start=1):
            yield from _entry(archive, sink, name, path)
            if report and events is not None and done % every == 0 and done < total:
                events.publish(ZipProgress(zip_id=zip_id, done=done, total=total, finished=False))
    yield sink.take()
    if report and events is not None:
        events.publish(ZipProgress(zip_id=zip_id, done=total, total=total, finished=True))


def _entry(archive: zipfile.ZipFile, sink: _Sink, name: str, path: Path) -> Iterator[bytes]:
    try:
        source = path.open("rb")
    except FileNotFoundError:
        logger.warning("%s was deleted while its ZIP download ran; it is left out", name)
        return
    with source, archive.open(name, mode="w", force_zip64=True) as target:
        while block := source.read(BLOCK_SIZE):
            target.write(block)
            yield sink.take()
    yield sink.take()
