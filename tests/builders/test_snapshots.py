"""The graphs of SD 1.x, SD 2.x and SDXL requests, compared with JSON snapshots kept in ``snapshots/``.

Built over a fixed, in-memory installation (records with fixed keys and hashes, images with fixed names and
sizes), so the graph, its batch data and its items are the same on every run: any change to a node id, a
node type, a value, an edge or the batch data shows here as a difference from the committed snapshot.
Run this module as a script (``python -m tests.builders.test_snapshots``) to write the snapshots again,
after a change to the graphs that is meant.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from impasto.builders import GenerateRequest, GenerationPlan, plan_generation
from impasto.builders.sources import Alpha
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import BaseModelType, DefaultSettings, ModelType, ModelVariant
from impasto.presets import StylePreset

SNAPSHOTS = Path(__file__).parent / "snapshots"
APP_VERSION = "<app version>"
_WHEN = datetime(2024, 1, 1, tzinfo=UTC)


def _record(
    name: str, base: str, model_type: str, *, variant: str | None = None, **details: Any
) -> ModelRecord:
    return ModelRecord(
        key=f"key-{name.lower().replace(' ', '-')}",
        name=name,
        base=BaseModelType(base),
        type=ModelType(model_type),
        format="diffusers",
        variant=ModelVariant(variant) if variant else None,
        path=f"/models/{name}",
        owned=False,
        hash=f"blake3:{name.lower().replace(' ', '')}",
        size=1,
        source=f"/models/{name}",
        source_type="path",
        default_settings=DefaultSettings(width=64, height=64) if model_type == "main" else None,
        details=details,
        created_at=_WHEN,
        updated_at=_WHEN,
    )


RECORDS = [
    _record("SD1", "sd-1", "main"),
    _record("SD1 Inpaint", "sd-1", "main", variant="inpaint"),
    _record("SD2", "sd-2", "main"),
    _record("XL", "sdxl", "main"),
    _record("Refiner", "sdxl-refiner", "main"),
    _record("LoRA", "sd-1", "lora"),
    _record("LoRA 2", "any", "lora"),
    _record("XL LoRA", "sdxl", "lora"),
    _record("ControlNet", "sd-1", "controlnet"),
    _record("XL ControlNet", "sdxl", "controlnet"),
    _record("Adapter", "sd-1", "t2i_adapter"),
    _record("XL Adapter", "sdxl", "t2i_adapter"),
    _record("VAE", "sd-1", "vae"),
    _record("XL VAE", "sdxl", "vae"),
    _record("ESRGAN", "any", "upscaler", scale=4),
    _record("Depth", "any", "preprocessor", architecture="depth_anything"),
]
IMAGES = {"square": (64, 64), "wide": (96, 48), "mask": (64, 64)}
PRESET = StylePreset(
    id="preset-1",
    name="Film",
    positive_prompt="film still of {prompt}",
    negative_prompt="{prompt}, blur",
    type="user",
)


class Sources:
    """A fixed installation: the records above, three stored images, one style preset."""

    wildcards_dir: Path | None = None
    max_image_pixels: Mapping[BaseModelType, int] = {}

    def models(self, ref: str) -> list[ModelRecord]:
        return [r for r in RECORDS if ref in (r.key, r.name)]

    def default_model(self) -> ModelRecord | None:
        return RECORDS[0]

    def installed(self, model_type: ModelType) -> list[ModelRecord]:
        return [r for r in RECORDS if r.type is model_type]

    def latent_factor(self, record: ModelRecord) -> int:
        return 8

    def text_encoder_layers(self, record: ModelRecord) -> int | None:
        return None

    def image_size(self, name: str) -> tuple[int, int] | None:
        return IMAGES.get(name)

    def image_alpha(self, name: str) -> Alpha:
        return "opaque"

    def has_board(self, board_id: str) -> bool:
        return board_id == "board-1"

    def style_preset(self, ref: str) -> StylePreset | None:
        return PRESET if ref in (PRESET.id, PRESET.name) else None


SD1 = {"prompt": "a red circle", "negative_prompt": "blur", "seed": 7, "model": "SD1"}
XL = {"prompt": "a red circle", "negative_prompt": "blur", "seed": 7, "model": "XL"}
CONTROLS = {
    "controlnets": [
        {"model": "ControlNet", "image": "square", "preprocessor": "canny", "weight": 0.7, "begin": 0.1,
         "preprocessor_options": {"low_threshold": 50}, "control_mode": "more_control"},
        {"model": "ControlNet", "image": "wide", "preprocessor": "depth", "resize_mode": "crop_resize"},
    ],
    "t2i_adapters": [{"model": "Adapter", "image": "square", "preprocessor": "color_map", "end": 0.8}],
}  # fmt: skip
CASES: dict[str, dict[str, Any]] = {
    "sd1_txt2img": {**SD1, "count": 2, "board": "board-1"},
    "sd1_defaults": {"prompt": "x", "seed": 1},
    "sd1_img2img": {**SD1, "init_image": "wide", "width": 64, "height": 64, "strength": 0.6},
    "sd1_inpaint": {**SD1, "init_image": "wide", "mask": "mask", "mask_blur": 4},
    "sd1_inpaint_model": {**SD1, "model": "SD1 Inpaint", "init_image": "square", "mask": "mask"},
    "sd1_outpaint": {**SD1, "init_image": "square", "outpaint": {"left": 16, "bottom": 8, "fill": "color"}},
    "sd1_hires_latent": {**SD1, "hires_fix": {"scale": 1.5, "strength": 0.4, "steps": 3}},
    "sd1_hires_upscaler": {**SD1, "hires_fix": {"scale": 2, "upscaler": "ESRGAN"}, "clip_skip": 2},
    "sd1_addons": {
        **SD1, "vae": "VAE", "clip_skip": 1, "seamless_x": True, "seamless_y": True,
        "loras": [{"model": "LoRA", "weight": 0.5}, {"model": "LoRA 2", "weight": -1}],
        "cfg_rescale_multiplier": 0.2, "scheduler": "euler_a", "steps": 12, "cfg_scale": 4.5, **CONTROLS,
    },
    "sd1_dynamic_style": {**SD1, "prompt": "a {red|blue} {a|b}", "count": 2, "style_preset": "Film"},
    "sd1_dynamic_img2img": {**SD1, "prompt": "{a|b} cat", "init_image": "square", "mask": "mask"},
    "sd2_txt2img": {**SD1, "model": "SD2", "width": 128, "height": 64, "clip_skip": 3},
    "sdxl_txt2img": {**XL, "width": 128, "height": 96, "count": 3},
    "sdxl_addons": {
        **XL, "vae": "XL VAE", "clip_skip": 2, "seamless_x": True, "loras": [{"model": "XL LoRA"}],
        "controlnets": [{"model": "XL ControlNet", "image": "square"}],
        "t2i_adapters": [{"model": "XL Adapter", "image": "wide", "preprocessor": "canny"}],
    },
    "sdxl_refiner": {
        **XL, "steps": 10, "loras": [{"model": "XL LoRA", "weight": 0.3}],
        "refiner": {"model": "Refiner", "start": 0.7, "steps": 6, "cfg_scale": 3, "scheduler": "euler",
                    "positive_aesthetic_score": 7, "negative_aesthetic_score": 2},
    },
    "sdxl_refiner_img2img_dynamic": {
        **XL, "prompt": "{a|b} dog", "init_image": "square", "strength": 0.5, "refiner": {"model": "Refiner"},
    },
    "sdxl_inpaint": {**XL, "init_image": "square", "mask": "mask", "mask_blur": 2, "clip_skip": 1},
    "sdxl_outpaint": {**XL, "init_image": "wide", "outpaint": {"right": 32, "top": 16}},
    "sdxl_hires": {**XL, "hires_fix": {"scale": 2, "strength": 0.3, "upscaler": "ESRGAN"}, "count": 2},
}  # fmt: skip


def snapshot(plan: GenerationPlan) -> str:
    """The plan as JSON text, in the order it was built (the app version left out: it changes)."""
    data = plan.model_dump(mode="json")
    for node in data["graph"]["nodes"].values():
        if node["type"] == "generation_metadata":
            node["base"]["app_version"] = APP_VERSION
    return json.dumps(data, indent=1) + "\n"


def build(name: str) -> str:
    return snapshot(plan_generation(GenerateRequest(**CASES[name]), Sources()))


@pytest.mark.parametrize("name", sorted(CASES))
def test_graph_matches_its_snapshot(name: str) -> None:
    path = SNAPSHOTS / f"{name}.json"
    assert path.is_file(), f"no snapshot {path.name}; write them with python -m tests.builders.test_snapshots"
    assert build(name) == path.read_text(encoding="utf-8")


def test_every_snapshot_has_a_case() -> None:
    assert sorted(path.stem for path in SNAPSHOTS.glob("*.json")) == sorted(CASES)


def write() -> None:
    """Write every case's snapshot (after a change to the graphs that is meant)."""
    SNAPSHOTS.mkdir(exist_ok=True)
    for path in SNAPSHOTS.glob("*.json"):
        path.unlink()
    for name in CASES:
        (SNAPSHOTS / f"{name}.json").write_text(build(name), encoding="utf-8")


if __name__ == "__main__":
    write()
