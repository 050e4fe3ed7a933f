"""The blank-text rule reads the same in the schema (a regular expression) and in the services (strip)."""

from __future__ import annotations

import re
import sys

from impasto.text import NON_BLANK


def test_non_blank_is_exactly_what_strip_keeps() -> None:
    pattern = re.compile(NON_BLANK)
    differ = [hex(c) for c in range(sys.maxunicode + 1) if bool(pattern.search(chr(c))) == chr(c).isspace()]
    assert differ == []
    assert pattern.search(" \t\u3000x") is not None
    assert pattern.search(" \t\u3000\x1c") is None
