"""The browser tests' fixtures are what they claim to be (so a failing browser test points at the UI)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from impasto.images.metadata.a1111 import parse_infotext

from .e2e_fixtures import A1111_PARAMETERS, A1111_PROMPT, write_a1111_png


def test_the_a1111_png_carries_infotext(tmp_path: Path) -> None:
    path = write_a1111_png(tmp_path / "a.png")
    with Image.open(path) as image:
        assert image.text["parameters"] == A1111_PARAMETERS  # type: ignore[attr-defined]
    fields, unread = parse_infotext(A1111_PARAMETERS)
    assert fields["positive_prompt"] == A1111_PROMPT
    assert fields["seed"] == 1234567
    assert unread == []
