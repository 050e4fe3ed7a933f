"""Every parameter of a generation request is checked, with an error that names the field."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PIL import Image
from pydantic import ValidationError

from impasto.builders import GenerateRequest, GenerateRequestError
from impasto.errors import InvalidInputError
from impasto.models.records import ModelRecordChanges
from impasto.sampling.schedulers import UnknownSchedulerError
from tests.builders.conftest import Models, plan
from tests.generation.helpers import Studio


def refused(studio: Studio, field: str, match: str, **fields: Any) -> InvalidInputError:
    """The request is refused with an error about ``field`` whose message matches ``match``."""
    with pytest.raises(InvalidInputError) as info:
        plan(studio, **{"prompt": "a red circle", **fields})
    error = info.value
    assert error.message.startswith(f"{field}: "), error.message
    assert error.details["field"] == field
    assert error.status_code == 422
    assert re.search(match, error.message), error.message
    return error


@pytest.fixture(scope="module")
def image(studio: Studio) -> str:
    return studio.services.images.save(Image.new("RGB", (64, 64), (0, 0, 200)), intermediate=False)


def test_sizes_must_be_multiples_of_the_models_latent_factor(studio: Studio, models: Models) -> None:
    demo = refused(
        studio,
        "width",
        r"62 is not a multiple of 4, .*'Impasto Shapes \(demo\)' \(try 60 or 64\)",
        model=models.demo.key,
        width=62,
    )
    assert demo.details["factor"] == 4
    plan(studio, prompt="x", model=models.demo.key, width=60, height=68)  # fine for a factor of 4
    sd1 = refused(studio, "height", r"not a multiple of 8", model=models.sd1.key, width=64, height=60)
    assert sd1.details["factor"] == 8
    assert isinstance(sd1, GenerateRequestError)
    assert sd1.code == "invalid_request"


def test_sizes_outside_sane_bounds_are_refused(studio: Studio, models: Models) -> None:
    refused(studio, "width", r"outside 16\.\.8192", model=models.sd1.key, width=8)
    with pytest.raises(ValidationError, match="width"):
        GenerateRequest(prompt="x", width=9000)
    with pytest.raises(ValidationError, match="steps"):
        GenerateRequest(prompt="x", steps=0)
    refused(
        studio, "hires_fix.scale", r"would be 16384x16384", model=models.sd1.key, width=8192, height=8192,
        hires_fix={"scale": 2},
    )  # fmt: skip


def test_unknown_schedulers_list_the_valid_ones(studio: Studio, models: Models) -> None:
    error = refused(
        studio, "scheduler", r"unknown scheduler 'fast'; valid names: ddim, ddpm", scheduler="fast"
    )
    assert isinstance(error, UnknownSchedulerError)
    assert "dpmpp_2m_k" in error.details["valid"]
    refused(
        studio, "refiner.scheduler", "unknown scheduler", model=models.sdxl.key,
        refiner={"model": models.refiner.key, "scheduler": "fast"},
    )  # fmt: skip


def test_models_must_be_installed_main_models_of_a_supported_base(studio: Studio, models: Models) -> None:
    refused(studio, "model", r"no installed model has the key or name 'nope'", model="nope")
    refused(studio, "model", r"'Tiny LoRA' is a lora model, not a main model", model="tiny lora")
    refused(studio, "model", r"SDXL refiner; give it as refiner.model", model=models.refiner.key)
    assert plan(studio, prompt="x", model="TINY sd1", width=64, height=64).model_key == models.sd1.key


def test_add_ons_must_match_the_models_base(studio: Studio, models: Models, image: str) -> None:
    sd1 = {"model": models.sd1.key, "width": 64, "height": 64}
    refused(studio, "loras[1].model", r"LoRA 'XL LoRA' is for sdxl models", **sd1,
            loras=[{"model": models.lora.key}, {"model": models.lora_xl.key}])  # fmt: skip
    refused(studio, "loras[1].model", "listed twice", **sd1, loras=[{"model": "Tiny LoRA"}] * 2)
    refused(studio, "loras[0].model", "is a controlnet model, not a lora model", **sd1,
            loras=[{"model": models.controlnet.key}])  # fmt: skip
    refused(studio, "controlnets[0].model", r"is for sdxl models; 'Tiny SD1' is sd-1", **sd1,
            controlnets=[{"model": models.controlnet_xl.key, "image": image}])  # fmt: skip
    refused(studio, "t2i_adapters[0].model", "not a t2i_adapter model", **sd1,
            t2i_adapters=[{"model": models.controlnet.key, "image": image}])  # fmt: skip
    refused(studio, "vae", r"'XL VAE' is a sdxl VAE; 'Tiny SD1' is a sd-1 model", **sd1, vae="XL VAE")
    refused(studio, "vae", r"scales by 8, the model's VAE by 4", model=models.demo.key, vae="Tiny VAE")
    refused(studio, "clip_skip", "of 'Tiny SD1' has 1 layers; skip fewer", **sd1, clip_skip=1)
    refused(
        studio, "clip_skip", r"of 'Impasto Shapes \(demo\)' has 2 layers", model=models.demo.key, clip_skip=2
    )
    assert (
        plan(studio, prompt="x", model=models.demo.key, clip_skip=1).graph.nodes["clip_skip"][
            "skipped_layers"
        ]
        == 1
    )


def test_parameters_that_need_others(studio: Studio, models: Models, image: str) -> None:
    refused(studio, "strength", "needs an init_image", strength=0.5)
    refused(studio, "mask", "needs an init_image", mask=image)
    refused(studio, "outpaint", "needs an init_image", outpaint={"left": 8})
    refused(studio, "mask", "outpaint makes its own mask", init_image=image, mask=image, outpaint={"left": 8})
    refused(studio, "outpaint", "at least one side", init_image=image, outpaint={})
    refused(studio, "width", "an outpaint canvas is 72x64", init_image=image, outpaint={"left": 8}, width=64)
    refused(studio, "hires_fix", "text-to-image option", init_image=image, hires_fix={})
    refused(studio, "hires_fix.upscaler", "'Tiny VAE' is a vae model, not an upscaler",
            hires_fix={"upscaler": models.vae.key})  # fmt: skip
    refused(studio, "hires_fix.upscaler", "no installed model", hires_fix={"upscaler": "nope"})
    refused(studio, "refiner", r"refiners work with SDXL models; 'Tiny SD1' is a sd-1", model=models.sd1.key,
            refiner={"model": models.refiner.key})  # fmt: skip
    xl = {"model": models.sdxl.key, "width": 64, "height": 64}
    refused(studio, "refiner.model", "not an SDXL refiner", **xl, refiner={"model": models.sdxl.key})
    refused(studio, "hires_fix", "cannot be combined with a refiner", **xl, hires_fix={},
            refiner={"model": models.refiner.key})  # fmt: skip
    refused(studio, "refiner.start", r"starts at 0\.50", **xl, init_image=image, strength=0.5,
            refiner={"model": models.refiner.key, "start": 0.4})  # fmt: skip


def test_named_things_must_exist(studio: Studio, models: Models, image: str) -> None:
    missing = "0" * 32 + ".png"
    refused(studio, "init_image", "no stored image named", init_image=missing)
    refused(studio, "init_image", "no stored image named 'cat.png'", init_image="cat.png")
    refused(studio, "mask", "no stored image named", init_image=image, mask=missing)
    refused(studio, "controlnets[0].image", "no stored image", model=models.sd1.key, width=64, height=64,
            controlnets=[{"model": models.controlnet.key, "image": missing}])  # fmt: skip
    refused(studio, "board", "no board with the id 'nope'", board="nope")
    refused(studio, "style_preset", "no style preset has the id or name 'nope'", style_preset="nope")
    refused(studio, "prompt", "unbalanced braces", prompt="a {red|blue circle")
    refused(studio, "prompt", "wildcard __colour__", prompt="a __colour__ circle")


def test_preprocessor_options_are_checked_by_the_node(studio: Studio, models: Models, image: str) -> None:
    sd1 = {"model": models.sd1.key, "width": 64, "height": 64}

    def unit(**fields: Any) -> dict[str, Any]:
        return {"model": models.controlnet.key, "image": image, **fields}

    canny = unit(preprocessor="canny", preprocessor_options={"low_threshold": 999})
    field = "controlnets[0].preprocessor_options.low_threshold"
    refused(studio, field, "less than or equal to 255", **sd1, controlnets=[canny])
    refused(studio, "controlnets[0].preprocessor_options", "image cannot be set here", **sd1,
            controlnets=[unit(preprocessor="canny", preprocessor_options={"image": "x"})])  # fmt: skip
    refused(studio, "controlnets[0].preprocessor_options", "options need a preprocessor", **sd1,
            controlnets=[unit(preprocessor_options={"low_threshold": 1})])  # fmt: skip
    refused(studio, "controlnets[0].begin", r"begin \(0.8\) is after end \(0.2\)", **sd1,
            controlnets=[unit(begin=0.8, end=0.2)])  # fmt: skip


def test_names_shared_by_two_models_need_a_key(studio: Studio, models: Models) -> None:
    studio.services.models.update(models.sd1_inpaint.key, _named("Tiny SD1"))
    try:
        error = refused(
            studio, "model", "2 installed models are named 'Tiny SD1'; use a key", model="Tiny SD1"
        )
        assert models.sd1.key in error.message
    finally:
        studio.services.models.update(models.sd1_inpaint.key, _named("Tiny SD1 Inpaint"))


def _named(name: str) -> ModelRecordChanges:
    return ModelRecordChanges(name=name)


def test_every_denoise_pass_needs_a_whole_step(studio: Studio, models: Models, image: str) -> None:
    refused(
        studio,
        "strength",
        r"runs 0.30 of the schedule; with 3 steps",
        init_image=image,
        strength=0.3,
        steps=3,
    )
    plan(studio, prompt="x", init_image=image, strength=0.34, steps=3)
    refused(studio, "hires_fix.strength", "with 2 steps", hires_fix={"strength": 0.3, "steps": 2})
    xl = {"model": models.sdxl.key, "width": 64, "height": 64, "steps": 4}
    refused(
        studio,
        "refiner.steps",
        "runs 0.20 of the schedule",
        **xl,
        refiner={"model": "Tiny Refiner", "start": 0.8},
    )
    refused(
        studio,
        "refiner.start",
        "runs 0.10 of the schedule",
        **xl,
        refiner={"model": "Tiny Refiner", "start": 0.1},
    )


def test_unknown_preprocessor_options_are_named(studio: Studio, models: Models, image: str) -> None:
    unit = {"model": models.controlnet.key, "image": image, "preprocessor": "canny"}
    sd1 = {"model": models.sd1.key, "width": 64, "height": 64}
    field = "controlnets[0].preprocessor_options.sigma"
    refused(studio, field, "sigma", **sd1, controlnets=[{**unit, "preprocessor_options": {"sigma": 2}}])
