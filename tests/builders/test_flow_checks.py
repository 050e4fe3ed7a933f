"""What the FLUX and SD 3 recipes refuse, each naming the request field, and the parts they pick."""

from __future__ import annotations

from typing import Any

import pytest

from impasto.builders import GenerateRequest, GenerateRequestError, plan_generation
from impasto.builders.resolve import resolve
from impasto.errors import InvalidInputError
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import ModelType
from tests.builders.test_snapshots_flow import FlowSources

DEV = {"prompt": "a red circle", "model": "FLUX Dev", "seed": 1}
SD3 = {"prompt": "a red circle", "model": "SD3", "seed": 1}
REFUSED: dict[str, tuple[dict[str, Any], str, str]] = {
    "flux scheduler": (
        {**DEV, "scheduler": "dpmpp_2m_k"}, "scheduler",
        "unknown scheduler 'dpmpp_2m_k' for flow-matching models (FLUX); valid names: euler, heun, lcm",
    ),
    "sd3 scheduler": (
        {**SD3, "scheduler": "lcm"}, "scheduler",
        "unknown scheduler 'lcm' for SD 3 models; valid names: euler, heun",
    ),
    "size grid": (
        {**DEV, "width": 72}, "width",
        "72 is not a multiple of 16, the size grid of 'FLUX Dev' (try 64 or 80)",
    ),
    "controlnets": (
        {**DEV, "controlnets": [{"model": "ControlNet", "image": "square"}]}, "controlnets",
        "'FLUX Dev' is a FLUX model, which takes no ControlNets here; leave it out",
    ),
    "t2i_adapters": (
        {**SD3, "t2i_adapters": [{"model": "Adapter", "image": "square"}]}, "t2i_adapters",
        "'SD3' is a SD 3 model, which takes no T2I-Adapters here; leave it out",
    ),
    "clip_skip": ({**DEV, "clip_skip": 1}, "clip_skip", "takes no CLIP skip here"),
    "seamless": ({**DEV, "seamless_y": True}, "seamless_y", "takes no seamless tiling here"),
    "cfg rescale": ({**SD3, "cfg_rescale_multiplier": 0.3}, "cfg_rescale_multiplier", "takes no CFG rescale"),
    "refiner": ({**DEV, "refiner": {"model": "Refiner"}}, "refiner", "refiners work with SDXL models"),
    "sd lora": (
        {**DEV, "loras": [{"model": "LoRA"}]}, "loras[0].model",
        "LoRA 'LoRA' is for sd-1 models; 'FLUX Dev' is a FLUX model",
    ),
    "any-base lora": ({**DEV, "loras": [{"model": "LoRA 2"}]}, "loras[0].model", "is for any models"),
    "fill without a mask": (
        {**DEV, "model": "FLUX Fill"}, "mask",
        "'FLUX Fill' is a FLUX Fill model, which only inpaints and outpaints",
    ),
    "fill image to image": ({**DEV, "model": "FLUX Fill", "init_image": "square"}, "mask", "only inpaints"),
    "negative without cfg": (
        {**DEV, "negative_prompt": "blur"}, "negative_prompt",
        "FLUX reads a negative prompt only with true CFG (cfg_scale above 1)",
    ),
    "cfg below 1": ({**DEV, "cfg_scale": 0.5}, "cfg_scale", "FLUX's true CFG is off at 1 and runs above it"),
    "t5 of another type": (
        {**DEV, "t5_encoder": "CLIP-L"}, "t5_encoder", "'CLIP-L' is a clip_embed model, not a T5 encoder"
    ),
    "clip-g as clip-l": (
        {**DEV, "clip_embed": "CLIP-G"}, "clip_embed", "'CLIP-G' is not a CLIP-L text encoder FLUX can use"
    ),
    "vae of another base": ({**DEV, "vae": "VAE"}, "vae", "'VAE' is a sd-1 VAE; 'FLUX Dev' is a flux model"),
    "t5 for sd": (
        {**DEV, "model": "SD1", "t5_encoder": "T5"}, "t5_encoder",
        "'SD1' is a sd-1 model, which loads its own text encoders; leave it out",
    ),
    "reference for flux dev": (
        {**DEV, "reference_image": "square"}, "reference_image",
        "'FLUX Dev' is a flux model, which does not edit a reference image; choose a FLUX.1 Kontext model",
    ),
    "reference for sd": (
        {**DEV, "model": "SD1", "reference_image": "square"}, "reference_image", "is a sd-1 model, which"
    ),
    "reference not stored": (
        {**DEV, "model": "FLUX Kontext", "reference_image": "nope"}, "reference_image",
        "there is no stored image named 'nope'",
    ),
    "empty init image name": (
        {**DEV, "model": "SD1", "init_image": ""}, "init_image", "there is no stored image named ''"
    ),
    "empty reference name": (
        {**DEV, "model": "FLUX Kontext", "reference_image": ""}, "reference_image",
        "there is no stored image named ''",
    ),
    "sd3 loras": (
        {**SD3, "loras": [{"model": "FLUX LoRA"}]}, "loras", "LoRAs for SD 3 are not supported yet"
    ),
    "sd3 inpaint": (
        {**SD3, "init_image": "square", "mask": "mask"}, "mask", "SD 3 cannot inpaint or outpaint"
    ),
    "sd3 outpaint": ({**SD3, "init_image": "square", "outpaint": {"top": 16}}, "outpaint", "cannot inpaint"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_requests_name_the_field(case: str) -> None:
    fields, field, message = REFUSED[case]
    with pytest.raises(InvalidInputError) as caught:
        plan_generation(GenerateRequest(**fields), FlowSources())
    assert caught.value.details["field"] == field
    assert caught.value.message.startswith(f"{field}: ")
    assert message in caught.value.message


class WithoutEncoders(FlowSources):
    """No separate T5 encoder installed."""

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        return [] if model_type is ModelType.T5_ENCODER else super().installed(model_type)


def test_a_transformer_file_without_installed_encoders_says_what_to_install() -> None:
    with pytest.raises(GenerateRequestError) as caught:
        plan_generation(GenerateRequest(**{**DEV, "model": "FLUX File"}), WithoutEncoders())
    assert caught.value.message == (
        "t5_encoder: 'FLUX File' holds the FLUX transformer without a T5 encoder, and none is installed: "
        "install one (e.g. t5xxl_fp16.safetensors) or choose it in t5_encoder"
    )
    chosen = resolve(GenerateRequest(**{**DEV, "model": "FLUX File", "t5_encoder": "T5"}), WithoutEncoders())
    assert chosen.t5_encoder is not None
    assert chosen.t5_encoder.name == "T5"


def test_guidance_comes_from_the_request_the_model_or_the_variant() -> None:
    def guidance(**fields: Any) -> float | None:
        return resolve(GenerateRequest(**{**DEV, **fields}), FlowSources()).guidance

    assert guidance() == 3.5
    assert guidance(guidance=5.0) == 5.0
    assert guidance(model="FLUX Schnell", guidance=5.0) is None  # schnell has no guidance input
    assert guidance(model="FLUX Fill", init_image="square", mask="mask") == 30.0
    assert guidance(model="FLUX Kontext") == 2.5
    assert guidance(model="SD3") is None
    assert guidance(model="SD1", guidance=5.0) is None  # ignored by other families, as documented


def test_folders_and_all_in_one_files_use_their_own_parts() -> None:
    for model in ("FLUX Dev", "FLUX AIO", "SD3"):
        r = resolve(GenerateRequest(**{**DEV, "model": model}), FlowSources())
        assert (r.vae, r.t5_encoder, r.clip_embed) == (None, None, None)
    r = resolve(GenerateRequest(**{**DEV, "model": "FLUX File"}), FlowSources())
    assert [m.name if m else None for m in (r.vae, r.t5_encoder, r.clip_embed)] == [
        "FLUX VAE",
        "T5",
        "CLIP-L",
    ]


def test_an_edit_has_the_references_kontext_size_unless_the_request_gives_one() -> None:
    def size(**fields: Any) -> tuple[int, int]:
        r = resolve(GenerateRequest(**{**DEV, "model": "FLUX Kontext", **fields}), FlowSources())
        return r.width, r.height

    assert size(reference_image="wide") == (1456, 720)  # 96x48 (2:1): the trained size nearest 2:1
    assert size(reference_image="square") == (1024, 1024)
    assert size(reference_image="wide", width=64, height=32) == (64, 32)
    assert size(reference_image="wide", width=64) == (64, 720)  # each side left out follows it
    assert size(reference_image="square", init_image="wide") == (96, 48)  # image to image: the init's
    assert size() == (64, 64)  # no reference: the model's default
