"""Telling what kind of source a string names: a local path, a URL or a Hugging Face repository id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from impasto.errors import InvalidInputError
from impasto.models.install.paths import PathRules

# owner/repo, optionally ::path/in/repo and :variant (variant last). Owner and repo names follow the hub's
# rules: letters, digits, '-', '_', '.', not starting or ending with '-' or '.'.
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
HF_PATTERN = re.compile(
    rf"^(?P<repo>{_NAME}/{_NAME})(?:::(?P<file>[^:]+?))?(?::(?P<variant>[A-Za-z0-9_-]+))?$"
)


@dataclass(frozen=True)
class LocalSource:
    """A file or folder on this machine."""

    path: Path


@dataclass(frozen=True)
class UrlSource:
    """A file served over HTTP(S)."""

    url: str


@dataclass(frozen=True)
class HFSource:
    """A Hugging Face repository (a diffusers folder), or one file inside it."""

    repo_id: str
    filename: str | None = None
    variant: str | None = None

    def __str__(self) -> str:
        text = self.repo_id + (f"::{self.filename}" if self.filename else "")
        return text + (f":{self.variant}" if self.variant else "")


Source = LocalSource | UrlSource | HFSource


def parse_source(text: str, rules: PathRules | None = None) -> Source:
    """What ``text`` names. An existing path wins over a Hugging Face id of the same spelling.

    With ``rules`` restricting paths, a path outside the allowed folders is refused before anything is
    looked up there (so the answer never tells whether it exists); a text that could be a Hugging Face id
    is taken as one.
    """
    text = text.strip()
    scheme = urlsplit(text).scheme.lower()
    if scheme in ("http", "https"):
        if not urlsplit(text).hostname:
            raise InvalidInputError(f"the URL '{text}' has no host name")
        return UrlSource(text)
    hf = HF_PATTERN.match(text) if not text.startswith(("/", ".", "~")) else None
    path = local_path(urlsplit(text).path if scheme == "file" else text)
    if rules is not None and rules.roots is not None:
        if not rules.allows(path) and hf is None:
            rules.check(path)  # raises: outside the allowed folders
        if rules.allows(path) and (scheme == "file" or exists(path)):
            return LocalSource(rules.check(path))
    elif scheme == "file":
        return LocalSource(path)
    elif exists(path):
        return LocalSource(path.resolve())
    if hf is not None:
        return HFSource(hf["repo"], hf["file"], hf["variant"])
    raise InvalidInputError(
        f"'{text}' is not an existing file or folder, an http(s) URL or a Hugging Face id "
        "(owner/repo, owner/repo::file.safetensors)"
    )


def local_path(text: str) -> Path:
    """``text`` as a path on this machine, ``~`` expanded; ``InvalidInputError`` when it cannot be one."""
    if "\x00" in text:
        raise InvalidInputError("a path cannot contain a NUL character")
    try:
        return Path(text).expanduser()
    except RuntimeError as exc:  # ~name of an unknown user
        raise InvalidInputError(f"cannot expand '{text}': {exc}") from exc


def exists(path: Path) -> bool:
    """Whether ``path`` exists; one that cannot be looked at (too long, not readable) does not."""
    try:
        return path.exists()
    except OSError:
        return False


def source_type_of(source: Source) -> str:
    """The record's ``source_type`` for a parsed source."""
    if isinstance(source, UrlSource):
        return "url"
    if isinstance(source, HFSource):
        return "hf"
    return "path"
