"""Partial loading: models larger than the device budget run with streamed layers and equal a full load.

On the CPU the execution device is the CPU too, so copies cost nothing, but the bookkeeping is the same as on
CUDA: which weights count as on the device, when they are streamed in and out, and the peak.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import pytest
import torch
from diffusers import UNet2DConditionModel
from torch import nn
from transformers import CLIPTextConfig, CLIPTextModel

from impasto.models.cache import ModelCache
from impasto.models.cache.residency import DeviceLedger, Residency, _Unit, plan_resident
from impasto.models.cache.sizes import object_bytes

torch.set_num_threads(1)


def tiny_unet() -> Any:
    torch.manual_seed(0)
    unet: Any = UNet2DConditionModel(  # type: ignore[no-untyped-call]
        sample_size=16,
        in_channels=4,
        out_channels=4,
        block_out_channels=(32, 64),
        layers_per_block=1,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=32,
        attention_head_dim=8,
        norm_num_groups=32,
    )
    return unet.eval()


def unet_inputs() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(1)
    latents = torch.randn(1, 4, 16, 16, generator=generator)  # (B, 4, H/8, W/8)
    context = torch.randn(1, 7, 32, generator=generator)  # (B, tokens, cross_attention_dim)
    return latents, torch.tensor([10]), context


def partial_cache(budget: int) -> ModelCache:
    return ModelCache(
        ram_budget_bytes=10**9,
        device_budget_bytes=budget,
        execution_device="cpu",
        enable_partial_loading=True,
    )


def test_plan_keeps_the_largest_streamed_unit_within_budget() -> None:
    rng = random.Random(0)
    for _ in range(200):
        units = [_Unit(nn.Identity(), [], rng.randint(1, 100)) for _ in range(rng.randint(1, 12))]
        budget = rng.randint(max(u.nbytes for u in units), 400)
        chosen = plan_resident(units, budget)
        streamed = [u.nbytes for i, u in enumerate(units) if i not in chosen]
        assert sum(units[i].nbytes for i in chosen) + max(streamed, default=0) <= budget


def test_partial_unet_equals_full_load_within_budget() -> None:
    latents, timestep, context = unet_inputs()
    full_model = tiny_unet()
    with torch.no_grad():
        expected = full_model(latents, timestep, context).sample
    size = object_bytes(full_model)
    budget = size // 3
    cache = partial_cache(budget)
    cache.put("m", "unet", tiny_unet())
    with cache.lock("m", "unet") as unet, torch.no_grad():
        resident = cache.stats().device_bytes
        assert 0 < resident < budget
        got = unet(latents, timestep, context).sample
        assert cache.stats().device_bytes == resident  # streamed layers went back out
    assert torch.equal(got, expected)
    stats = cache.stats()
    assert stats.entries[0].partial
    assert resident < stats.peak_device_bytes <= budget < size


def test_partial_text_encoder_with_buffers_equals_full_load() -> None:
    config = CLIPTextConfig(
        vocab_size=100,
        hidden_size=32,
        intermediate_size=37,
        num_hidden_layers=2,
        num_attention_heads=4,
        max_position_embeddings=16,
    )
    torch.manual_seed(0)
    reference: Any = CLIPTextModel(config)
    torch.manual_seed(0)
    model: Any = CLIPTextModel(config)
    reference.eval()
    model.eval()
    ids = torch.tensor([[0, 5, 9, 3, 99, 1]])
    with torch.no_grad():
        expected = reference(ids).last_hidden_state
    cache = partial_cache(object_bytes(model) // 2)
    cache.put("te", None, model)
    with cache.lock("te") as encoder, torch.no_grad():
        got = encoder(ids).last_hidden_state
    assert torch.equal(got, expected)
    assert cache.stats().entries[0].partial


def test_fused_attention_streams_with_its_output_projection() -> None:
    torch.manual_seed(0)
    attention = nn.MultiheadAttention(16, 2, batch_first=True).eval()
    ledger = DeviceLedger()
    residency = Residency(attention, ledger)
    assert len(residency._units) == 1  # in_proj and out_proj move together
    x = torch.randn(1, 3, 16)
    with torch.no_grad():
        expected = attention(x, x, x)[0]
        residency.load_partial(torch.device("cpu"), residency.total_bytes - 1)
        assert attention(x, x, x)[0].equal(expected)
    assert ledger.peak == residency.total_bytes


def test_a_failing_forward_still_streams_weights_out() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 8), nn.Linear(8, 8), nn.Linear(8, 8))
    cache = partial_cache(object_bytes(model) // 2)
    cache.put("m", None, model)
    with cache.lock("m") as locked:
        resident = cache.stats().device_bytes
        with pytest.raises(RuntimeError):
            locked(torch.randn(1, 5))
        assert cache.stats().device_bytes == resident


def test_a_partial_model_becomes_fully_resident_when_room_appears() -> None:
    torch.manual_seed(0)
    big = nn.Sequential(*[nn.Linear(16, 16) for _ in range(4)])
    other = nn.Sequential(*[nn.Linear(16, 16) for _ in range(2)])
    budget = object_bytes(big) + object_bytes(other) // 2
    cache = partial_cache(budget)
    cache.put("other", None, other)
    cache.put("big", None, big)
    with cache.lock("other"), cache.lock("big"):
        assert {e.key: e.partial for e in cache.stats().entries} == {"other": False, "big": True}
    with cache.lock("big"):  # "other" is unlocked now and is moved off to make room
        entries = {e.key: (e.partial, e.device_bytes) for e in cache.stats().entries}
        assert entries == {"other": (False, 0), "big": (False, object_bytes(big))}


def test_threads_share_a_partially_loaded_model() -> None:
    latents, timestep, context = unet_inputs()
    with torch.no_grad():
        expected = tiny_unet()(latents, timestep, context).sample
    cache = partial_cache(object_bytes(tiny_unet()) // 3)
    cache.put("m", "unet", tiny_unet())
    results: list[torch.Tensor] = []

    def run() -> None:
        with cache.lock("m", "unet") as unet, torch.no_grad():
            results.append(unet(latents, timestep, context).sample)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3
    assert all(torch.equal(result, expected) for result in results)
    assert cache.stats().entries[0].locks == 0
