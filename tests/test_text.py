"""The control-character rules for names and free text, at their boundaries."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from impasto.text import NameStr, TextStr, without_controls


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
