"""Content hashes of model files and folders (BLAKE3), used to recognise a model wherever it lives.

A file's hash is the BLAKE3 of its bytes, so it matches what other tools compute for the same file. A
folder's hash covers every non-hidden file below it: for each, in the order of their relative POSIX
paths, its path and the BLAKE3 of its bytes. It therefore does not depend on the order the files were
written or listed in, and renaming a file inside the folder changes it. Both are streamed in chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from blake3 import blake3

from impasto.errors import InvalidInputError

Progress = Callable[[int, int], None]
"""Called with ``(bytes_done, bytes_total)`` as hashing proceeds."""

CHUNK_SIZE = 4 * 1024 * 1024
PREFIX = "blake3:"


def hash_path(path: Path, progress: Progress | None = None) -> str:
    """``"blake3:<hex>"`` of a file, or of a folder's non-hidden files; ``progress`` sees the bytes read."""
    path = Path(path)
    if path.is_file():
        counter = _Counter(path.stat().st_size, progress)
        digest = str(_file_digest(path, counter).hexdigest())
    elif path.is_dir():
        files = folder_files(path)
        counter = _Counter(sum(f.stat().st_size for f in files), progress)
        digest = _folder_digest(path, files, counter)
    else:
        raise InvalidInputError(f"cannot hash {path}: no such file or folder")
    counter.finish()
    return PREFIX + digest


def folder_files(folder: Path) -> list[Path]:
    """The non-hidden files below ``folder``, sorted by relative POSIX path (the order hashed)."""
    return sorted(_visible_files(folder, folder), key=lambda p: p.relative_to(folder).as_posix())


def _visible_files(folder: Path, directory: Path) -> Iterator[Path]:
    for entry in directory.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _visible_files(folder, entry)
        elif entry.is_file():
            yield entry


def _folder_digest(folder: Path, files: list[Path], counter: _Counter) -> str:
    outer = blake3()
    for file in files:
        outer.update(file.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        outer.update(_file_digest(file, counter).digest())
    return str(outer.hexdigest())


class _Counter:
    """Adds up the bytes read and reports them; the last report is always ``(total, total)``."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress
        self.reported = -1

    def add(self, n: int) -> None:
        self.done += n
        self._report(self.done)

    def finish(self) -> None:
        if self.reported != self.total:
            self._report(self.total)

    def _report(self, done: int) -> None:
        self.reported = done
        if self.progress is not None:
            self.progress(done, self.total)


def _file_digest(path: Path, counter: _Counter) -> blake3:
    hasher = blake3()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            hasher.update(chunk)
            counter.add(len(chunk))
    return hasher
