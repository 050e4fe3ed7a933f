"""Long passes stop within moments of a cancellation: checks in the layers and attention in slices.

A denoise step of the demo model at 1024x1024 takes several seconds on one CPU core and decoding that
size without tiles over twenty (the VAE's attention over 65,536 tokens), so checking only between steps
would leave a cancellation waiting that long.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import torch
from diffusers import AutoencoderKL, UNet2DConditionModel
from diffusers.models.attention_processor import AttnProcessor2_0

from impasto.generation import interrupt
from impasto.generation.interrupt import SlicedAttnProcessor, interruptible
from impasto.graph import CanceledError, CancelToken
from tests.generation.helpers import DEMO_MODEL

torch.set_num_threads(1)
CANCEL_WITHIN_S = 2.0


@pytest.fixture(scope="module")
def unet() -> Any:
    return UNet2DConditionModel.from_pretrained(DEMO_MODEL / "unet").eval()  # type: ignore[no-untyped-call]


@pytest.fixture(scope="module")
def vae() -> Any:
    return AutoencoderKL.from_pretrained(DEMO_MODEL / "vae").eval()  # type: ignore[no-untyped-call]


def test_sliced_attention_computes_the_same_and_is_taken_off_again(
    unet: Any, vae: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interrupt, "SLICE_WORK", 2**14)  # slice even these small sizes
    torch.manual_seed(0)
    sample, context = torch.randn(2, 4, 48, 48), torch.randn(2, 16, 64)
    latents = torch.randn(1, 4, 24, 24)
    checks: list[int] = []
    with torch.no_grad():
        whole = unet(sample, 10, encoder_hidden_states=context).sample
        decoded = vae.decode(latents).sample
        with interruptible(unet, lambda: checks.append(1)), interruptible(vae, lambda: checks.append(1)):
            assert all(type(p) is SlicedAttnProcessor for p in unet.attn_processors.values())
            sliced = unet(sample, 10, encoder_hidden_states=context).sample
            sliced_decoded = vae.decode(latents).sample
    assert torch.equal(whole, sliced)
    assert torch.equal(decoded, sliced_decoded)
    assert len(checks) > 100  # every layer and every attention slice asked
    for model in (unet, vae):
        assert all(type(p) is AttnProcessor2_0 for p in model.attn_processors.values())
        assert not any(module._forward_pre_hooks for module in model.modules())


def cancel_after(seconds: float) -> tuple[CancelToken, dict[str, float]]:
    """A token canceled by a timer; ``at["canceled"]`` is when (monotonic)."""
    token, at = CancelToken(), {}

    def fire() -> None:
        at["canceled"] = time.monotonic()
        token.cancel()

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    return token, at


def stops_within(run: Callable[[], Any], token: CancelToken, at: dict[str, float]) -> float:
    """Seconds from the cancellation to the :class:`CanceledError` that ``run`` raises."""
    with pytest.raises(CanceledError):
        run()
    return time.monotonic() - at["canceled"]


def test_a_long_denoise_step_stops_soon_after_a_cancel(unet: Any) -> None:
    sample, context = torch.randn(2, 4, 256, 256), torch.randn(2, 16, 64)  # 1024x1024 with this VAE
    token, at = cancel_after(0.5)

    def step() -> None:
        with torch.no_grad(), interruptible(unet, token.raise_if_canceled):
            unet(sample, 10, encoder_hidden_states=context)

    assert stops_within(step, token, at) < CANCEL_WITHIN_S


def test_a_long_decode_stops_soon_after_a_cancel(vae: Any) -> None:
    latents = torch.randn(1, 4, 256, 256)  # 1024x1024 in one go: attention over 65,536 tokens
    token, at = cancel_after(0.5)

    def decode() -> None:
        with torch.no_grad(), interruptible(vae, token.raise_if_canceled):
            vae.decode(latents)

    assert stops_within(decode, token, at) < CANCEL_WITHIN_S
    assert all(type(p) is AttnProcessor2_0 for p in vae.attn_processors.values())


def test_without_a_check_the_model_is_left_as_it_is(unet: Any) -> None:
    with interruptible(unet, None) as same:
        assert same is unet
        assert all(type(p) is AttnProcessor2_0 for p in unet.attn_processors.values())
        assert not any(module._forward_pre_hooks for module in unet.modules())
