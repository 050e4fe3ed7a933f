"""Installing local files (copied or in place): duplicates, unsafe files, events, bundled and starters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from impasto.errors import InvalidInputError
from impasto.models.install.jobs import InstallRequest, JobState, ModelOverrides
from impasto.models.install.sources import HFSource, LocalSource, UrlSource, parse_source
from impasto.models.records import DuplicateModelError, ModelRecordChanges
from impasto.models.starters import (
    STARTER_MODELS,
    ensure_bundled_models,
    starter_statuses,
    starters_with_dependencies,
)
from impasto.models.taxonomy import BaseModelType, ModelType, default_settings

from .factory import write_embedding, write_lora, write_malicious_pickle, write_sd1_diffusers
from .install_helpers import ModelStack, model_stack

torch.set_num_threads(1)


@pytest.fixture
def stack(root: Path) -> Iterator[ModelStack]:
    with model_stack(root) as built:
        yield built


@pytest.fixture
def lora(tmp_path: Path) -> Path:
    return write_lora(tmp_path / "downloads" / "tiny-style.safetensors")


def test_copy_install_owns_a_copy_under_base_and_type(stack: ModelStack, lora: Path) -> None:
    job = stack.install(lora)
    assert job.state is JobState.COMPLETED, job.error_message
    record = stack.records.get(job.model_key or "")
    assert (record.name, record.base, record.type, record.owned) == ("tiny-style", "sd-1", "lora", True)
    assert record.path == "sd-1/lora/tiny-style.safetensors"
    installed = stack.config.models_path / record.path
    assert installed.read_bytes() == lora.read_bytes()
    assert record.hash.startswith("blake3:")
    assert (record.source, record.source_type) == (str(lora), "path")
    assert lora.exists()  # a copy, not a move
    stack.records.delete(record.key)
    assert not installed.exists()
    assert not (stack.config.models_path / "sd-1").exists()  # emptied folders go too
    assert lora.exists()


def test_inplace_install_keeps_the_path_and_the_files(stack: ModelStack, lora: Path) -> None:
    job = stack.install(lora, inplace=True, name="My style", description="for tests")
    record = stack.records.get(job.model_key or "")
    assert (record.path, record.owned, record.name, record.description) == (
        str(lora.resolve()),
        False,
        "My style",
        "for tests",
    )
    assert stack.model_files() == []
    stack.records.delete(record.key)
    assert lora.exists()


def test_diffusers_folder_gets_default_settings(stack: ModelStack, tmp_path: Path) -> None:
    folder = write_sd1_diffusers(tmp_path / "tiny-sd15")
    record = stack.records.get(stack.install(folder).model_key or "")
    assert (record.base, record.type, record.format) == ("sd-1", "main", "diffusers")
    assert record.path == "sd-1/main/tiny-sd15"
    native = record.details["native_resolution"]  # the tiny test model is not drawn at 512 px
    assert record.default_settings == default_settings(BaseModelType.SD1, record.variant, native)
    assert (stack.config.models_path / record.path / "model_index.json").is_file()
    assert record.size == sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_installing_the_same_file_twice_is_a_conflict_naming_the_record(
    stack: ModelStack, lora: Path
) -> None:
    first = stack.records.get(stack.install(lora, inplace=True).model_key or "")
    with pytest.raises(DuplicateModelError) as caught:
        stack.installer.install(InstallRequest(source=str(lora), inplace=True))
    assert caught.value.status_code == 409
    assert first.key in caught.value.message
    assert caught.value.details["key"] == first.key

    copied = stack.install(lora)
    again = stack.install(lora)
    assert again.state is JobState.ERROR
    assert again.error_type == "DuplicateModelError"
    assert str(copied.model_key) in (again.error_message or "")


def test_malicious_pickle_is_refused_and_leaves_nothing(stack: ModelStack, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = write_malicious_pickle(tmp_path / "evil.ckpt", marker)
    for inplace in (False, True):
        job = stack.install(evil, inplace=inplace)
        assert job.state is JobState.ERROR
        assert job.error_type == "UnsafeModelError", job.error_message
    assert not marker.exists()
    assert stack.records.list() == []
    assert stack.model_files() == []


def test_not_a_model_fails_with_the_reason(stack: ModelStack, tmp_path: Path) -> None:
    junk = tmp_path / "notes.safetensors"
    junk.write_bytes(b"not a safetensors file")
    job = stack.install(junk)
    assert job.state is JobState.ERROR
    assert job.error_message
    assert stack.model_files() == []


def test_overrides_replace_identification(stack: ModelStack, tmp_path: Path) -> None:
    embedding = write_embedding(tmp_path / "tiny-emb.pt")
    overrides = ModelOverrides(trigger_words=["<tiny>"], base=BaseModelType.SD2)
    record = stack.records.get(stack.install(embedding, overrides=overrides).model_key or "")
    assert (record.type, record.base, record.trigger_words) == (ModelType.EMBEDDING, "sd-2", ["<tiny>"])
    assert record.path == "sd-2/embedding/tiny-emb.pt"


def test_job_events_walk_the_states_and_history_survives(root: Path, lora: Path) -> None:
    with model_stack(root) as stack:
        job = stack.install(lora)
        states = [j.state for j in stack.job_events(job.id)]
        steps = {j.step for j in stack.job_events(job.id)}
    assert states[0] is JobState.WAITING
    assert states[-1] is JobState.COMPLETED
    assert JobState.RUNNING in states
    assert {"identify", "hash", "copy"} <= steps
    assert stack.events[-1].type == "install_job_changed"
    assert any(e.type == "model_record_changed" for e in stack.events)
    with model_stack(root) as later:
        stored = later.installer.get_job(job.id)
        assert (stored.state, stored.model_key) == (JobState.COMPLETED, job.model_key)
        assert [j.id for j in later.installer.list_jobs()] == [job.id]
        assert later.installer.prune_jobs() == 1
        assert later.installer.list_jobs() == []


def test_bad_requests_are_refused_before_a_job_starts(stack: ModelStack, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="not an existing file or folder"):
        stack.installer.install(InstallRequest(source=str(tmp_path / "missing.safetensors")))
    with pytest.raises(InvalidInputError, match="inplace"):
        stack.installer.install(InstallRequest(source="https://example.com/x.safetensors", inplace=True))
    assert stack.installer.list_jobs() == []


def test_source_parsing(tmp_path: Path) -> None:
    assert parse_source(str(tmp_path)) == LocalSource(tmp_path.resolve())
    assert parse_source("https://h.example/a.safetensors") == UrlSource("https://h.example/a.safetensors")
    assert parse_source("owner/repo") == HFSource("owner/repo")
    assert parse_source("owner/repo::sub/model.safetensors") == HFSource(
        "owner/repo", "sub/model.safetensors"
    )
    assert parse_source("owner/repo:fp16") == HFSource("owner/repo", None, "fp16")
    assert str(HFSource("o/r", "f.safetensors", "fp16")) == "o/r::f.safetensors:fp16"
    for bad in ("not a source", "a/b/c", "http://"):
        with pytest.raises(InvalidInputError):
            parse_source(bad)


def test_sources_that_cannot_name_a_path_are_refused_clearly() -> None:
    for bad, reason in (
        ("models/x\x00.safetensors", "NUL character"),
        ("~no-such-user-of-impasto/x.safetensors", "cannot expand"),
        ("n" * 300 + ".safetensors", "not an existing file"),  # too long for the file system to look up
    ):
        with pytest.raises(InvalidInputError, match=reason):
            parse_source(bad)


def test_bundled_models_are_installed_once(stack: ModelStack, tmp_path: Path) -> None:
    stack.config.install_bundled_models = True
    bundled = tmp_path / "bundled"
    write_sd1_diffusers(bundled / "impasto-demo")
    (bundled / "README.txt").write_text("not a model")
    installed = ensure_bundled_models(stack.records, stack.config, bundled)
    assert [(r.name, r.source, r.source_type, r.owned) for r in installed] == [
        ("impasto-demo", "bundled:impasto-demo", "bundled", True)
    ]
    stack.records.update(installed[0].key, ModelRecordChanges(name="Demo"))
    assert ensure_bundled_models(stack.records, stack.config, bundled) == []
    stack.config.install_bundled_models = False
    stack.records.delete(installed[0].key)
    assert ensure_bundled_models(stack.records, stack.config, bundled) == []


def test_starter_models(stack: ModelStack, lora: Path) -> None:
    assert len(STARTER_MODELS) >= 15
    ids = [s.id for s in STARTER_MODELS]
    assert len(set(ids)) == len(ids)
    for starter in STARTER_MODELS:
        assert set(starter.dependencies) <= set(ids)
        if not starter.source.startswith("bundled:"):
            parse_source(starter.source)  # every other source is a URL or a hub id
    bases = {s.base for s in STARTER_MODELS}
    assert {"sd-1", "sdxl", "flux", "any"} <= {b.value for b in bases}
    order = [s.id for s in starters_with_dependencies(["controlnet-canny-sdxl"])]
    assert order == ["sdxl-vae-fp16-fix", "sdxl", "controlnet-canny-sdxl"]
    assert not any(s.installed for s in starter_statuses(stack.records))
    job = stack.install(lora)
    record = stack.records.get(job.model_key or "")
    with stack.db.write() as conn:  # pretend it came from a starter's source
        conn.exec_driver_sql(
            "UPDATE model_records SET source = ? WHERE key = ?", (STARTER_MODELS[0].source, record.key)
        )
    status = {s.id: s for s in starter_statuses(stack.records)}
    assert status[STARTER_MODELS[0].id].installed
    assert status[STARTER_MODELS[0].id].model_key == record.key


def test_install_request_schema_documents_every_field() -> None:
    schema = InstallRequest.model_json_schema()
    assert all(field.get("description") for field in schema["properties"].values()), json.dumps(schema)
