"""The start-up check that keeps image files and records consistent after crashes.

Stores write the file first and the record second; deletes hide the file under a trash name, remove the
record, then remove the file. So a crash can leave exactly these, each repaired here:

- a file with a valid name but no record (crash between file and record): **adopted** — a record is made
  from the ``impasto_image`` chunk in the file (origin, category, intermediate flag, board, queue item,
  node) and its metadata, so no image is ever lost;
- a trash file (crash in the middle of a delete): the delete is **finished**;
- a half-written temp file: **removed**;
- a file that is not ours (odd name, symlink, unreadable PNG): **moved** to ``<outputs>/orphans/`` for the
  user to look at, never deleted;
- a record whose file is gone (deleted by hand): the record is **removed**, unless so many are missing that
  the folder has probably moved or is not mounted — then they are only reported, and nothing is touched;
- a thumbnail without an image: removed.

Files younger than ``grace_s`` are left alone, because another process (the CLI next to a server) may be
between the two steps of a store right now.
"""

from __future__ import annotations

import logging
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from pydantic import ValidationError

from impasto.images.files import TEMP_PREFIX, TRASH_PREFIX
from impasto.images.metadata.chunks import read_chunks
from impasto.images.metadata.recall import parse_recall
from impasto.images.models import IMAGE_FACTS_CHUNK, ConsistencyReport, ImageFacts, ImageRecord
from impasto.images.names import is_valid_name
from impasto.images.service import WORKFLOW_CHUNKS, ImageLibrary

logger = logging.getLogger(__name__)

GRACE_S = 60.0
"""Files younger than this are skipped: a writer in another process may not have added the record yet."""
MISSING_LIMIT = 10
MISSING_FRACTION = 0.1


def check_consistency(
    library: ImageLibrary, orphans: Path, *, repair: bool = True, grace_s: float = GRACE_S
) -> ConsistencyReport:
    """Find and (when ``repair``) fix every inconsistency between the images folder and the records."""
    check = _Check(library, orphans, repair, time.time() - grace_s)
    report = check.run()
    if not report.clean:
        logger.warning(
            "image storage check: adopted %d, moved to %s %d, missing files %d, finished deletes %d%s",
            len(report.adopted),
            orphans,
            len(report.moved_to_orphans),
            len(report.missing_files),
            len(report.finished_deletes),
            "" if report.repaired else " (reported only, not repaired)",
        )
    return report


class _Check:
    def __init__(self, library: ImageLibrary, orphans: Path, repair: bool, cutoff: float) -> None:
        self.library = library
        self.records = library.records
        self.orphans = orphans
        self.repair = repair
        self.cutoff = cutoff
        self.report = ConsistencyReport(repaired=repair)

    def run(self) -> ConsistencyReport:
        recorded = self.records.all_names()
        on_disk: set[str] = set()
        trashed: list[str] = []
        for path in self.library.files.entries():
            name = path.name
            if name.startswith(TRASH_PREFIX) and is_valid_name(name[len(TRASH_PREFIX) :]):
                trashed.append(name[len(TRASH_PREFIX) :])
            elif name.startswith(TEMP_PREFIX):
                self._remove_temp(path)
            elif is_valid_name(name) and path.is_file() and not path.is_symlink():
                on_disk.add(name)
                if name not in recorded and self._settled(path):
                    self._adopt(path)
            elif (path.is_file() or path.is_symlink()) and self._settled(path):
                self._to_orphans(path)
        self._finish_deletes(trashed)
        self._missing(recorded - on_disk - set(trashed))
        self._thumbnails()
        return self.report

    def _settled(self, path: Path) -> bool:
        return path.lstat().st_mtime < self.cutoff

    def _remove_temp(self, path: Path) -> None:
        if self._settled(path) and self.repair:
            path.unlink(missing_ok=True)
            self.report.removed_temp_files += 1

    def _adopt(self, path: Path) -> None:
        try:
            with Image.open(path) as image:
                chunks = read_chunks(image)
                image.load()
                size = image.size
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            self._to_orphans(path)
            return
        self.report.adopted.append(path.name)
        if not self.repair:
            return
        facts = _facts(chunks.get(IMAGE_FACTS_CHUNK))
        if facts.board_id is not None and not self.records.board_exists(facts.board_id):
            facts = facts.model_copy(update={"board_id": None})
        stored = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        record = ImageRecord(
            **facts.model_dump(),
            image_name=path.name,
            width=size[0],
            height=size[1],
            file_size=path.stat().st_size,
            has_workflow=bool(WORKFLOW_CHUNKS & set(chunks)),
            created_at=stored,
            updated_at=stored,
        )
        recall = parse_recall(chunks)
        self.records.add(record, recall if recall.source is not None else None)

    def _to_orphans(self, path: Path) -> None:
        self.report.moved_to_orphans.append(path.name)
        if not self.repair:
            return
        self.orphans.mkdir(parents=True, exist_ok=True)
        target = self.orphans / path.name
        if target.exists() or target.is_symlink():
            target = self.orphans / f"{path.stem}-{int(time.time())}{path.suffix}"
        shutil.move(str(path), str(target))

    def _finish_deletes(self, trashed: list[str]) -> None:
        self.report.finished_deletes.extend(trashed)
        if self.repair and trashed:
            self.records.delete(trashed)
            for name in trashed:
                self.library.files.purge(name)
                self.library.thumbnails.remove(name)

    def _missing(self, missing: set[str]) -> None:
        self.report.missing_files.extend(sorted(missing))
        total = len(self.records.all_names())
        if len(missing) > max(MISSING_LIMIT, MISSING_FRACTION * total):
            logger.error(
                "%d of %d image records have no file in %s; has the outputs folder moved? "
                "Nothing was removed.",
                len(missing),
                total,
                self.library.files.folder,
            )
            self.report.repaired = False
            return
        if self.repair and missing:
            self.records.delete(missing)

    def _thumbnails(self) -> None:
        if not self.repair:
            return
        names = self.records.all_names()
        for stem, path in self.library.thumbnails.stems().items():
            if stem.startswith(".") and not self._settled(path):
                continue  # a thumbnail being written right now
            if f"{stem}.png" not in names:
                path.unlink(missing_ok=True)
                self.report.removed_thumbnails += 1


def _facts(text: str | None) -> ImageFacts:
    """The record facts written into a file; defaults (a generated, final image) when absent or broken."""
    if text:
        try:
            return ImageFacts.model_validate_json(text)
        except ValidationError:
            logger.warning("an image's %s chunk is unreadable; defaults are used", IMAGE_FACTS_CHUNK)
    return ImageFacts()
