"""Image names: the only way a client can point at a file, so every one is checked before use.

A name is 32 lower-case hex digits (a UUID) and ``.png``. Nothing else is accepted, which rules out path
separators, ``..``, absolute paths, encoded tricks and other extensions in one check.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated

from pydantic import Field

from impasto.errors import InvalidInputError

NAME_BODY = r"[0-9a-f]{32}\.png"
NAME_REGEX = f"^{NAME_BODY}$"
NAME_PATTERN = re.compile(NAME_REGEX)

ImageName = Annotated[str, Field(pattern=NAME_REGEX)]
"""A valid image name in a request model (the schema shows the pattern; others are refused there)."""


def new_name() -> str:
    """A fresh unique image name."""
    return f"{uuid.uuid4().hex}.png"


def is_valid_name(name: str) -> bool:
    return NAME_PATTERN.fullmatch(name) is not None


def invalid_name_message(name: str) -> str:
    """Why ``name`` is refused, showing at most 80 characters of it."""
    return f"{_shown(name)!r} is not a valid image name (expected 32 hex digits and .png)"


def check_name(name: str) -> str:
    """``name`` if it is a valid image name; raises ``InvalidInputError`` naming it otherwise."""
    if not is_valid_name(name):
        raise InvalidInputError(invalid_name_message(name), details={"name": _shown(name)})
    return name


def _shown(name: str) -> str:
    return name if len(name) <= 80 else name[:77] + "..."
