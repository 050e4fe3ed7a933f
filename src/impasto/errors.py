"""The small error hierarchy shared by services, the API and the CLI.

Every error carries a stable machine-readable ``code``, the HTTP status the API answers with, a human
message and optional structured ``details``. The API renders them as ``{code, message, details}``; the CLI
prints the message on one line. Services raise these instead of HTTP exceptions so they stay usable
without a server.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ImpastoError(Exception):
    """Base class of every error a user may see."""

    code: ClassVar[str] = "error"
    status_code: ClassVar[int] = 400

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """The JSON body the API answers with."""
        return {"code": self.code, "message": self.message, "details": self.details}


class NotFoundError(ImpastoError):
    """A named thing (queue item, node type, image, ...) does not exist."""

    code = "not_found"
    status_code = 404


class ConflictError(ImpastoError):
    """The request is valid but clashes with the current state (queue full, item already finished)."""

    code = "conflict"
    status_code = 409


class InvalidInputError(ImpastoError):
    """A request or file was malformed."""

    code = "invalid_input"
    status_code = 422


class ConfigError(ImpastoError):
    """The configuration (file, environment or flags) is invalid."""

    code = "invalid_config"
    status_code = 500


class StorageError(ImpastoError):
    """The database could not be opened or migrated."""

    code = "storage_error"
    status_code = 500
