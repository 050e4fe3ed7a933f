"""Model records in the database: add, get, list with filters, update, delete, re-identify."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import torch

from impasto.errors import NotFoundError
from impasto.events import Event, EventBus
from impasto.models.identity import ModelIdentity, ModelRecord
from impasto.models.records import (
    DuplicateModelError,
    ModelFilter,
    ModelRecordChanges,
    SqlModelRecords,
    new_record,
)
from impasto.models.taxonomy import (
    BaseModelType,
    DefaultSettings,
    ModelFormat,
    ModelType,
    ModelVariant,
    PredictionType,
    default_settings,
)
from impasto.storage import Database, apply_migrations

from .factory import write_lora

torch.set_num_threads(1)


@pytest.fixture
def models_path(tmp_path: Path) -> Path:
    path = tmp_path / "models"
    path.mkdir()
    return path


@pytest.fixture
def events() -> list[Event]:
    return []


@pytest.fixture
def records(tmp_path: Path, models_path: Path, events: list[Event]) -> Iterator[SqlModelRecords]:
    db = Database(f"sqlite:///{tmp_path / 'test.db'}")
    apply_migrations(db)
    bus = EventBus()
    bus.subscribe(events.append)
    yield SqlModelRecords(db, models_path, bus)
    db.dispose()


def identity(
    name: str, base: str = "sd-1", type: str = "lora", format: str = "lycoris", **extra: object
) -> ModelIdentity:
    return ModelIdentity(
        base=BaseModelType(base),
        type=ModelType(type),
        format=ModelFormat(format),
        name=name,
        path=Path(f"/x/{name}"),
        size=123,
        **extra,
    )


def record(name: str, path: str, **kwargs: str) -> ModelRecord:
    return new_record(
        identity(name, **kwargs),
        path=path,
        owned=not path.startswith("/"),
        hash="blake3:00",
        source=path,
        source_type="path",
    )


def test_migration_creates_the_tables(records: SqlModelRecords) -> None:
    with records.db.read() as conn:
        names = set(sa.inspect(conn).get_table_names())
    assert {"model_records", "model_install_jobs"} <= names


def test_add_get_and_list_with_filters(records: SqlModelRecords, events: list[Event]) -> None:
    lora = records.add(record("Detail Tweaker", "/loras/detail.safetensors"))
    xl = records.add(record("XL Style", "/loras/xl.safetensors", base="sdxl"))
    main = records.add(record("Dream", "sd-1/main/dream", type="main", format="diffusers"))
    assert records.get(lora.key) == lora
    assert [r.key for r in records.list()] == [lora.key, xl.key, main.key]  # by type, base, name
    assert records.list(ModelFilter(base=BaseModelType.SDXL)) == [xl]
    assert records.list(ModelFilter(type=ModelType.MAIN)) == [main]
    assert records.list(ModelFilter(format=ModelFormat.DIFFUSERS)) == [main]
    assert records.list(ModelFilter(name="STYLE")) == [xl]
    assert records.list(ModelFilter(name="%")) == []
    assert records.list(ModelFilter(source="/loras/xl.safetensors")) == [xl]
    assert main.default_settings == default_settings(BaseModelType.SD1)
    assert lora.default_settings is None
    assert [e.action for e in events] == ["added", "added", "added"]  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError, match="no installed model"):
        records.get("missing")


def test_paths_are_unique_whatever_their_spelling(
    records: SqlModelRecords, models_path: Path, tmp_path: Path
) -> None:
    owned = records.add(record("A", "sd-1/lora/a.safetensors"))
    with pytest.raises(DuplicateModelError) as caught:
        records.add(record("Again", str(models_path / "sd-1" / "lora" / "a.safetensors")))
    assert caught.value.details["key"] == owned.key
    assert "'A'" in caught.value.message
    outside = tmp_path / "elsewhere" / "b.safetensors"
    records.add(record("B", str(outside)))
    assert records.find_by_path(tmp_path / "elsewhere" / ".." / "elsewhere" / "b.safetensors") is not None
    assert records.find_by_path(models_path / "sd-1/lora/a.safetensors") == owned
    assert records.resolve(owned) == models_path / "sd-1" / "lora" / "a.safetensors"


def test_update_changes_only_what_is_given(records: SqlModelRecords, events: list[Event]) -> None:
    added = records.add(record("Main", "/m/main.safetensors", type="main", format="checkpoint"))
    settings = DefaultSettings(width=640, height=640, steps=20)
    updated = records.update(
        added.key,
        ModelRecordChanges(
            name="Renamed",
            trigger_words=["tok"],
            default_settings=settings,
            variant=ModelVariant.INPAINT,
            prediction_type=PredictionType.V_PREDICTION,
        ),
    )
    assert (updated.name, updated.trigger_words, updated.default_settings) == ("Renamed", ["tok"], settings)
    assert (updated.variant, updated.prediction_type) == ("inpaint", "v_prediction")
    assert updated.description == added.description
    assert updated.updated_at > added.updated_at
    assert records.update(added.key, ModelRecordChanges(description="d")).name == "Renamed"
    assert events[-1].action == "updated"  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError):
        records.update("missing", ModelRecordChanges(name="x"))


def test_delete_removes_owned_files_only(records: SqlModelRecords, models_path: Path, tmp_path: Path) -> None:
    owned_file = models_path / "sd-1" / "lora" / "a.safetensors"
    owned_file.parent.mkdir(parents=True)
    owned_file.write_bytes(b"x")
    (models_path / "sd-1" / "main").mkdir()
    foreign = tmp_path / "mine.safetensors"
    foreign.write_bytes(b"y")
    owned = records.add(record("A", "sd-1/lora/a.safetensors"))
    mine = records.add(record("Mine", str(foreign)))
    assert records.delete(owned.key) == owned
    assert not owned_file.exists()
    assert not (models_path / "sd-1" / "lora").exists()
    assert (models_path / "sd-1" / "main").exists()  # not emptied by this delete
    records.delete(mine.key)
    assert foreign.exists()
    assert records.list() == []
    with pytest.raises(NotFoundError):
        records.delete(mine.key)


def test_reidentify_refreshes_what_the_files_are(records: SqlModelRecords, tmp_path: Path) -> None:
    lora = write_lora(tmp_path / "style.safetensors", base="sdxl")
    wrong = records.add(
        new_record(
            identity("style", base="sd-1", type="embedding", format="embedding_file"),
            path=str(lora),
            owned=False,
            hash="blake3:0",
            source=str(lora),
            source_type="path",
        )
    )
    fixed = records.reidentify(wrong.key)
    assert (fixed.base, fixed.type) == ("sdxl", "lora")
    assert fixed.size == lora.stat().st_size
    assert fixed.name == "style"
    lora.unlink()
    with pytest.raises(NotFoundError, match="missing"):
        records.reidentify(wrong.key)
