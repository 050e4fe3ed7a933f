"""SDXL prompt encoding on tiny real encoders: both encoders side by side, the pooled output, style
prompts, empty prompts, unequal lengths and CLIP skip."""

from __future__ import annotations

import pytest
import torch
from transformers import CLIPTextModelWithProjection

from impasto.generation.sd.prompts import TextEncoder, encode_prompt, encode_sdxl, sdxl_conditioning
from impasto.models.loaders.base import prepare_module
from impasto.models.taxonomy import BaseModelType
from tests.generation.helpers import cached, encoder_hidden, sdxl_encoders, token_ids
from tests.models.factory import components as c
from tests.models.factory.tokenizers import clip_tokenizer

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def sdxl() -> tuple[TextEncoder, TextEncoder]:
    return sdxl_encoders()


def pooled_of(encoder: TextEncoder, text: str) -> torch.Tensor:
    with torch.no_grad():
        result: torch.Tensor = encoder.encoder.model(token_ids(encoder, text)).text_embeds
    return result


def test_both_encoders_penultimate_states_side_by_side_and_the_pooled_output(
    sdxl: tuple[TextEncoder, TextEncoder],
) -> None:
    first, second = sdxl
    encoded = encode_sdxl(first, second, "a cat on a mat")
    assert encoded.embeds.shape == (1, 77, 2048)
    assert encoded.pooled is not None
    assert encoded.pooled.shape == (1, 1280)
    torch.testing.assert_close(encoded.embeds[..., :768], encoder_hidden(first, "a cat on a mat")[-2])
    torch.testing.assert_close(encoded.embeds[..., 768:], encoder_hidden(second, "a cat on a mat")[-2])
    torch.testing.assert_close(encoded.pooled, pooled_of(second, "a cat on a mat"))


def test_the_style_prompt_goes_to_the_second_encoder(sdxl: tuple[TextEncoder, TextEncoder]) -> None:
    first, second = sdxl
    encoded = encode_sdxl(first, second, "a cat", style="oil painting")
    torch.testing.assert_close(encoded.embeds[..., :768], encoder_hidden(first, "a cat")[-2])
    torch.testing.assert_close(encoded.embeds[..., 768:], encoder_hidden(second, "oil painting")[-2])
    assert encoded.pooled is not None
    torch.testing.assert_close(encoded.pooled, pooled_of(second, "oil painting"))


def test_an_empty_prompt_is_zeros(sdxl: tuple[TextEncoder, TextEncoder]) -> None:
    encoded = encode_sdxl(*sdxl, "  ")
    assert encoded.embeds.shape == (1, 77, 2048)
    assert encoded.pooled is not None
    assert encoded.pooled.shape == (1, 1280)
    assert not encoded.embeds.any()
    assert not encoded.pooled.any()


def test_unequal_lengths_are_padded_with_zeros(sdxl: tuple[TextEncoder, TextEncoder]) -> None:
    first, second = sdxl
    long = ", ".join(["a red cat on a blue mat"] * 15)
    encoded = encode_sdxl(first, second, long, style="watercolor")
    windows = encoded.embeds.shape[1]
    assert windows > 77
    assert windows % 77 == 0
    assert encoded.embeds[0, :, :768].abs().sum(dim=-1).all()  # the long prompt fills every window
    assert not encoded.embeds[0, 77:, 768:].any()  # the short style prompt is padded
    torch.testing.assert_close(encoded.embeds[:, :77, 768:], encoder_hidden(second, "watercolor")[-2])


def test_weights_apply_to_both_encoders(sdxl: tuple[TextEncoder, TextEncoder]) -> None:
    plain, weighted = encode_sdxl(*sdxl, "a cat"), encode_sdxl(*sdxl, "a (cat)1.4")
    assert not torch.allclose(plain.embeds[..., :768], weighted.embeds[..., :768])
    assert not torch.allclose(plain.embeds[..., 768:], weighted.embeds[..., 768:])


def test_clip_skip_on_the_second_encoder_reads_an_earlier_layer_and_pools_from_it() -> None:
    torch.manual_seed(5)
    config = c.clip_config(c.SDXL_G_WIDTH, projection=c.SDXL_G_WIDTH, pad_id=0)
    config.num_hidden_layers = 2
    model = prepare_module(CLIPTextModelWithProjection(config))
    encoder = TextEncoder(
        cached("g-tokenizer", clip_tokenizer(pad_with_eos=False)),
        cached("g-two-layers", model),
        BaseModelType.SDXL,
        slot="text_encoder_2",
        skipped_layers=1,
    )
    encoded = encode_prompt(encoder, "a cat", pooled=True)
    states = encoder_hidden(encoder, "a cat")  # embeddings, layer 1, layer 2
    torch.testing.assert_close(encoded.embeds, states[0])  # the penultimate of the first layer alone
    ids = token_ids(encoder, "a cat")
    eos = int((ids[0] == encoder.tokenizer.model.eos_token_id).nonzero()[0])
    with torch.no_grad():
        expected = model.text_projection(model.text_model.final_layer_norm(states[1])[:, eos])
    assert encoded.pooled is not None
    torch.testing.assert_close(encoded.pooled, expected)
    assert not torch.allclose(encoded.pooled, pooled_of(encoder, "a cat"))
    assert len(model.text_model.encoder.layers) == 2


def test_the_stored_form_keeps_sizes_as_height_width(sdxl: tuple[TextEncoder, TextEncoder]) -> None:
    from impasto.generation.sd.cond_data import SDXLConditioning, conditioning_from_dict

    encoded = encode_sdxl(*sdxl, "a cat")
    stored = sdxl_conditioning(encoded, (768, 1024), (0, 16), (896, 1152), 6.0).to_dict()
    restored = conditioning_from_dict(stored)
    assert isinstance(restored, SDXLConditioning)
    assert (restored.original_size, restored.crop_top_left, restored.target_size) == (
        (768, 1024),
        (0, 16),
        (896, 1152),
    )
    assert restored.aesthetic_score == 6.0
    torch.testing.assert_close(restored.pooled, encoded.pooled)
