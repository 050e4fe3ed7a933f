"""Content hashes: BLAKE3 of a file, or of a folder's files in path order, streamed with progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from blake3 import blake3

from impasto.errors import InvalidInputError
from impasto.models import hashing
from impasto.models.hashing import hash_path


def _fill(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_file_hash_is_plain_blake3(tmp_path: Path) -> None:
    path = tmp_path / "w.bin"
    path.write_bytes(b"weights" * 1000)
    assert hash_path(path) == "blake3:" + blake3(b"weights" * 1000).hexdigest()


def test_same_content_same_hash(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"x" * 10)
    (tmp_path / "b").write_bytes(b"x" * 10)
    (tmp_path / "c").write_bytes(b"y" * 10)
    assert hash_path(tmp_path / "a") == hash_path(tmp_path / "b") != hash_path(tmp_path / "c")


def test_folder_hash_ignores_write_order_and_hidden_files(tmp_path: Path) -> None:
    files = {"unet/model.safetensors": b"u" * 100, "model_index.json": b"{}", "vae/config.json": b"v"}
    first = _fill(tmp_path / "one", files)
    second = _fill(tmp_path / "two", dict(reversed(list(files.items()))))
    (second / ".cache").mkdir()
    (second / ".cache" / "lock").write_bytes(b"ignored")
    (second / ".DS_Store").write_bytes(b"ignored")
    assert hash_path(first) == hash_path(second)


def test_folder_hash_depends_on_names_and_contents(tmp_path: Path) -> None:
    base = hash_path(_fill(tmp_path / "a", {"x/w.bin": b"1", "y.json": b"2"}))
    assert base != hash_path(_fill(tmp_path / "b", {"x/w.bin": b"1", "z.json": b"2"}))
    assert base != hash_path(_fill(tmp_path / "c", {"x/w.bin": b"1", "y.json": b"3"}))


def test_progress_reaches_the_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashing, "CHUNK_SIZE", 1000)
    folder = _fill(tmp_path / "m", {"a.bin": b"a" * 2500, "b/c.bin": b"c" * 1500})
    reports: list[tuple[int, int]] = []
    hash_path(folder, lambda done, total: reports.append((done, total)))
    assert reports[-1] == (4000, 4000)
    assert len(reports) >= 4
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


def test_empty_file_reports_completion(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    reports: list[tuple[int, int]] = []
    assert hash_path(path, lambda d, t: reports.append((d, t))) == "blake3:" + blake3(b"").hexdigest()
    assert reports == [(0, 0)]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file or folder"):
        hash_path(tmp_path / "nope")
