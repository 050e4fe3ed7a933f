"""FLUX regional prompts: several prompts in one text stream under a joint-attention mask.

On a tiny random FLUX dev transformer: the mask's layout, a region over the whole image equal to plain
conditioning, a region's prompt acting mostly inside its region, auto-negative, Kontext references, and
the transformer's attention left as it was after the run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import torch

from impasto.errors import InvalidInputError
from impasto.generation.flux.conditioning import FluxConditioning
from impasto.generation.flux.loop import FluxLoopInputs, FluxSettings, denoise_flux
from impasto.generation.flux.regional import Layout, TextSegment, attention_mask, regional_attention
from impasto.generation.flux.schedule import make_flow_scheduler
from impasto.generation.noise import make_noise
from tests.generation.flux.test_equivalence import evaluating
from tests.models.factory.components import flux_transformer
from tests.models.factory.folders import flux_pipeline

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CPU = torch.device("cpu")
SIZE = 64  # pixels: 8x8 latents, a 4x4 grid of image tokens
SEQ = 16


@pytest.fixture(scope="module")
def dev() -> Any:
    return evaluating(flux_pipeline("dev"))


@pytest.fixture(scope="module")
def deeper() -> Any:
    """The tiny dev pipeline with three double and three single blocks, so that the masked and unmasked
    blocks alternate."""
    pipe = flux_pipeline("dev")
    pipe.transformer = flux_transformer(guidance=True, layers=3)
    return evaluating(pipe)


def encoded(pipe: Any, prompt: str, mask: torch.Tensor | None = None) -> FluxConditioning:
    embeds, pooled, _ = pipe.encode_prompt(prompt, None, device=CPU, max_sequence_length=SEQ)
    return FluxConditioning(t5_embeds=embeds, clip_pooled=pooled, mask=mask)


def half(side: str) -> torch.Tensor:
    mask = torch.zeros(1, 1, SIZE, SIZE)
    if side == "left":
        mask[..., : SIZE // 2] = 1
    else:
        mask[..., SIZE // 2 :] = 1
    return mask


def run(pipe: Any, positive: Any, **kwargs: Any) -> torch.Tensor:
    config = dict(pipe.scheduler.config)
    settings = kwargs.pop("settings", FluxSettings(steps=2, seed=7))
    noise = make_noise(7, width=SIZE, height=SIZE, channels=16)
    inputs = FluxLoopInputs(positive, settings, noise=noise, **kwargs)
    return denoise_flux(pipe.transformer, make_flow_scheduler("euler", config), config, inputs)


def test_mask_keeps_each_prompt_to_its_region() -> None:
    left, right = (
        TextSegment(torch.zeros(1, 3, 8), half("left")),
        TextSegment(torch.zeros(1, 2, 8), half("right")),
    )
    everywhere = TextSegment(torch.zeros(1, 4, 8))
    mask = attention_mask([left, right, everywhere], Layout(4, 4, extra=2), CPU)
    assert mask is not None
    assert mask.shape == (9 + 16 + 2, 9 + 16 + 2)
    image = torch.arange(16).reshape(4, 4)
    left_tokens, right_tokens = 9 + image[:, :2].reshape(-1), 9 + image[:, 2:].reshape(-1)
    assert mask[0:3, 0:3].all()
    assert not mask[0:3, 3:9].any()
    assert mask[0:3][:, left_tokens].all()
    assert not mask[0:3][:, right_tokens].any()
    assert mask[left_tokens][:, 0:3].all()
    assert not mask[right_tokens][:, 0:3].any()
    assert mask[right_tokens][:, 3:5].all()
    assert not mask[left_tokens][:, 3:5].any()
    assert not mask[9:25, 5:9].any()  # the global prompt conditions the background, and nothing is left
    assert mask[left_tokens][:, left_tokens].all()
    assert not mask[left_tokens][:, right_tokens].any()
    assert mask[25:].all()
    assert mask[:, 25:].all()


def test_background_gets_the_global_prompt_and_is_seen_by_all() -> None:
    left, everywhere = TextSegment(torch.zeros(1, 2, 8), half("left")), TextSegment(torch.zeros(1, 3, 8))
    mask = attention_mask([left, everywhere], Layout(4, 4), CPU)
    assert mask is not None
    image = torch.arange(16).reshape(4, 4)
    left_tokens, right_tokens = 5 + image[:, :2].reshape(-1), 5 + image[:, 2:].reshape(-1)
    assert mask[2:5][:, right_tokens].all()
    assert not mask[2:5][:, left_tokens].any()
    assert mask[right_tokens][:, 5:].all()  # the background attends to the whole image
    assert mask[left_tokens][:, right_tokens].all()  # and every region attends to the background
    assert mask.any(dim=1).all()  # no token is left with nothing to attend to


def test_no_regional_prompt_means_no_mask() -> None:
    assert attention_mask([TextSegment(torch.zeros(1, 3, 8))], Layout(4, 4), CPU) is None


def test_a_region_over_the_whole_image_equals_plain_conditioning(dev: Any) -> None:
    plain = run(dev, encoded(dev, "a red circle"))
    whole = run(dev, [encoded(dev, "a red circle", torch.ones(1, 1, SIZE, SIZE))])
    torch.testing.assert_close(whole, plain, atol=1e-5, rtol=1e-5)


def test_a_regional_prompt_acts_only_inside_its_region_under_the_mask(dev: Any) -> None:
    """With every block masked (the tiny model's one double and one single block), the left half never
    sees the right region's prompt."""
    left = encoded(dev, "a red circle", half("left"))
    before = run(dev, [left, encoded(dev, "a blue square", half("right"))])
    after = run(dev, [left, encoded(dev, "a green triangle on a yellow background", half("right"))])
    change = (after - before).abs()
    assert change[..., SIZE // 16 :].mean() > 0
    assert torch.equal(after[..., : SIZE // 16], before[..., : SIZE // 16])


def test_unmasked_blocks_let_regions_share_context_but_prompts_stay_local(deeper: Any) -> None:
    left = encoded(deeper, "a red circle", half("left"))
    before = run(deeper, [left, encoded(deeper, "a blue square", half("right"))])
    after = run(deeper, [left, encoded(deeper, "a green triangle on a yellow background", half("right"))])
    change = (after - before).abs()
    inside, outside = change[..., SIZE // 16 :].mean(), change[..., : SIZE // 16].mean()
    assert outside > 0  # the odd blocks attend freely, so the seam blends
    assert inside > 1.5 * outside  # (2.2x with these random weights)


def test_the_mask_goes_on_every_other_block_and_comes_off(deeper: Any) -> None:
    transformer = deeper.transformer
    before = [
        b.attn.processor for b in [*transformer.transformer_blocks, *transformer.single_transformer_blocks]
    ]
    with regional_attention(transformer):
        for blocks in (transformer.transformer_blocks, transformer.single_transformer_blocks):
            wrapped = [type(b.attn.processor).__name__ == "_MaskedProcessor" for b in blocks]
            assert wrapped == [True, False, True]
    after = [
        b.attn.processor for b in [*transformer.transformer_blocks, *transformer.single_transformer_blocks]
    ]
    assert after == before


def test_auto_negative_guides_away_outside_the_region_with_true_cfg(dev: Any) -> None:
    region = encoded(dev, "a red circle", half("left"))
    everywhere = encoded(dev, "a photo")
    negative = encoded(dev, "blurry")
    cfg = FluxSettings(steps=2, seed=7, cfg_scale=2.0)
    plain = run(dev, [region, everywhere], negative=negative, settings=cfg)
    auto = run(dev, [replace(region, auto_negative=True), everywhere], negative=negative, settings=cfg)
    assert not torch.allclose(plain, auto)
    off = FluxSettings(steps=2, seed=7)
    unguided = run(dev, [region, everywhere], negative=negative, settings=off)
    assert torch.equal(unguided, run(dev, [replace(region, auto_negative=True), everywhere], settings=off))


def test_redux_tokens_join_the_text_stream(dev: Any) -> None:
    cond = encoded(dev, "a red circle")
    tokens = torch.randn(1, 9, cond.t5_embeds.shape[-1], generator=torch.Generator().manual_seed(3))
    plain = run(dev, cond)
    with_redux = run(dev, cond, redux=[TextSegment(tokens)])
    regional = run(dev, cond, redux=[TextSegment(tokens, half("left"))])
    assert not torch.allclose(plain, with_redux)
    assert not torch.allclose(with_redux, regional)


def test_a_mask_of_the_wrong_shape_is_refused(dev: Any) -> None:
    with pytest.raises(InvalidInputError, match="region mask"):
        run(dev, [encoded(dev, "a red circle", torch.ones(2, 1, SIZE, SIZE))])


def test_regions_with_a_kontext_reference(dev: Any) -> None:
    """A reference's tokens follow the image's; the mask lets them see and be seen by every token."""
    region = encoded(dev, "a red circle", half("left"))
    reference = make_noise(3, width=32, height=48, channels=16)
    plain = run(dev, [region, encoded(dev, "a photo")])
    edited = run(dev, [region, encoded(dev, "a photo")], reference=reference)
    assert edited.shape == plain.shape
    assert torch.isfinite(edited).all()
    assert not torch.allclose(plain, edited)
