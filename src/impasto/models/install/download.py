"""Downloading one file over HTTP(S): resumable, size-checked, cancelable, and careful about where it goes.

The file grows as ``<name>.part`` inside a staging folder that is named after the URL, so a retry, a new
job for the same URL or a restarted server continues where the last attempt stopped (HTTP ``Range``).
Before each connection (and each redirect) the host is resolved and every address it resolves to must be a
public one, unless private downloads are allowed: a model URL must not become a way to probe the local
network. (A host whose DNS answer changes between the check and the connection is not caught here.)
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from impasto.errors import ImpastoError
from impasto.models.install.jobs import InstallCanceledError

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 10
REDIRECTS = (301, 302, 303, 307, 308)
PART_SUFFIX = ".part"

Progress = Callable[[int, int | None], None]


class DownloadError(ImpastoError):
    """A download failed: the server refused, the connection kept dropping, or the size was wrong."""

    code = "download_failed"
    status_code = 502


class SizeMismatchError(DownloadError):
    """The server contradicted itself about the file's size; the partial file is discarded."""

    code = "size_mismatch"


class ForbiddenHostError(ImpastoError):
    """The URL's host is on this machine or a private network, and private downloads are not allowed."""

    code = "forbidden_host"
    status_code = 403


@dataclass(frozen=True)
class DownloadSettings:
    """How downloads behave (from the configuration)."""

    allow_private: bool = False
    timeout_s: float = 60.0
    retries: int = 5
    retry_delay_s: float = 1.0


def check_host(url: str, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to a loopback, private, link-local or otherwise non-public address."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise DownloadError(f"the URL '{shown(url)}' has no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise DownloadError(f"cannot resolve the host '{host}': {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast:
            raise ForbiddenHostError(
                f"refusing to download from '{host}': it resolves to the non-public address {address}; "
                "set allow_private_downloads to allow downloads from this machine or the local network",
                details={"host": host, "address": str(address)},
            )


def shown(url: str) -> str:
    """A URL fit for messages and logs: without credentials or a query string (which may hold tokens)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    if parts.port:
        host += f":{parts.port}"
    query = "?…" if parts.query else ""
    return f"{parts.scheme}://{host}{parts.path}{query}"


def file_name_from(response: httpx.Response, url: str) -> str:
    """The server's file name (Content-Disposition), else the last part of the URL path."""
    disposition = response.headers.get("content-disposition", "")
    extended = re.search(r"filename\*\s*=\s*[^']*'[^']*'([^;]+)", disposition, re.IGNORECASE)
    plain = re.search(r'filename\s*=\s*"?([^";]+)"?', disposition, re.IGNORECASE)
    if extended:
        name = unquote(extended.group(1).strip())
    elif plain:
        name = plain.group(1).strip()
    else:
        name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    return safe_file_name(name) or "download"


def safe_file_name(name: str) -> str:
    """A name that is one plain file name on every system (no folders, no control characters)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r'[\x00-\x1f<>:"|?*]', "_", name).strip(" .")
    return name[:200]


class Downloader:
    """Fetches one URL into a staging folder; ``abort()`` from another thread stops it at once."""

    def __init__(self, settings: DownloadSettings, cancel: threading.Event) -> None:
        self.settings = settings
        self.cancel = cancel
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._announced: int | None = None

    def abort(self) -> None:
        """Cancel: set the flag and break the open connection so a blocked read returns now."""
        self.cancel.set()
        with self._lock:
            if self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.shutdown(socket.SHUT_RDWR)

    def fetch(self, url: str, folder: Path, progress: Progress) -> Path:
        """Download ``url`` into ``folder`` (resuming a ``.part`` file there); returns the finished file."""
        folder.mkdir(parents=True, exist_ok=True)
        failures = 0
        with httpx.Client(timeout=self.settings.timeout_s, follow_redirects=False) as client:
            while True:
                part = _find_part(folder)
                before = part.stat().st_size if part else 0
                try:
                    done = self._attempt(client, url, folder, part, progress)
                except (httpx.TransportError, _IncompleteError) as exc:
                    self._raise_if_canceled()
                    part = _find_part(folder)
                    gained = (part.stat().st_size if part else 0) - before
                    failures = 0 if gained > 0 else failures + 1
                    if failures > self.settings.retries:
                        raise DownloadError(f"download of {shown(url)} failed: {exc}") from exc
                    logger.info("download of %s interrupted (%s); resuming", shown(url), exc)
                    time.sleep(self.settings.retry_delay_s * failures)
                    continue
                return done

    def _attempt(
        self, client: httpx.Client, url: str, folder: Path, part: Path | None, progress: Progress
    ) -> Path:
        offset = part.stat().st_size if part else 0
        with self._open(client, url, offset) as (response, final_url):
            if response.status_code == 416 and part is not None:
                return self._finish_from_416(response, part, url)
            _raise_for_status(response, url)
            name = file_name_from(response, final_url)
            total, offset = _expected_size(response, offset)
            self._check_total(total, url)
            target = folder / (name + PART_SUFFIX)
            if part is not None and part != target:
                part.rename(target)
            self._receive(response, target, offset, total, progress)
        final = folder / name
        target.rename(final)
        return final

    def _receive(
        self, response: httpx.Response, target: Path, offset: int, total: int | None, progress: Progress
    ) -> None:
        done = offset
        progress(done, total)
        with target.open("ab" if offset else "wb") as out:
            for chunk in response.iter_raw():
                self._raise_if_canceled()
                out.write(chunk)
                done += len(chunk)
                progress(done, total)
        self._raise_if_canceled()
        if total is not None and done < total:
            raise _IncompleteError(f"received {done} of the {total} bytes announced by the server")
        if total is not None and done > total:
            raise SizeMismatchError(f"the server sent {done} bytes but announced {total}")

    def _check_total(self, total: int | None, url: str) -> None:
        """Every answer must agree on the file's size with the first one that gave it."""
        if total is None:
            return
        if self._announced is not None and total != self._announced:
            raise SizeMismatchError(
                f"download of {shown(url)} does not match its announced size: first {self._announced} bytes, "
                f"then {total}"
            )
        self._announced = total

    def _finish_from_416(self, response: httpx.Response, part: Path, url: str) -> Path:
        """A Range past the end: the part file is complete if its size is the file's whole size."""
        match = re.match(r"bytes \*/(\d+)", response.headers.get("content-range", ""))
        size = part.stat().st_size
        whole = int(match.group(1)) if match else None
        if whole != size or (self._announced is not None and self._announced != size):
            announced = self._announced if self._announced is not None else whole
            raise SizeMismatchError(
                f"download of {shown(url)} does not match its announced size: have {size} bytes, "
                f"the server announced {announced if announced is not None else 'an unknown size'}"
            )
        final = part.with_name(part.name.removesuffix(PART_SUFFIX))
        part.rename(final)
        return final

    @contextmanager
    def _open(self, client: httpx.Client, url: str, offset: int) -> Iterator[tuple[httpx.Response, str]]:
        """A streamed GET from ``offset``, following redirects itself so that every hop is checked."""
        headers = {"Accept-Encoding": "identity"}  # byte offsets must be offsets into the file itself
        if offset:
            headers["Range"] = f"bytes={offset}-"
        for _ in range(MAX_REDIRECTS + 1):
            self._raise_if_canceled()
            check_host(url, self.settings.allow_private)
            request = client.build_request("GET", url, headers=headers)
            response = client.send(request, stream=True)
            if response.status_code in REDIRECTS and "location" in response.headers:
                response.close()
                url = urljoin(url, response.headers["location"])
                continue
            try:
                self._hold(response)
                yield response, url
            finally:
                self._hold(None)
                response.close()
            return
        raise DownloadError(f"too many redirects from {shown(url)}")

    def _hold(self, response: httpx.Response | None) -> None:
        stream = response.extensions.get("network_stream") if response is not None else None
        with self._lock:
            self._socket = stream.get_extra_info("socket") if stream is not None else None
        if response is not None and self.cancel.is_set():
            self.abort()

    def _raise_if_canceled(self) -> None:
        if self.cancel.is_set():
            raise InstallCanceledError("the download was canceled")


class _IncompleteError(Exception):
    """The connection ended before the announced size; retried with a Range request."""


def _find_part(folder: Path) -> Path | None:
    parts = sorted(folder.glob("*" + PART_SUFFIX))
    return parts[0] if parts else None


def _raise_for_status(response: httpx.Response, url: str) -> None:
    if response.status_code in (200, 206):
        return
    reason = response.reason_phrase or "error"
    hint = " (the server wants credentials)" if response.status_code in (401, 403) else ""
    raise DownloadError(
        f"download of {shown(url)} failed: HTTP {response.status_code} {reason}{hint}",
        details={"status": response.status_code},
    )


def _expected_size(response: httpx.Response, offset: int) -> tuple[int | None, int]:
    """(total bytes of the file if known, where the body starts); a 200 to a Range request restarts."""
    length = response.headers.get("content-length")
    if response.status_code == 206:
        match = re.match(r"bytes (\d+)-\d+/(\d+|\*)", response.headers.get("content-range", ""))
        if match is None or int(match.group(1)) != offset:
            raise DownloadError("the server answered a resumed download with the wrong byte range")
        total = match.group(2)
        return (int(total) if total != "*" else None), offset
    return (int(length) if length and length.isdigit() else None), 0
