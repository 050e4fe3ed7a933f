"""Style presets: the service interface and its SQL implementation.

User presets live in the database; the built-in ones (:mod:`impasto.presets.defaults`) are merged into
every listing and refuse changes. Names are unique regardless of case, across both kinds, so a preset can be
picked by name.
"""

from __future__ import annotations

import builtins
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from impasto.errors import InvalidInputError
from impasto.events import EventBus
from impasto.presets.defaults import builtin_presets
from impasto.presets.events import StylePresetChanged
from impasto.presets.models import (
    DuplicatePresetError,
    ImportResult,
    IncompletePresetError,
    PresetNotFoundError,
    ReadOnlyPresetError,
    SkippedPreset,
    StyledPrompt,
    StylePreset,
    StylePresetChanges,
    StylePresetFields,
    StylePresetImport,
)
from impasto.presets.tables import style_presets as table
from impasto.presets.templates import apply_style
from impasto.storage.db import Database
from impasto.storage.types import utcnow
from impasto.text import without_controls


class StylePresetService(ABC):
    """Named prompt templates: the built-in ones and the user's."""

    @abstractmethod
    def list(self) -> list[StylePreset]:
        """Every preset: built-in ones first, then the user's by name."""

    @abstractmethod
    def get(self, preset_id: str) -> StylePreset:
        """One preset; raises ``PresetNotFoundError``."""

    @abstractmethod
    def create(self, fields: StylePresetFields) -> StylePreset:
        """Store a new user preset; raises ``DuplicatePresetError`` if the name is taken."""

    @abstractmethod
    def update(self, preset_id: str, changes: StylePresetChanges) -> StylePreset:
        """Change a user preset's name or templates."""

    @abstractmethod
    def delete(self, preset_id: str) -> StylePreset:
        """Remove a user preset and return it."""

    @abstractmethod
    def export(self) -> builtins.list[StylePresetFields]:
        """The user presets' names and templates, for a JSON file."""

    @abstractmethod
    def import_presets(self, entries: Iterable[Mapping[str, Any]]) -> ImportResult:
        """Create the presets of an export, each on its own: names in use and invalid entries are
        skipped with the reason (nothing existing is replaced, one bad entry stops nothing)."""

    @abstractmethod
    def apply(self, preset_id: str, prompt: str, negative_prompt: str = "") -> StyledPrompt:
        """The prompts styled by a preset."""


class SqlStylePresets(StylePresetService):
    """User presets in the database; publishes ``style_preset_changed`` after each committed change."""

    def __init__(self, db: Database, events: EventBus) -> None:
        self.db = db
        self.events = events
        self.builtins = {preset.id: preset for preset in builtin_presets()}

    def list(self) -> list[StylePreset]:
        with self.db.read() as conn:
            rows = conn.execute(sa.select(table).order_by(table.c.name_key)).mappings().all()
        return [*self.builtins.values(), *(_from_row(row) for row in rows)]

    def get(self, preset_id: str) -> StylePreset:
        builtin = self.builtins.get(preset_id)
        if builtin is not None:
            return builtin
        with self.db.read() as conn:
            row = conn.execute(sa.select(table).where(table.c.preset_id == preset_id)).mappings().first()
        if row is None:
            raise PresetNotFoundError(f"no style preset has the id '{preset_id}'", {"id": preset_id})
        return _from_row(row)

    def create(self, fields: StylePresetFields) -> StylePreset:
        self._check_name_free(fields.name)
        now = utcnow()
        preset_id = str(uuid.uuid4())
        values = {**fields.model_dump(), "name_key": _key(fields.name), "created_at": now, "updated_at": now}
        with _unique(fields.name), self.db.write() as conn:
            conn.execute(table.insert().values(preset_id=preset_id, **values))
        preset = self.get(preset_id)
        self._announce(preset, "created")
        return preset

    def update(self, preset_id: str, changes: StylePresetChanges) -> StylePreset:
        current = self._user_preset(preset_id)
        values = {k: v for k, v in changes.model_dump(exclude_unset=True).items() if v is not None}
        merged = _validated({**current.fields().model_dump(), **values})
        if "name" in values and _key(merged.name) != _key(current.name):
            self._check_name_free(merged.name)
        row = {**merged.model_dump(), "name_key": _key(merged.name), "updated_at": utcnow()}
        with _unique(merged.name), self.db.write() as conn:
            conn.execute(table.update().where(table.c.preset_id == preset_id).values(**row))
        preset = self.get(preset_id)
        self._announce(preset, "updated")
        return preset

    def delete(self, preset_id: str) -> StylePreset:
        preset = self._user_preset(preset_id)
        with self.db.write() as conn:
            conn.execute(table.delete().where(table.c.preset_id == preset_id))
        self._announce(preset, "deleted")
        return preset

    def export(self) -> builtins.list[StylePresetFields]:
        return [preset.fields() for preset in self.list() if preset.type == "user"]

    def import_presets(self, entries: Iterable[Mapping[str, Any]]) -> ImportResult:
        created: list[StylePreset] = []
        skipped: list[SkippedPreset] = []
        for number, entry in enumerate(entries, start=1):
            name = entry.get("name")
            shown = without_controls(name).strip() if isinstance(name, str) else ""
            label = shown or f"entry {number}"
            try:
                imported = StylePresetImport.model_validate(entry)
                created.append(self.create(StylePresetFields(**imported.model_dump())))
            except ValidationError as exc:
                skipped.append(SkippedPreset(name=label, reason=_validation_reason(exc)))
            except (DuplicatePresetError, InvalidInputError) as exc:
                skipped.append(SkippedPreset(name=label, reason=exc.message))
        return ImportResult(created=created, skipped=skipped)

    def apply(self, preset_id: str, prompt: str, negative_prompt: str = "") -> StyledPrompt:
        return apply_style(self.get(preset_id), prompt, negative_prompt)

    def _user_preset(self, preset_id: str) -> StylePreset:
        preset = self.get(preset_id)
        if preset.type == "builtin":
            raise ReadOnlyPresetError(
                f"'{preset.name}' is a built-in style preset and cannot be changed; create a copy instead",
                {"id": preset_id},
            )
        return preset

    def _check_name_free(self, name: str) -> None:
        if _key(name) in {_key(p.name) for p in self.builtins.values()}:
            raise _duplicate(name, "a built-in preset")
        with self.db.read() as conn:
            row = conn.execute(sa.select(table.c.name).where(table.c.name_key == _key(name))).first()
        if row is not None:
            raise _duplicate(name, f"'{row.name}'")

    def _announce(self, preset: StylePreset, action: Literal["created", "updated", "deleted"]) -> None:
        self.events.publish(StylePresetChanged(preset_id=preset.id, name=preset.name, action=action))


@contextmanager
def _unique(name: str) -> Iterator[None]:
    """Turns the database's unique-name violation (a concurrent create) into ``DuplicatePresetError``."""
    try:
        yield
    except IntegrityError as exc:
        raise _duplicate(name, "another preset") from exc


def _validated(values: dict[str, Any]) -> StylePresetFields:
    """The preset a change would leave, checked as a whole: a change that is valid on its own may still
    empty the one template the stored preset has, which conflicts with that preset (409)."""
    try:
        return StylePresetFields(**values)
    except ValidationError as exc:
        reasons = "; ".join(str(error["msg"]).removeprefix("Value error, ") for error in exc.errors())
        raise IncompletePresetError(f"the changed style preset would not be valid: {reasons}") from exc


def _duplicate(name: str, holder: str) -> DuplicatePresetError:
    return DuplicatePresetError(f"the style preset name '{name}' is taken by {holder}", {"name": name})


def _key(name: str) -> str:
    return name.casefold()


def _from_row(row: Any) -> StylePreset:
    return StylePreset(
        id=row["preset_id"],
        name=row["name"],
        positive_prompt=row["positive_prompt"],
        negative_prompt=row["negative_prompt"],
        type="user",
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _validation_reason(exc: ValidationError) -> str:
    """The first problem of an invalid entry, naming its field."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "entry"
    return f"{field}: {error['msg']}"
