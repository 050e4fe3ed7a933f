"""The control-character rules for names and free text, at their boundaries."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
from pydantic import BaseModel, ValidationError

from impasto.text import (
    NAME_PATTERN,
    NON_BLANK_NAME,
    NON_BLANK_TEXT,
    TEXT_PATTERN,
    NameStr,
    TextStr,
    check_name,
    check_text,
    without_controls,
)


class Typed(BaseModel):
    name: NameStr | None = None
    text: TextStr | None = None


@pytest.mark.parametrize("char", ["\x00", "\x01", "\t", "\n", "\r", "\x1f", "\x7f", "\x80", "\x85", "\x9f"])
def test_names_refuse_every_control_character(char: str) -> None:
    with pytest.raises(ValidationError, match=f"U\\+{ord(char):04X} at position 1"):
        Typed(name=f"a{char}b")


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x7f", "\x9b"])
def test_text_refuses_control_characters_but_ordinary_whitespace(char: str) -> None:
    with pytest.raises(ValidationError, match=f"U\\+{ord(char):04X}"):
        Typed(text=f"a{char}b")


def test_printable_text_of_any_script_passes_unchanged() -> None:
    name = "Ölgemälde \u2013 油画 \u00a0 ✓"  # no-break space (U+00A0) is the first character past C1
    text = "line one\n\tline two\r\n"
    assert Typed(name=name, text=text).model_dump() == {"name": name, "text": text}


def test_without_controls_drops_them_all() -> None:
    assert without_controls("evil\x1b[31m\x00\u0085name\n") == "evil[31mname"


def test_the_schema_patterns_say_what_the_validators_and_services_refuse() -> None:
    """Every character, one at a time and beside a letter: a schema pattern agrees with its validator,
    and the non-blank patterns with ``strip()``, so a client following the schema is never refused."""
    name, text = _ecma(NAME_PATTERN), _ecma(TEXT_PATTERN)
    blank_name, blank_text = _ecma(NON_BLANK_NAME), _ecma(NON_BLANK_TEXT)
    differ = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if bool(name.match(char)) != _passes(check_name, char):
            differ.append(("name", hex(code)))
        if bool(text.match(char)) != _passes(check_text, char):
            differ.append(("text", hex(code)))
        if bool(blank_name.match(char)) != (_passes(check_name, char) and not char.isspace()):
            differ.append(("non-blank name", hex(code)))
        if bool(blank_text.match(f" {char}")) != (_passes(check_text, char) and not char.isspace()):
            differ.append(("non-blank text", hex(code)))
    assert differ == []


def _passes(check: Callable[[str], str], value: str) -> bool:
    try:
        check(value)
    except ValueError:
        return False
    return True


def _ecma(pattern: str) -> re.Pattern[str]:
    """``pattern`` as JSON Schema reads it: its closing ``$`` ends the text (Python's also matches before
    a final line break)."""
    return re.compile(pattern.removesuffix("$") + r"\Z")
