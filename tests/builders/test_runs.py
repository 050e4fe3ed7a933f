"""Every mode runs once with tiny real models: the demo model for the SD 1.x modes, the factory's tiny
SD 1.x with LoRAs, ControlNets and T2I-Adapters, and the tiny SDXL with its refiner."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.builders.conftest import Models, plan, run, saved
from tests.generation.helpers import Studio, pattern

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
QUICK = {"steps": 3, "seed": 7}


@pytest.fixture(scope="module")
def source(studio: Studio) -> str:
    return studio.services.images.save(pattern(64, seed=1), intermediate=False)


@pytest.fixture(scope="module")
def half_mask(studio: Studio) -> str:
    mask = Image.new("L", (64, 64), 0)
    mask.paste(255, (0, 0, 32, 64))  # regenerate the left half
    return studio.services.images.save(mask, intermediate=False, category="mask")


def metadata(studio: Studio, outputs: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(saved(studio, outputs).info["impasto_metadata"])
    return result


def test_text_to_image_with_the_demo_model(studio: Studio, models: Models) -> None:
    generation = plan(
        studio, prompt="a red circle on a blue background", model=models.demo.key, count=2, **QUICK
    )
    first, second = run(studio, generation, 0), run(studio, generation, 1)
    assert saved(studio, first).size == (64, 64)
    assert (metadata(studio, first)["seed"], metadata(studio, second)["seed"]) == (7, 8)
    assert set(second["executed_nodes"]) == {
        "noise",
        "denoise",
        "l2i",
        "metadata",
        "save",
    }  # the rest is cached
    assert "impasto_graph" in saved(studio, first).info


def test_the_same_request_gives_the_same_pixels(studio: Studio, models: Models) -> None:
    fields = {
        "prompt": "a green square on a white background",
        "model": models.demo.key,
        "steps": 4,
        "seed": 99,
    }
    one = np.asarray(saved(studio, run(studio, plan(studio, **fields))))
    two = np.asarray(saved(studio, run(studio, plan(studio, **fields))))
    other = np.asarray(saved(studio, run(studio, plan(studio, **{**fields, "seed": 100}))))
    assert np.array_equal(one, two)
    assert not np.array_equal(one, other)


def test_image_to_image_inpaint_and_outpaint(
    studio: Studio, models: Models, source: str, half_mask: str
) -> None:
    demo = {"prompt": "a blue circle", "model": models.demo.key, **QUICK}
    original = np.asarray(studio.services.images.load(source).convert("RGB"))
    changed = np.asarray(saved(studio, run(studio, plan(studio, **demo, init_image=source, strength=0.5))))
    assert changed.shape == original.shape
    assert not np.array_equal(changed, original)
    inpainted = np.asarray(
        saved(studio, run(studio, plan(studio, **demo, init_image=source, mask=half_mask)))
    )
    assert np.array_equal(inpainted[:, 32:], original[:, 32:])  # the kept half is pasted back exactly
    assert not np.array_equal(inpainted[:, :32], original[:, :32])
    extended = saved(
        studio, run(studio, plan(studio, **demo, init_image=source, outpaint={"left": 16, "top": 8}))
    )
    assert extended.size == (80, 72)
    assert np.array_equal(np.asarray(extended)[8:, 16:], original)  # the source stays where it was


def test_hires_fix_makes_the_larger_image(studio: Studio, models: Models) -> None:
    fields = {"prompt": "a red circle", "model": models.demo.key, "clip_skip": 1}
    generation = plan(studio, **fields, hires_fix={"scale": 1.5}, **QUICK)
    outputs = run(studio, generation)
    assert saved(studio, outputs).size == (96, 96)
    assert {"clip_skip", "denoise", "hires_scale", "hires_denoise"} <= set(outputs["executed_nodes"])
    assert metadata(studio, outputs)["hires_width"] == 96


def test_hires_fix_with_an_upscaler_model_enlarges_the_decoded_image(studio: Studio, models: Models) -> None:
    fields = {"prompt": "a red circle", "model": models.demo.key}
    hires = {"scale": 1.5, "upscaler": "Tiny ESRGAN"}
    outputs = run(studio, plan(studio, **fields, hires_fix=hires, **QUICK))
    assert saved(studio, outputs).size == (96, 96)
    enlarged = {"hires_decode", "hires_upscale", "hires_fit", "hires_encode", "hires_denoise"}
    assert enlarged <= set(outputs["executed_nodes"])
    assert "hires_scale" not in outputs["outputs"]
    upscaled = outputs["outputs"]["hires_upscale"]
    assert (upscaled["width"], upscaled["height"]) == (96, 96)  # x4 model, resized to 1.5x
    recalled = metadata(studio, outputs)
    assert (recalled["hires_upscaler"], recalled["hires_width"]) == ("Tiny ESRGAN", 96)


def test_sd1_with_lora_controlnet_adapter_vae_and_seamless(
    studio: Studio, models: Models, source: str
) -> None:
    edges = {"preprocessor": "canny", "preprocessor_options": {"low_threshold": 20, "detect_resolution": 0}}
    generation = plan(
        studio, prompt="a cat", model=models.sd1.key, width=64, height=64, vae="Tiny VAE", seamless_x=True,
        loras=[{"model": "Tiny LoRA", "weight": 0.8}],
        controlnets=[
            {"model": "Tiny ControlNet", "image": source, **edges},
            {"model": "Tiny ControlNet", "image": source, "weight": 0.5, "end": 0.5},
        ],
        t2i_adapters=[{"model": "Tiny Adapter", "image": source, "preprocessor": "color_map"}],
        **QUICK,
    )  # fmt: skip
    outputs = run(studio, generation)
    assert saved(studio, outputs).size == (64, 64)
    assert {"lora_0", "vae", "seamless", "controlnet_0_preprocessor", "t2i_adapter_0"} <= set(
        outputs["executed_nodes"]
    )
    recalled = metadata(studio, outputs)
    assert [unit["kind"] for unit in recalled["control"]] == ["controlnet", "controlnet", "t2i_adapter"]


def test_inpainting_model_inpaints_natively(
    studio: Studio, models: Models, source: str, half_mask: str
) -> None:
    fields = {"prompt": "x", "model": models.sd1_inpaint.key, "init_image": source, "mask": half_mask}
    outputs = run(studio, plan(studio, **fields, **QUICK))
    image = np.asarray(saved(studio, outputs))
    assert np.array_equal(
        image[:, 32:], np.asarray(studio.services.images.load(source).convert("RGB"))[:, 32:]
    )


def test_sdxl_with_lora_and_refiner(studio: Studio, models: Models) -> None:
    generation = plan(
        studio, prompt="a {red|blue} cube", model=models.sdxl.key, width=64, height=64,
        loras=[{"model": "XL LoRA"}], refiner={"model": "Tiny Refiner", "start": 0.5, "steps": 4},
        **QUICK,
    )  # fmt: skip
    outputs = run(studio, generation, 1)
    assert saved(studio, outputs).size == (64, 64)
    assert {"denoise", "refiner_denoise", "refiner_positive"} <= set(outputs["executed_nodes"])
    recalled = metadata(studio, outputs)
    assert (recalled["positive_prompt"], recalled["refiner_start"]) == ("a blue cube", 0.5)
    assert studio.services.resources.models.record(models.sdxl.key).name == "Tiny XL"


def test_sdxl_regions_reach_the_refiner(studio: Studio, models: Models, half_mask: str) -> None:
    regions = [
        {"mask": half_mask, "prompt": "a red circle", "negative_prompt": "blue", "auto_negative": True}
    ]
    generation = plan(
        studio, prompt="a cube", model=models.sdxl.key, width=64, height=64, regions=regions,
        refiner={"model": "Tiny Refiner", "start": 0.5, "steps": 4}, **QUICK,
    )  # fmt: skip
    outputs = run(studio, generation)
    assert saved(studio, outputs).size == (64, 64)
    refined = {"refiner_region_0_positive", "refiner_region_0_negative", "refiner_denoise"}
    assert refined <= set(outputs["executed_nodes"])
