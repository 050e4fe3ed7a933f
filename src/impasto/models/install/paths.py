"""Which local paths the server may open for model installs and folder scans.

A request names a path on the server's machine; answering "installed", "not found" or "not a model" for any
path would tell a caller what exists there, and opening ``/dev/zero`` or a FIFO would never end. So a
server only looks inside the models folder and the folders the user listed in ``model_dirs``, only at
regular files and folders, and says the same thing for every path outside them, whether it exists or not.
The command line, run by the machine's own user, is not restricted.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from impasto.errors import ImpastoError, InvalidInputError

PSEUDO_FILESYSTEMS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Kernel views that look like files but are not model files, wherever ``model_dirs`` point."""


class PathNotAllowedError(ImpastoError):
    """A path outside the folders the server may read."""

    code = "path_not_allowed"
    status_code = 403


@dataclass(frozen=True)
class PathRules:
    """The folders a server may install and scan from; ``None`` means anywhere (the CLI)."""

    roots: tuple[Path, ...] | None = None

    @classmethod
    def inside(cls, folders: Sequence[Path]) -> PathRules:
        return cls(tuple(_real(folder) for folder in folders))

    def allows(self, path: Path) -> bool:
        """Whether ``path`` (and, for a link, what it points to) lies inside the allowed folders."""
        if self.roots is None:
            return True
        real = _real(path)  # where it really is: a link inside a root may point anywhere
        if any(real == pseudo or pseudo in real.parents for pseudo in PSEUDO_FILESYSTEMS):
            return False
        return _within(real, self.roots)

    def check(self, path: Path) -> Path:
        """The resolved path if it may be read and is a regular file or a folder; else a clear error."""
        if not self.allows(path):
            raise PathNotAllowedError(
                f"{path} is outside the folders this server may read models from; add its folder to "
                "the `model_dirs` setting (or put the model in `models_dir`)",
                details={"path": str(path), "setting": "model_dirs"},
            )
        resolved = _real(path)
        try:
            mode = os.stat(resolved).st_mode
        except OSError as exc:
            raise InvalidInputError(f"{path} does not exist", details={"path": str(path)}) from exc
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise InvalidInputError(f"{path} is not a regular file or folder", details={"path": str(path)})
        return resolved


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file or folder (following links); devices and FIFOs are not."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path.expanduser()))


def _within(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or root in path.parents for root in roots)
