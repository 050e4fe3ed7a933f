"""The standard graphs: every mode builds a graph the real registry accepts, with the right batch data,
defaults and recall metadata."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from impasto.builders import GenerationPlan
from impasto.graph import prepare
from impasto.queue.batch import expand
from impasto.queue.models import Batch
from tests.builders.conftest import Models, plan
from tests.generation.helpers import Studio

REPO = Path(__file__).parents[3]


@pytest.fixture(scope="module")
def images(studio: Studio) -> dict[str, str]:
    store = studio.services.images
    return {
        "square": store.save(Image.new("RGB", (64, 64), (0, 0, 200)), intermediate=False),
        "wide": store.save(Image.new("RGB", (96, 48), (200, 0, 0)), intermediate=False),
        "mask": store.save(Image.new("L", (64, 64), 255), intermediate=False, category="mask"),
    }


def node_types(generation: GenerationPlan) -> dict[str, str]:
    return {node_id: node["type"] for node_id, node in generation.graph.nodes.items()}


def edges(generation: GenerationPlan) -> set[tuple[str, str, str, str]]:
    return {
        (e.source.node_id, e.source.field, e.destination.node_id, e.destination.field)
        for e in generation.graph.edges
    }


def batch_values(generation: GenerationPlan) -> list[dict[tuple[str, str], Any]]:
    batch = Batch.model_validate(
        {"graph": generation.graph, "data": [[d.model_dump() for d in g] for g in generation.data]}
    )
    return [{(v.node_id, v.field): v.value for v in values} for values in expand(batch)]


def test_every_mode_builds_a_valid_graph(studio: Studio, models: Models, images: dict[str, str]) -> None:
    demo = {"prompt": "a red circle", "model": models.demo.key}
    cases: dict[str, dict[str, Any]] = {
        "txt2img": demo,
        "img2img": {**demo, "init_image": images["square"]},
        "inpaint": {**demo, "init_image": images["square"], "mask": images["mask"], "mask_blur": 4},
        "outpaint": {**demo, "init_image": images["square"], "outpaint": {"left": 16, "bottom": 8}},
        "hires": {**demo, "hires_fix": {"scale": 1.5, "strength": 0.4, "steps": 3}, "clip_skip": 1},
        "sd1 add-ons": {
            "prompt": "x", "model": models.sd1.key, "width": 64, "height": 64, "vae": "Tiny VAE",
            "loras": [{"model": "Tiny LoRA", "weight": 0.5}], "seamless_x": True,
            "controlnets": [
                {"model": "Tiny ControlNet", "image": images["square"], "preprocessor": "canny"},
                {"model": "Tiny ControlNet", "image": images["wide"], "preprocessor": "tile",
                 "preprocessor_options": {"down_sampling_rate": 2}},
            ],
            "t2i_adapters": [
                {"model": "Tiny Adapter", "image": images["square"], "preprocessor": "color_map"}
            ],
        },
        "sdxl refiner": {
            "prompt": "x", "model": models.sdxl.key, "width": 64, "height": 64,
            "loras": [{"model": "XL LoRA"}], "refiner": {"model": "Tiny Refiner", "start": 0.75},
        },
    }  # fmt: skip
    for name, fields in cases.items():
        generation = plan(studio, **fields)
        prepare(generation.graph, studio.services.registry)  # raises on any problem
        types = node_types(generation)
        assert types["save"] == "save_image", name
        assert ("metadata", "metadata", "save", "metadata") in edges(generation), name
        assert types["model"] in ("main_model_loader", "sdxl_model_loader"), name


def test_image_modes_encode_mask_and_paste_back(
    studio: Studio, models: Models, images: dict[str, str]
) -> None:
    inpaint = plan(
        studio, prompt="x", model=models.demo.key, init_image=images["wide"], mask=images["mask"], mask_blur=3
    )
    assert inpaint.mode == "inpaint"
    assert (inpaint.width, inpaint.height) == (96, 48)  # the init image's size
    types = node_types(inpaint)
    assert types["mask_resized"] == "image_resize"  # the 64x64 mask is fitted to the 96x48 image
    assert "init_image_resized" not in types  # the init image has the size already
    assert inpaint.graph.nodes["denoise"]["denoising_start"] == 0.0  # inpaint strength defaults to 1
    assert inpaint.graph.nodes["denoise_mask"]["edge_blur"] == 3
    into_mask = {e.destination.field for e in inpaint.graph.edges if e.destination.node_id == "denoise_mask"}
    assert into_mask == {"mask"}  # an ordinary model is re-noised: no masked-image latents to make
    assert ("paste_mask", "image", "paste", "mask") in edges(inpaint)
    native = plan(
        studio, prompt="x", model=models.sd1_inpaint.key, init_image=images["square"], mask=images["mask"]
    )
    assert {
        ("init_image", "image", "mask_noise", "image"),  # a given mask noises its area by default
        ("mask_noise", "image", "denoise_mask", "image"),
        ("model", "vae", "denoise_mask", "vae"),
    } <= edges(native)
    assert native.graph.nodes["mask_noise"]["amount"] == 0.15
    quiet = plan(
        studio, prompt="x", model=models.sd1_inpaint.key, init_image=images["square"], mask=images["mask"],
        noise_level=0,
    )  # fmt: skip
    assert "mask_noise" not in node_types(quiet)
    assert ("init_image", "image", "denoise_mask", "image") in edges(quiet)
    img2img = plan(studio, prompt="x", model=models.demo.key, init_image=images["wide"], width=64, height=64)
    assert img2img.graph.nodes["denoise"]["denoising_start"] == pytest.approx(0.25)
    assert ("init_image_resized", "image", "i2l", "image") in edges(img2img)
    assert {("i2l", "latents", "denoise", "latents"), ("noise", "latents", "denoise", "noise")} <= edges(
        img2img
    )
    outpaint = plan(
        studio, prompt="x", model=models.demo.key, init_image=images["square"], outpaint={"right": 32}
    )
    assert (outpaint.width, outpaint.height) == (96, 64)
    assert ("canvas", "mask", "denoise_mask", "mask") in edges(outpaint)


def test_hires_fix_runs_a_second_pass_at_the_larger_size(studio: Studio, models: Models) -> None:
    generation = plan(
        studio, prompt="x", model=models.demo.key, seed=3, hires_fix={"scale": 1.5, "strength": 0.4}
    )
    nodes = generation.graph.nodes
    assert (generation.width, generation.height) == (96, 96)
    assert (nodes["hires_noise"]["width"], nodes["hires_noise"]["height"]) == (96, 96)
    assert nodes["hires_denoise"]["denoising_start"] == pytest.approx(0.6)
    assert ("hires_denoise", "latents", "l2i", "latents") in edges(generation)
    assert batch_values(generation) == [
        {("noise", "seed"): 3, ("hires_noise", "seed"): 3, ("metadata", "seed"): 3}
    ]
    base = nodes["metadata"]["base"]
    assert (base["width"], base["hires_width"], base["hires_strength"], base["hires_steps"]) == (
        64,
        96,
        0.4,
        20,
    )


def test_refiner_takes_over_the_schedule(studio: Studio, models: Models) -> None:
    generation = plan(
        studio, prompt="a cat", negative_prompt="dog", model=models.sdxl.key, width=64, height=64, steps=10,
        refiner={"model": models.refiner.key, "start": 0.7, "steps": 6, "negative_aesthetic_score": 2.0},
    )  # fmt: skip
    nodes = generation.graph.nodes
    assert nodes["denoise"]["denoising_end"] == 0.7
    assert nodes["refiner_denoise"]["denoising_start"] == 0.7
    assert nodes["refiner_denoise"]["steps"] == 6
    assert ("denoise", "latents", "refiner_denoise", "latents") in edges(generation)
    assert not any(e[2:] == ("refiner_denoise", "noise") for e in edges(generation))
    assert nodes["refiner_negative"]["style"] == "dog"
    assert nodes["refiner_negative"]["aesthetic_score"] == 2.0
    assert nodes["positive"]["type"] == "sdxl_compel_prompt"
    base = nodes["metadata"]["base"]
    assert base["refiner_model"]["key"] == models.refiner.key
    assert (base["refiner_start"], base["refiner_steps"]) == (0.7, 6)


def test_count_gives_consecutive_seeds_to_noise_and_metadata(studio: Studio, models: Models) -> None:
    generation = plan(studio, prompt="x", model=models.demo.key, seed=2**32 - 2, count=3)
    assert [item.seed for item in generation.items] == [2**32 - 2, 2**32 - 1, 0]
    assert [v[("noise", "seed")] for v in batch_values(generation)] == [2**32 - 2, 2**32 - 1, 0]
    assert all(v[("noise", "seed")] == v[("metadata", "seed")] for v in batch_values(generation))
    drawn = plan(studio, prompt="x", model=models.demo.key)
    assert 0 <= drawn.items[0].seed < 2**32
    assert batch_values(drawn)[0][("noise", "seed")] == drawn.items[0].seed


def test_dynamic_prompts_times_count(studio: Studio, models: Models) -> None:
    generation = plan(studio, prompt="a {red|blue} {circle|square}", model=models.demo.key, seed=10, count=2)
    prompts = ["a red circle", "a red square", "a blue circle", "a blue square"]
    assert [(i.prompt, i.seed) for i in generation.items] == [(p, s) for p in prompts for s in (10, 11)]
    values = batch_values(generation)
    assert [v[("positive", "prompt")] for v in values] == [p for p in prompts for _ in range(2)]
    assert all(v[("metadata", "positive_prompt")] == v[("positive", "prompt")] for v in values)
    assert (
        generation.graph.nodes["metadata"]["base"]["extra"]["prompt_template"]
        == "a {red|blue} {circle|square}"
    )
    capped = plan(studio, prompt="a {red|blue} {circle|square}", model=models.demo.key, max_prompts=3)
    assert len(capped.items) == 3
    literal = plan(studio, prompt="a {red|blue} circle", model=models.demo.key, dynamic_prompts=False)
    assert [i.prompt for i in literal.items] == ["a {red|blue} circle"]
    xl = plan(
        studio, prompt="{a|b}", model=models.sdxl.key, width=64, height=64, refiner={"model": "Tiny Refiner"}
    )
    assert {(d.node_id, d.field) for d in xl.data[0]} == {
        ("positive", "prompt"), ("metadata", "positive_prompt"), ("refiner_positive", "style"),
    }  # fmt: skip


def test_style_presets_are_applied_to_both_prompts(studio: Studio, models: Models) -> None:
    preset = next(p for p in studio.services.presets.list() if p.name == "Photographic")
    generation = plan(
        studio, prompt="a cat", negative_prompt="blur", model=models.demo.key, style_preset="photographic"
    )
    styled = studio.services.presets.apply(preset.id, "a cat", "blur")
    assert generation.graph.nodes["positive"]["prompt"] == styled.positive_prompt != "a cat"
    assert generation.graph.nodes["negative"]["prompt"] == styled.negative_prompt
    assert generation.graph.nodes["metadata"]["base"]["extra"]["style_preset"] == "Photographic"


def test_defaults_come_from_the_model(studio: Studio, models: Models) -> None:
    demo = plan(studio, prompt="x", model=models.demo.key)
    denoise = demo.graph.nodes["denoise"]
    assert (demo.width, demo.height) == (64, 64)  # the demo model's default settings
    assert (denoise["steps"], denoise["cfg_scale"], denoise["scheduler"]) == (20, 5.0, "dpmpp_2m")
    sd1 = plan(studio, prompt="x", model=models.sd1.key)
    assert (sd1.width, sd1.height) == (64, 64)  # the size identification found it was trained at
    denoise = sd1.graph.nodes["denoise"]
    assert (denoise["steps"], denoise["cfg_scale"], denoise["scheduler"]) == (
        30,
        7.5,
        "dpmpp_2m_k",
    )  # SD 1.x's
    chosen = plan(studio, prompt="x", model=models.sd1.key, steps=3, cfg_scale=2, scheduler="euler_a")
    denoise = chosen.graph.nodes["denoise"]
    assert (denoise["steps"], denoise["cfg_scale"], denoise["scheduler"]) == (3, 2.0, "euler_a")


def test_metadata_carries_the_recall_parameters(
    studio: Studio, models: Models, images: dict[str, str]
) -> None:
    generation = plan(
        studio, prompt="x", negative_prompt="y", model=models.sd1.key, width=64, height=64, seed=9,
        vae="Tiny VAE", steps=4, cfg_scale=3.5, cfg_rescale_multiplier=0.3, seamless_y=True,
        loras=[{"model": "Tiny LoRA", "weight": 0.6}],
        controlnets=[{"model": "Tiny ControlNet", "image": images["square"], "preprocessor": "canny",
                      "weight": 0.7, "begin": 0.1, "end": 0.9, "control_mode": "more_control"}],
    )  # fmt: skip
    base = generation.graph.nodes["metadata"]["base"]
    assert base["model"] == {
        "name": "Tiny SD1",
        "key": models.sd1.key,
        "hash": models.sd1.hash,
        "base": "sd-1",
    }
    assert base["vae"]["key"] == models.vae.key
    assert base["loras"] == [
        {"name": "Tiny LoRA", "key": models.lora.key, "hash": models.lora.hash, "base": "sd-1", "weight": 0.6}
    ]
    assert base["control"] == [{
        "kind": "controlnet", "model": {"name": "Tiny ControlNet", "key": models.controlnet.key,
                                        "hash": models.controlnet.hash, "base": "sd-1"},
        "weight": 0.7, "begin": 0.1, "end": 0.9, "image_name": images["square"], "processor": "canny",
        "control_mode": "more_control",
    }]  # fmt: skip
    expected = {
        "mode": "txt2img", "positive_prompt": "x", "negative_prompt": "y", "seed": 9, "steps": 4,
        "cfg_scale": 3.5, "cfg_rescale": 0.3, "width": 64, "height": 64, "clip_skip": 0, "seamless_y": True,
    }  # fmt: skip
    assert {k: base[k] for k in expected} == expected
    assert base["app_version"]


def test_building_a_graph_does_not_import_torch(models: Models) -> None:
    """The builders are pure: the API and the web UI can build graphs without loading torch."""
    code = f"""
import sys
from impasto.builders import GenerateRequest, build_plan, resolve
from impasto.models.identity import ModelRecord
record = ModelRecord.model_validate_json({models.demo.model_dump_json()!r})

class Sources:
    wildcards_dir = None
    max_image_pixels = {{}}
    def models(self, ref): return [record]
    def default_model(self): return record
    def latent_factor(self, record): return 4
    def text_encoder_layers(self, record): return None
    def image_size(self, name): return None
    def has_board(self, board_id): return False
    def style_preset(self, ref): return None

plan = build_plan(resolve(GenerateRequest(prompt="a {{red|blue}} circle", count=2), Sources()))
print(len(plan.items), "torch" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["4", "False"]
