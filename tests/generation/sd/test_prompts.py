"""Prompt encoding with compel on tiny real CLIP encoders: the syntax, long prompts and CLIP skip.

The expected values are computed independently where the semantics are simple (a plain prompt is the
encoder's last hidden state, ``.and()`` a concatenation, ``.blend()`` a weighted mean) and checked for
their defining property where compel's formulas are involved (``cat+`` scales the token's difference
from the empty prompt by 1.1).
"""

from __future__ import annotations

import math
from typing import Any

import pytest
import torch

from impasto.generation.sd.prompts import (
    ClipSkipError,
    PromptSyntaxError,
    TextEncoder,
    encode_prompt,
    window_length,
)
from impasto.models.loaders.base import prepare_module
from impasto.models.starters import BUNDLED_DIR
from impasto.models.taxonomy import BaseModelType
from tests.generation.helpers import cached, encoder_hidden, sd1_encoder, token_positions

torch.set_num_threads(1)

DEMO = BUNDLED_DIR / "impasto-shapes"


@pytest.fixture(scope="module")
def sd1() -> TextEncoder:
    encoder: TextEncoder = sd1_encoder()
    return encoder


def encode(encoder: TextEncoder, prompt: str) -> torch.Tensor:
    return encode_prompt(encoder, prompt).embeds


def direct(encoder: TextEncoder, text: str) -> torch.Tensor:
    """What diffusers' SD pipeline does: tokenize padded to the window, take the last hidden state."""
    tokenizer = encoder.tokenizer.model
    ids = tokenizer(text, padding="max_length", max_length=tokenizer.model_max_length, return_tensors="pt")
    with torch.no_grad():
        result: torch.Tensor = encoder.encoder.model(ids.input_ids)[0]
    return result


def test_a_plain_prompt_is_the_encoders_last_hidden_state(sd1: TextEncoder) -> None:
    embeds = encode(sd1, "a cat sitting on a mat")
    assert embeds.shape == (1, 77, 768)
    torch.testing.assert_close(embeds, direct(sd1, "a cat sitting on a mat"), rtol=0, atol=1e-6)


def test_plus_multiplies_the_words_difference_from_the_empty_prompt_by_1_1(sd1: TextEncoder) -> None:
    plain, plus, twice = encode(sd1, "a cat"), encode(sd1, "a cat+"), encode(sd1, "a cat++")
    empty = encode(sd1, "")
    cat = token_positions(sd1, "a cat", "cat")
    others = [i for i in range(77) if i not in cat]
    torch.testing.assert_close((plus - empty)[0, cat], 1.1 * (plain - empty)[0, cat], rtol=1e-4, atol=1e-5)
    torch.testing.assert_close((twice - empty)[0, cat], 1.21 * (plain - empty)[0, cat], rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(plus[0, others], plain[0, others])
    assert (plus - empty)[0, cat].norm() > (plain - empty)[0, cat].norm()


def test_lower_weights_fade_the_word_out(sd1: TextEncoder) -> None:
    prompt = "a cat on a mat"
    plain, empty = encode(sd1, prompt), encode(sd1, "")
    cat = token_positions(sd1, prompt, "cat")
    torch.testing.assert_close(encode(sd1, "a cat- on a mat"), encode(sd1, "a (cat)0.9 on a mat"))
    contributions, distances = [], []
    for weight in (1.0, 0.9, 0.5, 0.1, 0.0):
        weighted = encode(sd1, f"a (cat){weight} on a mat")
        contributions.append(float((weighted - empty)[0, cat].norm()))
        distances.append(float((weighted - plain).norm()))
    assert contributions == sorted(contributions, reverse=True)
    assert distances == sorted(distances)
    assert contributions[-1] < 1e-3 < contributions[-2]  # weight 0: the word's tokens say nothing


def test_nested_weights_multiply(sd1: TextEncoder) -> None:
    torch.testing.assert_close(encode(sd1, "a ((cat)1.2)1.5"), encode(sd1, "a (cat)1.8"))
    assert not torch.allclose(encode(sd1, "a (cat)1.8"), encode(sd1, "a cat"))


def test_blend_is_the_weighted_mean_of_the_prompts(sd1: TextEncoder) -> None:
    cat, dog = encode(sd1, "a cat"), encode(sd1, "a dog")
    blended = encode(sd1, '("a cat", "a dog").blend(1, 0.5)')
    torch.testing.assert_close(blended, (cat + 0.5 * dog) / 1.5, rtol=1e-5, atol=1e-5)


def test_and_concatenates_the_prompts(sd1: TextEncoder) -> None:
    joined = encode(sd1, '("a cat", "a dog").and()')
    torch.testing.assert_close(joined, torch.cat([encode(sd1, "a cat"), encode(sd1, "a dog")], dim=1))


def test_escaped_parentheses_are_literal_text(sd1: TextEncoder) -> None:
    escaped = encode(sd1, r"a \(cat\)")
    torch.testing.assert_close(escaped, direct(sd1, "a (cat)"), rtol=0, atol=1e-6)
    assert not torch.allclose(escaped, encode(sd1, "a (cat)"))  # unescaped: the group gets weight 1.1


def test_a_long_prompt_is_encoded_in_windows_of_the_tokenizer_length(sd1: TextEncoder) -> None:
    prompt = ", ".join(["a red cat on a mat"] * 20)  # about 200 tokens
    embeds = encode(sd1, prompt)
    tokens = len(sd1.tokenizer.model(prompt, add_special_tokens=False).input_ids)
    assert embeds.shape[1] % 77 == 0
    assert embeds.shape[1] >= 77 * math.ceil(tokens / 75)
    # Each window starts with its own start token, which (causal attention) encodes the same everywhere.
    for start in range(77, embeds.shape[1], 77):
        torch.testing.assert_close(embeds[0, start], embeds[0, 0])


def test_the_demo_models_tokenizer_window_of_16_is_used() -> None:
    demo = TextEncoder(
        cached("demo-tok", _demo_part("tokenizer")),
        cached("demo-te", _demo_part("text_encoder")),
        BaseModelType.SD1,
    )
    assert window_length(demo.tokenizer.model, demo.encoder.model) == 16
    short, long = encode(demo, "a red circle"), encode(demo, "a red circle on a blue square " * 4)
    assert short.shape == (1, 16, 64)
    assert long.shape[1] > 16
    assert long.shape[1] % 16 == 0


def test_clip_skip_reads_an_earlier_layer_and_leaves_the_encoder_whole() -> None:
    demo = TextEncoder(
        cached("demo-tok2", _demo_part("tokenizer")),
        cached("demo-te2", _demo_part("text_encoder")),
        BaseModelType.SD1,
    )
    model = demo.encoder.model
    layers = len(model.encoder.layers)
    plain = encode(demo, "a red circle")
    demo.skipped_layers = 1
    skipped = encode(demo, "a red circle")
    assert not torch.allclose(plain, skipped)
    states = encoder_hidden(demo, "a red circle")
    torch.testing.assert_close(skipped, model.final_layer_norm(states[-2]), rtol=0, atol=1e-6)
    assert len(model.encoder.layers) == layers
    demo.skipped_layers = layers
    with pytest.raises(ClipSkipError, match=f"has only {layers}"):
        encode(demo, "a red circle")


def test_a_prompt_that_does_not_parse_is_a_clear_error(sd1: TextEncoder) -> None:
    with pytest.raises(PromptSyntaxError, match=r"could not be parsed: .*mismatched prompts/weights"):
        encode(sd1, '("a cat", "a dog").blend(1, 2, 3)')
    with pytest.raises(PromptSyntaxError, match="swap"):
        encode(sd1, "a cat.swap(dog) on a mat")


def _demo_part(name: str) -> Any:
    from transformers import CLIPTextModel, CLIPTokenizer

    if name == "tokenizer":
        return CLIPTokenizer.from_pretrained(DEMO / "tokenizer", local_files_only=True)
    return prepare_module(CLIPTextModel.from_pretrained(DEMO / "text_encoder", local_files_only=True))
