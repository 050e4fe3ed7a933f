"""The FLUX and SD3 fields of a generation request: distilled guidance and separate text encoders."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from impasto.builders import GenerateRequest
from impasto.models.taxonomy import BaseModelType, ModelVariant, default_settings


def test_guidance_and_encoders_are_optional_and_carried() -> None:
    plain = GenerateRequest(prompt="x")
    assert (plain.guidance, plain.t5_encoder, plain.clip_embed) == (None, None, None)
    flux = GenerateRequest(prompt="x", guidance=3.5, t5_encoder="t5 xxl", clip_embed="clip-l-key")
    assert (flux.guidance, flux.t5_encoder, flux.clip_embed) == (3.5, "t5 xxl", "clip-l-key")
    assert GenerateRequest(prompt="x", guidance=0).guidance == 0
    assert GenerateRequest(prompt="x", guidance=30).guidance == 30


@pytest.mark.parametrize("guidance", [-0.1, 30.5])
def test_guidance_outside_its_bounds_is_refused(guidance: float) -> None:
    with pytest.raises(ValidationError, match="guidance"):
        GenerateRequest(prompt="x", guidance=guidance)


def test_flux_dev_defaults_to_guidance_and_schnell_to_none() -> None:
    assert default_settings(BaseModelType.FLUX, ModelVariant.FLUX_DEV).guidance == 3.5
    schnell = default_settings(BaseModelType.FLUX, ModelVariant.FLUX_SCHNELL)
    assert (schnell.guidance, schnell.steps) == (None, 4)
    assert default_settings(BaseModelType.SD3).guidance is None
    assert default_settings(BaseModelType.SDXL).guidance is None
