"""Request bodies are limited before they are read.

A declared ``Content-Length`` over the limit is answered with 413 at once; a body sent without one (chunked)
is counted as it streams in and refused the moment it passes the limit, so neither a huge upload nor a
huge JSON document is ever held in memory. Multipart uploads get the image upload limit plus room for the
form; every other body the general request limit.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

from impasto.config import ImpastoConfig

MIB = 1024 * 1024
FORM_ALLOWANCE = MIB
"""Room for the other form fields and the multipart boundaries of an upload."""


@dataclass(frozen=True)
class BodyLimit:
    """The largest body one request may send, and the setting that raises it."""

    max_bytes: int
    setting: str

    def message(self) -> str:
        size = self.max_bytes / MIB
        return f"the request body is larger than {size:g} MiB; the limit is the `{self.setting}` setting"


@dataclass(frozen=True)
class BodyLimits:
    """The limits of one server."""

    request: BodyLimit
    upload: BodyLimit

    @classmethod
    def from_config(cls, config: ImpastoConfig) -> BodyLimits:
        return cls(
            request=BodyLimit(int(config.max_request_mb * MIB), "max_request_mb"),
            upload=BodyLimit(int(config.max_upload_mb * MIB) + FORM_ALLOWANCE, "max_upload_mb"),
        )

    def for_request(self, headers: Headers) -> BodyLimit:
        content_type = headers.get("content-type", "").lower()
        return self.upload if content_type.startswith("multipart/form-data") else self.request


def declared_too_large(headers: Headers, limit: BodyLimit) -> bool:
    """Whether the declared ``Content-Length`` is over the limit (an unreadable one counts as over)."""
    declared = headers.get("content-length")
    if declared is None:
        return False
    try:
        return int(declared) > limit.max_bytes
    except ValueError:
        return True


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes its limit; rendered as 413 by the app."""

    def __init__(self, limit: BodyLimit) -> None:
        super().__init__(status_code=413, detail=limit.message())
        self.limit = limit


def counting_receive(receive: Receive, limit: BodyLimit) -> Receive:
    """``receive`` that raises :class:`BodyTooLarge` once more than the limit has arrived."""
    received = 0

    async def wrapped() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit.max_bytes:
                raise BodyTooLarge(limit)
        return message

    return wrapped
