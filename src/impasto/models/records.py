"""Installed models in the database: the record service interface and its SQL implementation.

Owned models (copied or downloaded into the models folder) are stored with a path relative to that folder,
so a root can be moved; models used in place keep their absolute path. The path is unique: the same file
cannot be recorded twice.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import uuid
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlalchemy.exc import IntegrityError

from impasto.errors import ConflictError, ImpastoError, NotFoundError
from impasto.events import EventBus
from impasto.models import tables as t
from impasto.models.events import ModelRecordChanged
from impasto.models.identity import ModelIdentity, ModelRecord, SourceType
from impasto.models.taxonomy import (
    BaseModelType,
    DefaultSettings,
    ModelFormat,
    ModelType,
    ModelVariant,
    PredictionType,
    default_settings,
)
from impasto.storage.db import Database
from impasto.storage.types import utcnow
from impasto.text import NameStr, TextStr

logger = logging.getLogger(__name__)

REQUIRED_FIELDS = ("name", "description", "trigger_words")


class DuplicateModelError(ConflictError):
    """A model with this path is installed already; ``details`` names the existing record."""

    code = "duplicate_model"


class ModelFilter(BaseModel):
    """Which records to list; every given field must match."""

    model_config = ConfigDict(extra="forbid")

    base: BaseModelType | None = Field(None, description="Only this architecture family.")
    type: ModelType | None = Field(None, description="Only this model type.")
    format: ModelFormat | None = Field(None, description="Only this storage format.")
    name: str | None = Field(None, description="Only names containing this text (any case).")
    source: str | None = Field(None, description="Only models installed from exactly this source.")


def _schema_without_null(schema: dict[str, Any]) -> None:
    """The schema of a field that may be left out but not given as null: its non-null option alone."""
    options = schema.pop("anyOf")
    schema.update(next(option for option in options if option.get("type") != "null"))
    schema.pop("default", None)


class ModelRecordChanges(BaseModel):
    """Editable fields of a record; fields left out are not changed. Name, description and trigger words
    cannot be null (every record has them); the others can, which clears them."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    name: NameStr | None = Field(
        None,
        min_length=1,
        max_length=255,
        description="Display name.",
        json_schema_extra=_schema_without_null,
    )
    description: TextStr | None = Field(
        None, max_length=4000, description="Free-form description.", json_schema_extra=_schema_without_null
    )
    trigger_words: list[NameStr] | None = Field(
        None, description="Words that activate a LoRA or embedding.", json_schema_extra=_schema_without_null
    )
    default_settings: DefaultSettings | None = Field(None, description="Preferred generation settings.")
    variant: ModelVariant | None = Field(None, description="Correct the identified variant.")
    prediction_type: PredictionType | None = Field(None, description="Correct the identified prediction.")

    @field_validator(*REQUIRED_FIELDS, mode="before")
    @classmethod
    def _refuse_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:  # only an explicit null gets here; a field left out is not validated
            raise ValueError(f"{info.field_name} cannot be null")
        return value


class ModelRecordService(ABC):
    """What the rest of Impasto does with installed models."""

    models_path: Path

    @abstractmethod
    def add(self, record: ModelRecord) -> ModelRecord:
        """Store a new record; raises ``DuplicateModelError`` when its path is recorded already."""

    @abstractmethod
    def get(self, key: str) -> ModelRecord:
        """One record; raises ``NotFoundError``."""

    @abstractmethod
    def list(self, where: ModelFilter | None = None) -> list[ModelRecord]:
        """Records matching the filter, by type, base and name."""

    @abstractmethod
    def find_by_path(self, path: Path) -> ModelRecord | None:
        """The record of a file or folder (given by any path that resolves to it), if installed."""

    @abstractmethod
    def update(self, key: str, changes: ModelRecordChanges) -> ModelRecord:
        """Change editable fields; returns the updated record."""

    @abstractmethod
    def delete(self, key: str) -> ModelRecord:
        """Forget a model, removing its files only if Impasto owns them; returns the old record."""

    @abstractmethod
    def reidentify(self, key: str) -> ModelRecord:
        """Identify the files again and store the new base, type, format, variant and details."""

    def resolve(self, record: ModelRecord) -> Path:
        """The absolute path of a record's files."""
        return resolve_record_path(record, self.models_path)


def resolve_record_path(record: ModelRecord, models_path: Path) -> Path:
    """Owned records are relative to the models folder; others are absolute already."""
    path = Path(record.path)
    return path if path.is_absolute() else models_path / path


def new_record(
    identity: ModelIdentity,
    *,
    path: str,
    owned: bool,
    hash: str,
    source: str,
    source_type: SourceType,
    **fields: Any,
) -> ModelRecord:
    """A fresh record for an identified model; main models get their base's default settings."""
    now = utcnow()
    defaults = None
    if identity.type is ModelType.MAIN:
        resolution = identity.details.get("native_resolution")
        defaults = default_settings(
            identity.base, identity.variant, resolution if isinstance(resolution, int) else None
        )
    values: dict[str, Any] = {
        "key": str(uuid.uuid4()),
        "name": identity.name,
        "base": identity.base,
        "type": identity.type,
        "format": identity.format,
        "variant": identity.variant,
        "prediction_type": identity.prediction_type,
        "size": identity.size,
        "details": identity.details,
        "default_settings": defaults,
        "created_at": now,
        "updated_at": now,
    }
    values.update({k: v for k, v in fields.items() if v is not None})
    return ModelRecord(path=path, owned=owned, hash=hash, source=source, source_type=source_type, **values)


class SqlModelRecords(ModelRecordService):
    """Model records in the database; publishes ``model_record_changed`` after each committed change."""

    def __init__(self, db: Database, models_path: Path, events: EventBus) -> None:
        self.db = db
        self.models_path = models_path
        self.events = events

    def add(self, record: ModelRecord) -> ModelRecord:
        existing = self.find_by_path(self.resolve(record))
        if existing is not None:
            raise _duplicate(existing)
        try:
            with self.db.write() as conn:
                conn.execute(t.records.insert().values(**_to_row(record)))
        except IntegrityError as exc:
            clash = self.find_by_path(self.resolve(record))
            if clash is None:
                raise
            raise _duplicate(clash) from exc
        self._announce(record, "added")
        return record

    def get(self, key: str) -> ModelRecord:
        with self.db.read() as conn:
            row = conn.execute(sa.select(t.records).where(t.records.c.key == key)).mappings().first()
        if row is None:
            raise NotFoundError(f"no installed model has the key '{key}'", details={"key": key})
        return _from_row(row)

    def list(self, where: ModelFilter | None = None) -> list[ModelRecord]:
        query = sa.select(t.records).order_by(t.records.c.type, t.records.c.base, t.records.c.name)
        for condition in _conditions(where or ModelFilter()):
            query = query.where(condition)
        with self.db.read() as conn:
            rows = conn.execute(query).mappings().all()
        return [_from_row(row) for row in rows]

    def find_by_path(self, path: Path) -> ModelRecord | None:
        candidates = _path_forms(path, self.models_path)
        with self.db.read() as conn:
            row = (
                conn.execute(sa.select(t.records).where(t.records.c.path.in_(candidates))).mappings().first()
            )
        return None if row is None else _from_row(row)

    def update(self, key: str, changes: ModelRecordChanges) -> ModelRecord:
        values = changes.model_dump(mode="json", exclude_unset=True)
        record = self._write(key, values)
        self._announce(record, "updated")
        return record

    def delete(self, key: str) -> ModelRecord:
        record = self.get(key)
        if record.owned:
            _remove_files(self.resolve(record), self.models_path)
        with self.db.write() as conn:
            conn.execute(t.records.delete().where(t.records.c.key == key))
        self._announce(record, "deleted")
        return record

    def reidentify(self, key: str) -> ModelRecord:
        from impasto.models.probe import identify

        record = self.get(key)
        path = self.resolve(record)
        if not path.exists():
            raise NotFoundError(f"the files of model '{record.name}' are missing: {path}")
        identity = identify(path)
        values = identity.model_dump(
            mode="json", include={"base", "type", "format", "variant", "prediction_type", "size", "details"}
        )
        updated = self._write(key, values)
        self._announce(updated, "updated")
        return updated

    def _write(self, key: str, values: dict[str, Any]) -> ModelRecord:
        with self.db.write() as conn:
            result = conn.execute(
                t.records.update().where(t.records.c.key == key).values(**values, updated_at=utcnow())
            )
            if result.rowcount == 0:
                raise NotFoundError(f"no installed model has the key '{key}'", details={"key": key})
            row = conn.execute(sa.select(t.records).where(t.records.c.key == key)).mappings().one()
        return _from_row(row)

    def _announce(self, record: ModelRecord, action: Literal["added", "updated", "deleted"]) -> None:
        self.events.publish(ModelRecordChanged(key=record.key, name=record.name, action=action))


def _duplicate(existing: ModelRecord) -> DuplicateModelError:
    return DuplicateModelError(
        f"this model is installed already as '{existing.name}' (key {existing.key}, path {existing.path})",
        details={"key": existing.key, "name": existing.name, "path": existing.path},
    )


def _conditions(where: ModelFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    for column in ("base", "type", "format", "source"):
        value = getattr(where, column)
        if value is not None:
            conditions.append(t.records.c[column] == str(value))
    if where.name:
        escaped = where.name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(sa.func.lower(t.records.c.name).like(f"%{escaped}%", escape="\\"))
    return conditions


def _path_forms(path: Path, models_path: Path) -> list[str]:
    """The strings a record of ``path`` may be stored under: absolute, and relative when owned."""
    absolute = path.expanduser().resolve()
    forms = [str(absolute)]
    with contextlib.suppress(ValueError):
        forms.append(absolute.relative_to(models_path.resolve()).as_posix())
    return forms


def _to_row(record: ModelRecord) -> dict[str, Any]:
    row = record.model_dump(mode="json")
    row["created_at"] = record.created_at
    row["updated_at"] = record.updated_at
    return row


def _from_row(row: Any) -> ModelRecord:
    return ModelRecord.model_validate(dict(row))


def _remove_files(path: Path, models_path: Path) -> None:
    """Delete an owned model's files, then the folders it leaves empty (up to the models folder)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
    except OSError as exc:
        raise ImpastoError(f"cannot remove the model files at {path}: {exc.strerror or exc}") from exc
    parent = path.parent
    root = models_path.resolve()
    while parent.resolve() != root and root in parent.resolve().parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent
