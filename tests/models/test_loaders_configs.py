"""The shipped architecture configs and the offline CLIP tokenizer."""

from __future__ import annotations

import json
from typing import Any

import pytest
import torch

from impasto.models.configs import (
    CONFIGS_ROOT,
    component_config_for,
    config_folder,
    config_name_for,
    config_names,
)
from impasto.models.loaders.clip_tokenizer import VOCAB_SIZE, clip_tokenizer, tokenizer_from_folder
from impasto.models.loaders.main import component_class, pipeline_index
from impasto.models.taxonomy import BaseModelType, ModelVariant, PredictionType

torch.set_num_threads(1)

# Parameter counts of the published models (diffusers / transformers classes).
PUBLISHED = {
    ("sd1", "unet"): 859_520_964,
    ("sd1", "vae"): 83_653_863,
    ("sd1", "text_encoder"): 123_060_480,
    ("sd1", "controlnet"): 361_279_120,
    ("sd2-v", "unet"): 865_910_724,
    ("sd2-v", "text_encoder"): 340_387_840,
    ("sdxl", "unet"): 2_567_463_684,
    ("sdxl", "text_encoder_2"): 694_659_840,
    ("sdxl-refiner", "unet"): 2_259_526_660,
    ("flux-dev", "transformer"): 11_901_408_320,
    ("flux-schnell", "transformer"): 11_891_178_560,
    ("flux-dev", "vae"): 83_819_683,
}


def parameter_count(name: str, component: str) -> int:
    folder = CONFIGS_ROOT / name / component
    config = json.loads((folder / "config.json").read_text())
    model: Any
    with torch.device("meta"):
        if "_class_name" in config:
            cls = component_class("diffusers", config["_class_name"])
            model = cls.from_config(cls.load_config(folder))
        else:
            from transformers import AutoConfig

            cls = component_class("transformers", config["architectures"][0])
            model = cls(AutoConfig.from_pretrained(folder))
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize(("name", "component"), sorted(PUBLISHED))
def test_configs_build_the_published_architectures(name: str, component: str) -> None:
    assert parameter_count(name, component) == PUBLISHED[(name, component)]


def test_every_config_folder_is_complete() -> None:
    assert set(config_names()) >= {"sd1", "sd1-inpaint", "sd2", "sd2-v", "sdxl", "sdxl-refiner", "flux-dev"}
    for name in config_names():
        folder = config_folder(name)
        for submodel, (library, class_name) in pipeline_index(folder).items():
            part = folder / submodel.value
            assert component_class(library, class_name)
            if submodel.value.startswith("tokenizer"):
                if class_name == "CLIPTokenizer":
                    assert (part / "tokenizer_config.json").is_file(), part
            elif submodel.value == "scheduler":
                assert (part / "scheduler_config.json").is_file(), part
            else:
                assert (part / "config.json").is_file(), part


def test_discriminating_dimensions() -> None:
    def unet(name: str) -> Any:
        return json.loads((CONFIGS_ROOT / name / "unet" / "config.json").read_text())

    widths = {name: unet(name)["cross_attention_dim"] for name in ("sd1", "sd2", "sdxl", "sdxl-refiner")}
    assert widths == {"sd1": 768, "sd2": 1024, "sdxl": 2048, "sdxl-refiner": 1280}
    channels = {n: unet(n)["in_channels"] for n in ("sd1", "sd1-inpaint", "sd2-depth", "sdxl-inpaint")}
    assert channels == {"sd1": 4, "sd1-inpaint": 9, "sd2-depth": 5, "sdxl-inpaint": 9}
    scheduler = json.loads((CONFIGS_ROOT / "sd2-v" / "scheduler" / "scheduler_config.json").read_text())
    assert scheduler["prediction_type"] == "v_prediction"


def test_config_choice() -> None:
    assert config_name_for(BaseModelType.SD1) == "sd1"
    assert config_name_for(BaseModelType.SD1, ModelVariant.INPAINT) == "sd1-inpaint"
    assert config_name_for(BaseModelType.SD2) == "sd2-v"
    assert config_name_for(BaseModelType.SD2, None, PredictionType.EPSILON) == "sd2"
    assert config_name_for(BaseModelType.SD2, ModelVariant.DEPTH) == "sd2-depth"
    assert config_name_for(BaseModelType.SDXL_REFINER) == "sdxl-refiner"
    assert config_name_for(BaseModelType.FLUX, ModelVariant.FLUX_SCHNELL) == "flux-schnell"
    assert config_name_for(BaseModelType.SD3, ModelVariant.SD3_MEDIUM) == "sd35-medium"
    assert config_name_for(BaseModelType.SD3, ModelVariant.SD3_LARGE_TURBO) == "sd35-large"
    assert component_config_for(BaseModelType.SDXL, "controlnet") == CONFIGS_ROOT / "sdxl"
    assert component_config_for(BaseModelType.FLUX, "controlnet") is None


def test_clip_tokenizer_gives_stable_diffusion_ids() -> None:
    tokenizer = tokenizer_from_folder(CONFIGS_ROOT / "sd1" / "tokenizer")
    assert len(tokenizer) == VOCAB_SIZE
    ids = tokenizer("a photo of an astronaut riding a horse", padding="max_length").input_ids
    assert ids[:10] == [49406, 320, 1125, 539, 550, 18376, 6765, 320, 4558, 49407]
    assert len(ids) == 77
    assert ids[-1] == 49407  # SD 1.x pads with <|endoftext|>


def test_open_clip_tokenizers_pad_with_exclamation_mark() -> None:
    for folder in (CONFIGS_ROOT / "sd2-v" / "tokenizer", CONFIGS_ROOT / "sdxl" / "tokenizer_2"):
        tokenizer = tokenizer_from_folder(folder)
        assert tokenizer.pad_token == "!"
        assert tokenizer("a cat", padding="max_length").input_ids[-1] == 0


def test_tokenizer_settings_accept_saved_token_objects() -> None:
    tokenizer = clip_tokenizer({"pad_token": {"content": "!", "lstrip": False}, "model_max_length": 10})
    assert tokenizer.pad_token_id == 0
    assert tokenizer.model_max_length == 10
