"""Model cache: a cold load from disk against reading the same files with safetensors, and a warm hit.

The model is a mid-sized SD-shaped diffusers folder (random weights, built once into ``bench/.cache``) plus
the bundled demo model. "Cold" means a new cache: the loader reads the files, builds the diffusers/
transformers objects and accounts them. The baseline only reads the tensors, so the ratio shows the price
of building working modules on top of the raw read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.harness import Row, alternate, compare_row, timed
from impasto.config import load_config
from impasto.models.cache import ModelCache
from impasto.models.loaders.service import ModelLoader
from impasto.models.probe import identify
from impasto.models.records import new_record
from impasto.models.starters import BUNDLED_DIR

CACHE_DIR = Path(__file__).resolve().parents[1] / ".cache"
SUBMODELS = ("unet", "vae", "text_encoder")


def run(quick: bool) -> list[Row]:
    rows = []
    for label, folder in (("demo model", BUNDLED_DIR / "impasto-shapes"), ("SD-shaped 64-ch", _mid_model())):
        rows.extend(_measure(label, folder, 3 if quick else 5))
    return rows


def _measure(label: str, folder: Path, repeats: int) -> list[Row]:
    record = new_record(
        identify(folder), path=str(folder), owned=False, hash="", source=str(folder), source_type="path"
    )
    weight_files = [p for sub in SUBMODELS for p in (folder / sub).glob("*.safetensors")]
    with tempfile.TemporaryDirectory() as root:
        config = load_config(Path(root), environ={})

        def cold() -> float:
            loader = ModelLoader.from_config(config, ModelCache.from_config(config, None))
            return timed(lambda: [loader.load(record, sub) for sub in SUBMODELS])

        samples = alternate(lambda: timed(lambda: _read_raw(weight_files)), cold, repeats)
        warm_loader = ModelLoader.from_config(config, ModelCache.from_config(config, None))
        for sub in SUBMODELS:
            warm_loader.load(record, sub)
        hits = [timed(lambda: warm_loader.load(record, "unet")) * 1000 for _ in range(20)]
    return [
        compare_row("model cache", f"cold load ({label})", "safetensors read", samples),
        Row(
            case="model cache", metric=f"warm hit ({label})", impasto=sorted(hits)[len(hits) // 2], unit="ms"
        ),
    ]


def _read_raw(files: list[Path]) -> list[dict[str, Any]]:
    from safetensors.torch import load_file

    return [load_file(path) for path in files]


def _mid_model() -> Path:
    """An SD-1.5-shaped pipeline with 64 base channels (about 50 M parameters), built once."""
    folder = CACHE_DIR / "sd-mid"
    if (folder / "model_index.json").is_file():
        return folder
    import torch
    from diffusers import (
        AutoencoderKL,
        DPMSolverMultistepScheduler,
        StableDiffusionPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextConfig, CLIPTextModel

    from impasto.models.loaders.clip_tokenizer import clip_tokenizer

    torch.manual_seed(0)
    unet: Any = UNet2DConditionModel(  # type: ignore[no-untyped-call]
        block_out_channels=(64, 128, 256, 256), cross_attention_dim=768, attention_head_dim=8, sample_size=64
    )
    vae: Any = AutoencoderKL(
        block_out_channels=(32, 64, 128, 128),
        down_block_types=("DownEncoderBlock2D",) * 4,  # type: ignore[no-untyped-call]
        up_block_types=("UpDecoderBlock2D",) * 4,
        latent_channels=4,
    )
    text = CLIPTextModel(
        CLIPTextConfig(
            hidden_size=768,
            intermediate_size=1024,
            num_hidden_layers=2,
            num_attention_heads=8,
            vocab_size=49408,
            max_position_embeddings=77,
        )
    )
    pipeline: Any = StableDiffusionPipeline(  # type: ignore[no-untyped-call]
        vae=vae,
        text_encoder=text,
        tokenizer=clip_tokenizer(),
        unet=unet,
        scheduler=DPMSolverMultistepScheduler(),  # type: ignore[no-untyped-call]
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )
    pipeline.save_pretrained(folder)
    return folder
