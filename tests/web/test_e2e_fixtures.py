"""The browser tests' fixtures are what they claim to be (so a failing browser test points at the UI)."""

from __future__ import annotations

from pathlib import Path

import torch
from PIL import Image

from impasto.images.metadata.a1111 import parse_infotext
from impasto.models.probe import identify

from .e2e_fixtures import (
    A1111_PARAMETERS,
    A1111_PROMPT,
    write_a1111_png,
    write_flux_fixtures,
    write_ip_adapter_fixtures,
)


def test_the_a1111_png_carries_infotext(tmp_path: Path) -> None:
    path = write_a1111_png(tmp_path / "a.png")
    with Image.open(path) as image:
        assert image.text["parameters"] == A1111_PARAMETERS  # type: ignore[attr-defined]
    fields, unread = parse_infotext(A1111_PARAMETERS)
    assert fields["positive_prompt"] == A1111_PROMPT
    assert fields["seed"] == 1234567
    assert unread == []


def test_the_flux_fixtures_are_the_models_the_browser_test_names(tmp_path: Path) -> None:
    torch.set_num_threads(1)
    folder = write_flux_fixtures(tmp_path / "flux")
    found = {
        name: (i.type, i.base, i.format, i.variant)
        for name in [
            "tiny-flux-dev", "tiny-flux-schnell", "tiny-flux-dev.safetensors", "tiny-t5", "tiny-siglip",
            "tiny-flux-redux.safetensors",
        ]
        for i in [identify(folder / name)]
    }  # fmt: skip
    assert found == {
        "tiny-flux-dev": ("main", "flux", "diffusers", "dev"),
        "tiny-flux-schnell": ("main", "flux", "diffusers", "schnell"),
        "tiny-flux-dev.safetensors": ("main", "flux", "checkpoint", "dev"),
        "tiny-t5": ("t5_encoder", "any", "transformers", None),
        "tiny-siglip": ("siglip", "any", "transformers", None),
        "tiny-flux-redux.safetensors": ("flux_redux", "flux", "checkpoint", None),
    }


def test_the_ip_adapter_fixtures_are_the_models_the_browser_test_names(tmp_path: Path) -> None:
    torch.set_num_threads(1)
    folder = write_ip_adapter_fixtures(tmp_path / "ip_adapter")
    found = {
        name: (i.type, i.base, i.format)
        for name in ["tiny-sd1", "tiny-ip-adapter", "tiny-image-encoder"]
        for i in [identify(folder / name)]
    }
    assert found == {
        "tiny-sd1": ("main", "sd-1", "diffusers"),
        "tiny-ip-adapter": ("ip_adapter", "sd-1", "invokeai"),
        "tiny-image-encoder": ("clip_vision", "any", "transformers"),
    }
