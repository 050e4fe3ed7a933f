"""The steps every install ends with: identify, hash, put the files in place, record.

These run synchronously on the caller's thread (an install job's worker, ``ensure_bundled_models``) and report
through a small :class:`StepSink`, which is also how a running step learns it was canceled. Identification
runs before any byte is copied, so a file identification refuses (an unsafe pickle, something that is not a
model) never reaches the models folder and is never recorded.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Protocol

from impasto.errors import ConflictError
from impasto.models.identity import ModelIdentity, ModelRecord, SourceType
from impasto.models.install.download import safe_file_name
from impasto.models.install.jobs import ModelOverrides
from impasto.models.records import DuplicateModelError, ModelRecordService, new_record

logger = logging.getLogger(__name__)

CHUNK = 4 << 20
Placement = Literal["inplace", "copy", "move"]
_RESERVED: set[Path] = set()
_RESERVE_LOCK = threading.Lock()


class StepSink(Protocol):
    """Where a running install reports its steps; ``progress`` raises when the job was canceled."""

    def step(self, name: str, total: int | None = None) -> None: ...

    def progress(self, done: int, total: int | None) -> None: ...


class SilentSink:
    """A sink for installs nobody watches (bundled models)."""

    def step(self, name: str, total: int | None = None) -> None:
        logger.debug("install step: %s", name)

    def progress(self, done: int, total: int | None) -> None:
        return None


def install_files(
    records: ModelRecordService,
    path: Path,
    *,
    placement: Placement,
    source: str,
    source_type: SourceType,
    sink: StepSink,
    name: str | None = None,
    description: str | None = None,
    overrides: ModelOverrides | None = None,
) -> ModelRecord:
    """Identify ``path``, hash it, copy/move it into the models folder (or leave it), and record it."""
    from impasto.models.probe import identify

    if placement == "inplace":
        refuse_duplicate(records, path)
    sink.step("identify")
    identity = apply_overrides(identify(path), overrides)
    record = new_record(
        identity,
        path=str(path.expanduser().resolve()),
        owned=placement != "inplace",
        hash="",
        source=source,
        source_type=source_type,
        name=name or identity.name,
        description=description,
        trigger_words=overrides.trigger_words if overrides else None,
        default_settings=overrides.default_settings if overrides else None,
    )
    if placement == "inplace":
        return records.add(_hashed(record, path, sink))
    dest = destination(records, identity, record.name, path)
    with _reserved(dest):
        record = _hashed(record, path, sink)
        sink.step(placement, identity.size)
        transfer(path, dest, placement, sink)
        try:
            return records.add(
                record.model_copy(update={"path": dest.relative_to(records.models_path).as_posix()})
            )
        except BaseException:
            remove_path(dest)
            raise


def _hashed(record: ModelRecord, path: Path, sink: StepSink) -> ModelRecord:
    from impasto.models.hashing import hash_path

    sink.step("hash", record.size)
    return record.model_copy(update={"hash": hash_path(path, sink.progress)})


@contextmanager
def _reserved(dest: Path) -> Iterator[None]:
    """Keep two installs of this process from writing the same destination at once."""
    with _RESERVE_LOCK:
        if dest in _RESERVED:
            raise ConflictError(f"another install is writing {dest} right now", details={"path": str(dest)})
        _RESERVED.add(dest)
    try:
        yield
    finally:
        with _RESERVE_LOCK:
            _RESERVED.discard(dest)


def apply_overrides(identity: ModelIdentity, overrides: ModelOverrides | None) -> ModelIdentity:
    if overrides is None:
        return identity
    fields = overrides.model_dump(include={"base", "type", "variant", "prediction_type"}, exclude_none=True)
    return identity.model_copy(update=fields)


def refuse_duplicate(records: ModelRecordService, path: Path) -> None:
    existing = records.find_by_path(path)
    if existing is not None:
        raise DuplicateModelError(
            f"'{path}' is installed already as '{existing.name}' (key {existing.key})",
            details={"key": existing.key, "name": existing.name, "path": existing.path},
        )


def destination(records: ModelRecordService, identity: ModelIdentity, name: str, path: Path) -> Path:
    """``<models>/<base>/<type>/<name>[<suffix>]``; refused if something is there already."""
    folder_name = safe_file_name(name) or "model"
    suffix = "" if path.is_dir() else "".join(path.suffixes[-1:])
    dest = records.models_path / identity.base.value / identity.type.value / (folder_name + suffix)
    refuse_duplicate(records, dest)
    if dest.exists():
        raise ConflictError(
            f"{dest} exists already but is not an installed model; remove it or choose another name",
            details={"path": str(dest)},
        )
    return dest


def transfer(source: Path, dest: Path, placement: Placement, sink: StepSink) -> None:
    """Copy or move ``source`` to ``dest`` through a temporary name, so ``dest`` is never half written."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    temporary = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if placement == "move" and _same_device(source, dest.parent):
            os.replace(source, temporary)
        else:
            _copy_tree(source, temporary, sink)
        os.replace(temporary, dest)
    except BaseException:
        remove_path(temporary)
        raise
    if placement == "move" and source.exists():
        remove_path(source)


def _copy_tree(source: Path, dest: Path, sink: StepSink) -> None:
    files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
    total = sum(p.stat().st_size for p in files)
    done = 0
    for file in files:
        target = dest if source.is_file() else dest / file.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        with file.open("rb") as reader, target.open("wb") as writer:
            while chunk := reader.read(CHUNK):
                writer.write(chunk)
                done += len(chunk)
                sink.progress(done, total)
        shutil.copystat(file, target, follow_symlinks=True)


def _same_device(source: Path, folder: Path) -> bool:
    try:
        return source.stat().st_dev == folder.stat().st_dev
    except OSError:
        return False


def remove_path(path: Path) -> None:
    """Delete a file or folder if it exists; failures are logged, not raised (this is cleanup)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    except OSError as exc:
        logger.warning("could not remove %s: %s", path, exc)
