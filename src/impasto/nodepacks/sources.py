"""Where a node pack comes from: a git repository cloned with ``git``, or a zip file unpacked safely.

Both write into a fresh folder beside the target and move it into place only once complete, so a failed
install leaves nothing behind. A zip member may not leave the pack's folder (absolute paths, ``..``,
links), and the archive is bounded in members and in unpacked bytes before anything is written.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from impasto.errors import ImpastoError, InvalidInputError
from impasto.models.install.download import DownloadError, check_host

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MAX_ZIP_BYTES = 50 * 1024 * 1024
"""Largest zip file accepted (compressed)."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total size of a zip's members once unpacked (a zip bomb stops here, before writing)."""
MAX_MEMBERS = 5000
CLONE_TIMEOUT_S = 300
NETWORK_SCHEMES = ("https", "http")
_PROTOCOLS = [
    "-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=always",
    "-c", "protocol.file.allow=always", "-c", "http.followRedirects=false",
]  # fmt: skip
"""git may speak only these transports, whatever a URL says (never ext::, ssh or git://), and follows no
redirect: the host checked before cloning is the one git talks to."""


class PackSourceError(InvalidInputError):
    """A pack's source could not be used (a bad URL, a failed clone, a malformed or unsafe zip)."""

    code = "pack_source_invalid"


class SourceNotAllowedError(ImpastoError):
    """A local repository outside the folders the server may install node packs from."""

    code = "path_not_allowed"
    status_code = 403


def check_name(name: str) -> str:
    """``name`` if it can name a pack folder (letters, digits, ``-`` and ``_``; not hidden), else an error."""
    if not NAME.match(name):
        raise InvalidInputError(
            f"name: {name!r} cannot name a node pack; use 1 to 64 letters, digits, '-' or '_', "
            "starting with a letter or digit",
            {"field": "name"},
        )
    return name


def name_from_url(url: str) -> str:
    """The pack name a repository URL suggests: its last path part without ``.git``."""
    last = PurePosixPath(unquote(urlsplit(url).path)).name.removesuffix(".git")
    return re.sub(r"[^A-Za-z0-9_-]+", "-", last).strip("-_") or "pack"


def check_url(url: str, local_roots: tuple[Path, ...], allow_private: bool = False) -> None:
    """Refuse a URL git must not be given: only http(s) to public hosts (unless ``allow_private``, as for
    model downloads), and ``file://`` inside ``local_roots``."""
    parts = urlsplit(url)
    if parts.scheme in NETWORK_SCHEMES and parts.netloc:
        try:
            check_host(url, allow_private)
        except DownloadError as exc:
            raise PackSourceError(f"url: {exc}", {"field": "url"}) from exc
        return
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in local_roots):
            raise SourceNotAllowedError(
                f"url: {parts.path!r} is not inside a folder node packs may be installed from "
                "(node_pack_source_dirs)",
                {"field": "url"},
            )
        return
    raise PackSourceError(f"url: {url!r} is not an http(s) or file:// git URL", {"field": "url"})


def clone(url: str, target: Path) -> None:
    """Clone ``url`` (its default branch, without history) into the new folder ``target``."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".installing-") as scratch:
        work = Path(scratch) / "pack"
        command = [
            "git",
            *_PROTOCOLS,
            "clone",
            "--depth",
            "1",
            "--no-recurse-submodules",
            "--",
            url,
            str(work),
        ]
        try:
            subprocess.run(
                command, env=env, capture_output=True, text=True, timeout=CLONE_TIMEOUT_S, check=True
            )
        except subprocess.CalledProcessError as exc:
            raise PackSourceError(f"url: git could not clone {url!r}: {exc.stderr.strip()[-500:]}") from exc
        except subprocess.TimeoutExpired as exc:
            raise PackSourceError(f"url: cloning {url!r} took over {CLONE_TIMEOUT_S} s") from exc
        except FileNotFoundError as exc:
            raise PackSourceError("git is not installed on the server; install it or upload a zip") from exc
        _place(work, target)


def unzip(data: bytes, target: Path) -> None:
    """Unpack a zip into the new folder ``target``; a zip holding one folder is that folder's contents."""
    if len(data) > MAX_ZIP_BYTES:
        raise PackSourceError(f"file: the zip is over {MAX_ZIP_BYTES // 2**20} MiB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise PackSourceError(f"file: not a zip file ({exc})", {"field": "file"}) from exc
    with archive, tempfile.TemporaryDirectory(dir=target.parent, prefix=".installing-") as scratch:
        members = _checked_members(archive)
        work = Path(scratch) / "pack"
        work.mkdir()
        prefix = _common_folder(members)
        for member, parts in members:
            inner = parts[len(prefix) :]
            if not inner:
                continue
            destination = work.joinpath(*inner)
            if member.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, destination.open("wb") as sink:
                shutil.copyfileobj(source, sink)
        _place(work, target)


def _checked_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, tuple[str, ...]]]:
    """Every member with its path parts, after refusing the archive if any member is unsafe."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PackSourceError(f"file: the zip holds over {MAX_MEMBERS} members")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise PackSourceError(f"file: the zip unpacks to over {MAX_UNPACKED_BYTES // 2**20} MiB")
    checked = []
    for info in infos:
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
            raise PackSourceError(f"file: the member {info.filename!r} would land outside the pack")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackSourceError(f"file: the member {info.filename!r} is a link, which packs may not hold")
        checked.append((info, path.parts))
    return checked


def _common_folder(members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]) -> tuple[str, ...]:
    """The one top folder every member is in (GitHub's "Download ZIP" has one), else nothing."""
    tops = {parts[0] for _, parts in members if parts}
    nested = all(len(parts) > 1 or info.is_dir() for info, parts in members if parts)
    return (next(iter(tops)),) if len(tops) == 1 and nested else ()


def _place(work: Path, target: Path) -> None:
    """Move the finished folder into place, once it is known to be a pack."""
    if not (work / "__init__.py").is_file():
        raise PackSourceError(
            "the source holds no __init__.py at its top: a node pack is a Python package folder"
        )
    shutil.rmtree(work / ".git", ignore_errors=True)
    work.rename(target)
