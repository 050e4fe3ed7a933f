"""Talking to a running studio over HTTP, for the CLI's ``--server`` mode.

The CLI normally works on a root in its own process. With ``--server URL`` (or ``IMPASTO_URL``) it sends
its work to a running server instead, which may be another machine: the access token goes along as
``Authorization: Bearer`` (``--token`` or ``IMPASTO_TOKEN``), the server's ``{code, message}`` errors come
back as one line, and progress comes from the server's event stream.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from impasto.errors import ImpastoError

logger = logging.getLogger(__name__)

TIMEOUT_S = 30.0


class RemoteError(ImpastoError):
    """The server refused a request or could not be reached."""

    code = "remote_error"


@dataclass(frozen=True)
class RemoteStudio:
    """A running Impasto server at ``url``, reached with ``token`` when it asks for one."""

    url: str
    token: str | None = None

    @classmethod
    def at(cls, url: str, token: str | None) -> RemoteStudio:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteError(f"--server: {url!r} is not a server URL like http://127.0.0.1:9090")
        return cls(urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", "")), token or None)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def call(self, method: str, path: str, **options: Any) -> Any:
        """The JSON answer of one request; a refusal becomes a :class:`RemoteError` with its message."""
        response = self.send(method, path, **options)
        return response.json() if response.content else None

    def send(self, method: str, path: str, **options: Any) -> httpx.Response:
        try:
            response = httpx.request(
                method, self.url + path, headers=self.headers(), timeout=TIMEOUT_S, **options
            )
        except httpx.HTTPError as exc:
            raise RemoteError(f"could not reach the server at {self.url}: {exc}") from exc
        if response.status_code >= 400:
            raise self._refusal(response)
        return response

    def _refusal(self, response: httpx.Response) -> ImpastoError:
        try:
            body = response.json()
        except ValueError:
            body = {}
        message = body.get("message") if isinstance(body, dict) else None
        if response.status_code == 401:
            hint = "pass --token TOKEN or set IMPASTO_TOKEN (the token `impasto serve` printed or auth_token)"
            prefix = "the token was refused" if self.token else "the server asks for an access token"
            return RemoteError(f"{prefix}: {hint}")
        error = RemoteError(message or f"the server answered HTTP {response.status_code}")
        error.details = body.get("details") if isinstance(body, dict) else None
        return error

    @contextmanager
    def events(self, types: list[str]) -> Iterator[EventStream | None]:
        """The server's event stream (only ``types``), or None where it cannot be opened (then poll)."""
        from websockets.exceptions import WebSocketException
        from websockets.sync.client import connect

        parts = urlsplit(self.url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        url = urlunsplit(
            (scheme, parts.netloc, parts.path + "/api/v1/events", f"types={','.join(types)}", "")
        )
        try:
            socket = connect(url, additional_headers=self.headers(), open_timeout=TIMEOUT_S)
        except (OSError, WebSocketException) as exc:
            logger.debug("event stream unavailable (%s); polling instead", exc)
            yield None
            return
        with socket:
            yield EventStream(socket)


class EventStream:
    """Events as dicts, with a timeout so that callers can also poll."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.closed = False

    def next(self, timeout: float) -> dict[str, Any] | None:
        """The next event, or None when none came in ``timeout`` seconds (also once the stream ended)."""
        from websockets.exceptions import ConnectionClosed

        if self.closed:
            time.sleep(timeout)
            return None
        try:
            text = self.socket.recv(timeout=timeout)
        except TimeoutError:
            return None
        except ConnectionClosed:
            self.closed = True
            return None
        event: dict[str, Any] = json.loads(text)
        return event
