"""Text that users type: names and free text (prompts, descriptions) without control characters.

NUL and the other C0 and C1 control characters (and DEL) have no business in a name or a prompt: NUL ends
strings in C libraries, escape sequences rewrite terminals and log lines, and invisible characters make two
names that look alike differ. A name may hold none of them; free text may hold the ordinary whitespace
tab, line feed and carriage return. Either is refused with a message naming the character and where it is,
never silently changed, so what is stored (and written into an image's metadata) is what was sent.

:data:`NameStr` and :data:`TextStr` are the annotated ``str`` types request models and node inputs use; a
violation is an ordinary pydantic validation error (422 over HTTP, ``invalid_value`` in a graph). Their
JSON schemas carry the same rule as a ``pattern``, so clients (and the API's own fuzzing) know it before
they ask; :data:`NON_BLANK_NAME` and :data:`NON_BLANK_TEXT` add that something other than whitespace must be
there, for the services that refuse blank names and templates. This module imports nothing but pydantic,
so every layer may use it.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

CONTROLS = r"\x00-\x1f\x7f-\x9f"
"""Every C0 and C1 control character and DEL, as the inside of a regular expression class."""
CONTROLS_BUT_WHITESPACE = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
WHITESPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Exactly what ``str.isspace()`` is true for (what ``strip()`` and ``split()`` remove). These classes are
spelled alike in Python, Rust (pydantic) and ECMAScript (JSON Schema)."""

NAME_PATTERN = f"^[^{CONTROLS}]*$"
TEXT_PATTERN = f"^[^{CONTROLS_BUT_WHITESPACE}]*$"
NON_BLANK_NAME = f"^[^{CONTROLS}]*[^{CONTROLS}{WHITESPACE}][^{CONTROLS}]*$"
"""A name that holds something other than whitespace (and no control character)."""
NON_BLANK_TEXT = (
    f"^[^{CONTROLS_BUT_WHITESPACE}]*[^{CONTROLS_BUT_WHITESPACE}{WHITESPACE}][^{CONTROLS_BUT_WHITESPACE}]*$"
)
"""Free text that holds something other than whitespace."""

_ANY_CONTROL = re.compile(f"[{CONTROLS}]")
_CONTROL_BUT_WHITESPACE = re.compile(f"[{CONTROLS_BUT_WHITESPACE}]")


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


def _documented(pattern: str) -> object:
    """The schema's statement of a rule a validator enforces (with a better message than a pattern's)."""
    return Field(json_schema_extra={"pattern": pattern})


NameStr = Annotated[str, AfterValidator(check_name), _documented(NAME_PATTERN)]
"""A name (of a model, board, style preset...): no control characters."""

TextStr = Annotated[str, AfterValidator(check_text), _documented(TEXT_PATTERN)]
"""Free text (a prompt, a description): tab, line feed and carriage return are the only control characters."""

NonBlankName = Annotated[str, AfterValidator(check_name), _documented(NON_BLANK_NAME)]
"""A name that a service also refuses when it is blank (boards, style presets)."""
