"""Text that users type: names and free text (prompts, descriptions) without control characters.

NUL and the other C0 and C1 control characters (and DEL) have no business in a name or a prompt: NUL ends
strings in C libraries, escape sequences rewrite terminals and log lines, and invisible characters make two
names that look alike differ. A name may hold none of them; free text may hold the ordinary whitespace
tab, line feed and carriage return. Either is refused with a message naming the character and where it is,
never silently changed, so what is stored (and written into an image's metadata) is what was sent.

:data:`NameStr` and :data:`TextStr` are the annotated ``str`` types request models and node inputs use; a
violation is an ordinary pydantic validation error (422 over HTTP, ``invalid_value`` in a graph). This module
imports nothing but pydantic, so every layer may use it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_WHITESPACE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def check_name(value: str) -> str:
    """``value`` if it holds no control character at all; raises ``ValueError`` naming the first."""
    _refuse(_ANY_CONTROL, value, "a name cannot hold control characters, not even tabs or line breaks")
    return value


def check_text(value: str) -> str:
    """``value`` if its only control characters are tab, line feed and carriage return."""
    _refuse(
        _CONTROL_BUT_WHITESPACE, value, "text may hold tabs and line breaks but no other control characters"
    )
    return value


def without_controls(value: str) -> str:
    """``value`` with every control character removed: for names derived from file names, not typed ones."""
    return _ANY_CONTROL.sub("", value)


def _refuse(pattern: re.Pattern[str], value: str, rule: str) -> None:
    found = pattern.search(value)
    if found is not None:
        raise ValueError(
            f"contains the control character U+{ord(found[0]):04X} at position {found.start()}; {rule}"
        )


NameStr = Annotated[str, AfterValidator(check_name)]
"""A name (of a model, board, style preset...): no control characters."""

TextStr = Annotated[str, AfterValidator(check_text)]
"""Free text (a prompt, a description): tab, line feed and carriage return are the only control characters."""
