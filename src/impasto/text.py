"""Rules for the text users name and describe things with, shared by request models and services.

A name or template that is only whitespace is refused with a clear message by the services; the request
schemas say so with :data:`NON_BLANK`, so clients (and the API's own fuzzing) know before they ask.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

WHITESPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Exactly what ``str.isspace()`` is true for (what ``strip()`` and ``split()`` remove), as the inside of
a regular expression class spelled alike in Python, Rust (pydantic) and ECMAScript (JSON Schema)."""

NON_BLANK = f"[^{WHITESPACE}]"
"""A JSON Schema ``pattern`` (searched, not anchored) that text holding anything but whitespace matches."""

NonBlank = Annotated[str, Field(json_schema_extra={"pattern": NON_BLANK})]
"""Text that must not be blank: documented in the schema, checked (with a message) by the service."""
