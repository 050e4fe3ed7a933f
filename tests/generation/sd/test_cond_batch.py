"""Conditioning batches: unequal token lengths are padded and masked so that padding changes nothing."""

from __future__ import annotations

import torch

from impasto.generation.sd.cond_batch import (
    REFINER_NEGATIVE_SCORE,
    REFINER_POSITIVE_SCORE,
    batch_conditioning,
)
from impasto.generation.sd.cond_data import BasicConditioning, SDXLConditioning
from tests.models.factory import components as c

torch.set_num_threads(1)
CPU = torch.device("cpu")


def test_padding_of_unequal_lengths_is_invisible_to_the_unet() -> None:
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH).eval()
    generator = torch.Generator().manual_seed(1)
    long = torch.randn(1, 154, c.SD1_TEXT_WIDTH, generator=generator)  # two 77-token windows
    short = torch.randn(1, 77, c.SD1_TEXT_WIDTH, generator=generator)
    batch = batch_conditioning(
        BasicConditioning(long), BasicConditioning(short), unet.config, device=CPU, dtype=torch.float32
    )
    assert batch.embeds.shape == (2, 154, c.SD1_TEXT_WIDTH)
    assert batch.attention_mask is not None
    assert batch.attention_mask.tolist()[0] == [1.0] * 77 + [0.0] * 77
    sample = torch.randn(2, 4, 8, 8, generator=generator)
    with torch.no_grad():
        together = unet(sample, 500, **batch.unet_kwargs()).sample
        negative_alone = unet(sample[:1], 500, encoder_hidden_states=short).sample
        positive_alone = unet(sample[1:], 500, encoder_hidden_states=long).sample
    torch.testing.assert_close(together[:1], negative_alone, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(together[1:], positive_alone, atol=1e-5, rtol=1e-5)


def test_equal_lengths_need_no_mask() -> None:
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH)
    embeds = torch.ones(1, 77, c.SD1_TEXT_WIDTH)
    batch = batch_conditioning(
        BasicConditioning(embeds), BasicConditioning(embeds * 2), unet.config, device=CPU, dtype=torch.float32
    )
    assert batch.attention_mask is None
    assert torch.equal(batch.embeds[0], embeds[0] * 2)  # negative first, as in diffusers
    assert batch.positive_only().embeds.shape == (1, 77, c.SD1_TEXT_WIDTH)


def test_sdxl_time_ids_for_base_and_refiner() -> None:
    torch.manual_seed(0)
    pooled = torch.zeros(1, c.SDXL_G_WIDTH)
    base = c.sdxl_unet()
    positive = SDXLConditioning(torch.zeros(1, 77, 2048), pooled, (1024, 768), (8, 16), (512, 384))
    negative = SDXLConditioning(torch.zeros(1, 77, 2048), pooled + 1, (512, 512), (0, 0), (512, 384))
    batch = batch_conditioning(positive, negative, base.config, device=CPU, dtype=torch.float32)
    assert batch.added_cond is not None
    assert batch.added_cond["time_ids"].tolist() == [[512, 512, 0, 0, 512, 384], [1024, 768, 8, 16, 512, 384]]
    assert torch.equal(batch.added_cond["text_embeds"][0], pooled[0] + 1)
    refiner = c.sdxl_unet(refiner=True)
    positive = SDXLConditioning(torch.zeros(1, 77, 1280), pooled, (64, 64), (0, 0), (64, 64))
    negative = SDXLConditioning(
        torch.zeros(1, 77, 1280), pooled, (64, 64), (0, 0), (64, 64), aesthetic_score=3.0
    )
    batch = batch_conditioning(positive, negative, refiner.config, device=CPU, dtype=torch.float32)
    assert batch.added_cond is not None
    assert batch.added_cond["time_ids"].tolist() == [
        [64, 64, 0, 0, 3.0],
        [64, 64, 0, 0, REFINER_POSITIVE_SCORE],
    ]
    assert REFINER_NEGATIVE_SCORE == 2.5


def test_a_controlnet_sees_prompts_of_different_lengths_without_their_padding() -> None:
    from impasto.generation.sd.control import ControlUnit, controlnet_residuals

    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH).eval()
    controlnet = c.controlnet_for(unet).eval()
    generator = torch.Generator().manual_seed(2)
    long = torch.randn(1, 154, c.SD1_TEXT_WIDTH, generator=generator)
    short = torch.randn(1, 77, c.SD1_TEXT_WIDTH, generator=generator)
    batch = batch_conditioning(
        BasicConditioning(long), BasicConditioning(short), unet.config, device=CPU, dtype=torch.float32
    )
    sample = torch.randn(2, 4, 8, 8, generator=generator)
    image = torch.rand(1, 3, 64, 64, generator=generator)
    unit = ControlUnit(model=controlnet, image=image, weight=1.0)
    t = torch.tensor(500)
    with torch.no_grad():
        down, mid = controlnet_residuals([unit], sample, t, batch, (0, 4))
        alone = [
            controlnet(sample[i : i + 1], t, text, controlnet_cond=image, return_dict=False)
            for i, text in enumerate((short, long))
        ]
        padded = controlnet(
            sample, t, batch.embeds, controlnet_cond=image.expand(2, -1, -1, -1), return_dict=False
        )
    assert down is not None
    assert mid is not None
    for i, (row_down, row_mid) in enumerate(alone):
        torch.testing.assert_close(mid[i : i + 1], row_mid, atol=1e-5, rtol=1e-5)
        for got, want in zip(down, row_down, strict=True):
            torch.testing.assert_close(got[i : i + 1], want, atol=1e-5, rtol=1e-5)
    assert not torch.allclose(padded[1][:1], mid[:1], atol=1e-4)  # zero padding alone would change it
