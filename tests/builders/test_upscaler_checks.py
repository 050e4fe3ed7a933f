"""An inpainting image model (LaMa) is installed as an upscaler but keeps the size: the hires fix and the
upscale request refuse it by name before anything is queued."""

from __future__ import annotations

import pytest

from impasto.builders import GenerateRequest, GenerateRequestError, plan_generation
from impasto.builders.upscale import UpscaleRequest, plan_upscale
from impasto.models.identity import ModelRecord
from tests.builders.test_snapshots import RECORDS, Sources, _record

LAMA = _record("Big LaMa", "any", "upscaler", scale=1, purpose="Inpainting")
REFUSAL = "'Big LaMa' is an inpainting model, not an upscaler; use it in the LaMa infill"


class WithLama(Sources):
    """The fixed installation plus a LaMa model."""

    def models(self, ref: str) -> list[ModelRecord]:
        return [r for r in [*RECORDS, LAMA] if ref in (r.key, r.name)]


def test_the_hires_fix_refuses_an_inpainting_model_as_its_upscaler() -> None:
    request = GenerateRequest(
        prompt="a cat", model="SD1", seed=1, hires_fix={"scale": 2, "upscaler": "Big LaMa"}
    )
    with pytest.raises(GenerateRequestError) as caught:
        plan_generation(request, WithLama())
    assert caught.value.message == f"hires_fix.upscaler: {REFUSAL}"
    assert caught.value.details["field"] == "hires_fix.upscaler"


def test_an_upscale_request_refuses_an_inpainting_model() -> None:
    with pytest.raises(GenerateRequestError) as caught:
        plan_upscale(UpscaleRequest(image="square", model="Big LaMa"), WithLama())
    assert caught.value.message == f"model: {REFUSAL}"


def test_a_real_upscaler_still_plans() -> None:
    assert plan_upscale(UpscaleRequest(image="square", model="ESRGAN"), WithLama()).width == 256
