"""Partial loading of FLUX transformers: with half their weights' worth of device budget, the layers that do
not fit stream in one at a time and the output equals a full load, for plain and GGUF-quantised weights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from diffusers import FluxTransformer2DModel

from impasto.models.cache import ModelCache
from impasto.models.cache.residency import DeviceLedger, Residency
from impasto.models.cache.sizes import object_bytes
from impasto.models.loaders.base import SubModel
from tests.models.factory import components as c
from tests.models.factory import write_flux_diffusers, write_flux_gguf
from tests.models.test_loaders import make_loader
from tests.models.test_loaders_flux import file_record, run_transformer
from tests.models.test_partial import partial_cache

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def tiny_transformer() -> Any:
    """A FLUX transformer shaped like the real one at a small scale: many layers of similar size (the
    factory's tiny model reads T5's full 4096 width, which makes one layer more than half of it)."""
    torch.manual_seed(5)
    model = c.build(
        FluxTransformer2DModel, patch_size=1, in_channels=64, num_layers=2, num_single_layers=4,
        attention_head_dim=16, num_attention_heads=2, joint_attention_dim=4096 // 64,
        pooled_projection_dim=32, guidance_embeds=True, axes_dims_rope=(4, 6, 6),
    )  # fmt: skip
    return model.eval()


def streamed(cache: ModelCache, model: Any) -> torch.Tensor:
    """Run ``model`` locked in ``cache``; checks that it was loaded partially and streamed back out."""
    cache.put("flux", "transformer", model)
    with cache.lock("flux", "transformer") as locked:
        resident = cache.stats().device_bytes
        assert 0 < resident < cache.device_budget_bytes
        output = run_transformer(locked)
        assert cache.stats().device_bytes == resident  # streamed layers went back out
    stats = cache.stats()
    assert stats.entries[0].partial
    assert resident < stats.peak_device_bytes <= cache.device_budget_bytes
    return output


def test_partial_flux_transformer_equals_full_load() -> None:
    expected = run_transformer(tiny_transformer())
    model = tiny_transformer()
    size = object_bytes(model)
    cache = partial_cache(size // 2)
    assert torch.equal(streamed(cache, model), expected)
    assert cache.stats().peak_device_bytes < size


def test_partial_gguf_flux_transformer_equals_full_load(tmp_path: Path) -> None:
    folder = write_flux_diffusers(tmp_path / "tiny-flux")
    path = write_flux_gguf(tmp_path / "flux1-dev-Q8_0.gguf", qtype="Q8_0", source=folder)
    model = make_loader(tmp_path).load(file_record(path, folder, "gguf"), SubModel.TRANSFORMER).model
    assert type(model.transformer_blocks[0].attn.to_q).__name__ == "GGUFLinear"
    expected = run_transformer(model)
    # the factory's model has one layer (T5's 4096 values into the stream) of over half its bytes, which
    # must fit: half of the others besides it
    largest = Residency(model, DeviceLedger()).largest_unit_bytes()
    budget = (object_bytes(model) + largest) // 2
    assert torch.equal(streamed(partial_cache(budget), model), expected)
