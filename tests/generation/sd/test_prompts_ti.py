"""Textual inversion: the trigger stands for the embedding's vectors, and the cached tokenizer and text
encoder are exactly as they were afterwards.

An embedding whose vectors are the token embeddings of "red hat" must make ``a <ti> cat`` encode exactly
like ``a red hat cat``: that proves the vectors went in, in order, at the right place.
"""

from __future__ import annotations

import pytest
import torch

from impasto.generation.sd.prompts import TextEncoder, encode_prompt, encode_sdxl
from impasto.generation.sd.textual_inversion import Embedding, EmbeddingMismatchError, triggers_in
from impasto.models.loaders.base import prepare_module
from impasto.models.taxonomy import BaseModelType
from tests.generation.helpers import cached, sd1_encoder, sdxl_encoders
from tests.models.factory import components as c
from tests.models.factory.tokenizers import clip_tokenizer

torch.set_num_threads(1)


def rows_of(encoder: TextEncoder, text: str) -> torch.Tensor:
    """The token embedding rows of ``text``'s tokens: (tokens, width)."""
    ids = encoder.tokenizer.model(text, add_special_tokens=False).input_ids
    table: torch.Tensor = encoder.encoder.model.get_input_embeddings().weight
    return table[ids].detach().clone()


def snapshot(encoder: TextEncoder) -> dict[str, object]:
    model = encoder.encoder.model
    tokenizer = encoder.tokenizer.model
    layer = model.get_input_embeddings()
    return {
        "tokens": len(tokenizer),
        "added": dict(tokenizer.get_added_vocab()),
        "ids": tokenizer("a <ti> cat").input_ids,
        "rows": layer.weight.shape,
        "hooks": (len(layer._forward_hooks), len(layer._forward_pre_hooks)),
        "state": {k: v.clone() for k, v in model.state_dict().items()},
    }


def assert_same(before: dict[str, object], after: dict[str, object]) -> None:
    state_before, state_after = before.pop("state"), after.pop("state")
    assert before == after
    assert isinstance(state_before, dict)
    assert isinstance(state_after, dict)
    assert state_before.keys() == state_after.keys()
    for key, value in state_before.items():
        assert torch.equal(value, state_after[key]), key


def test_the_trigger_inserts_the_vectors_in_order() -> None:
    encoder = sd1_encoder()
    vectors = rows_of(encoder, "red hat")
    assert vectors.shape[0] >= 2  # a multi-vector embedding
    encoder.embeddings = [Embedding("ti", {"text_encoder": vectors})]
    with_ti = encode_prompt(encoder, "a <ti> cat").embeds
    encoder.embeddings = []
    torch.testing.assert_close(with_ti, encode_prompt(encoder, "a red hat cat").embeds)
    assert not torch.allclose(with_ti, encode_prompt(encoder, "a <ti> cat").embeds)


def test_triggers_match_in_any_case_and_take_weights() -> None:
    encoder = sd1_encoder()
    encoder.embeddings = [Embedding("MyStyle", {"text_encoder": rows_of(encoder, "red hat")})]
    weighted = encode_prompt(encoder, "a (<mystyle>)1.3 cat").embeds
    encoder.embeddings = []
    torch.testing.assert_close(weighted, encode_prompt(encoder, "a (red hat)1.3 cat").embeds)


def test_the_cached_tokenizer_and_encoder_are_unchanged_afterwards() -> None:
    encoder = sd1_encoder()
    before = snapshot(encoder)
    encoder.embeddings = [Embedding("ti", {"text_encoder": torch.randn(3, 768)})]
    encode_prompt(encoder, "a <ti> cat, " + "a red cat on a mat, " * 15)  # several windows
    assert_same(before, snapshot(encoder))


def test_a_failed_encoding_also_leaves_them_unchanged() -> None:
    encoder = sd1_encoder()
    before = snapshot(encoder)
    encoder.embeddings = [Embedding("ti", {"text_encoder": torch.randn(2, 768)})]
    with pytest.raises(Exception, match="mismatched"):
        encode_prompt(encoder, '("a <ti>", "b").blend(1, 2, 3)')
    encoder.skipped_layers = 5
    with pytest.raises(Exception, match="CLIP skip"):
        encode_prompt(encoder, "a <ti>")
    assert_same(before, snapshot(encoder))


def test_vectors_of_another_width_are_refused() -> None:
    encoder = sd1_encoder()
    encoder.embeddings = [Embedding("ti", {"text_encoder": torch.randn(2, 1024)})]
    with pytest.raises(EmbeddingMismatchError, match="needs width 768"):
        encode_prompt(encoder, "a <ti> cat")


def test_sdxl_uses_each_encoders_vectors_and_pools_at_the_end_token() -> None:
    first, second = sdxl_encoders()
    embedding = Embedding(
        "ti", {"text_encoder": rows_of(first, "red hat"), "text_encoder_2": rows_of(second, "red hat")}
    )
    first.embeddings = second.embeddings = [embedding]
    with_ti = encode_sdxl(first, second, "a <ti> cat")
    first.embeddings = second.embeddings = []
    plain = encode_sdxl(first, second, "a red hat cat")
    torch.testing.assert_close(with_ti.embeds, plain.embeds)
    torch.testing.assert_close(with_ti.pooled, plain.pooled)


def test_pooling_ignores_added_ids_with_a_legacy_end_token_config() -> None:
    """Older configs say ``eos_token_id: 2``, and transformers then pools at the largest id, which an
    added token would be; the pooled output must still come from the end token."""
    torch.manual_seed(3)
    config = c.clip_config(c.SDXL_G_WIDTH, projection=c.SDXL_G_WIDTH, pad_id=0)
    config.eos_token_id = 2
    from transformers import CLIPTextModelWithProjection

    encoder = TextEncoder(
        cached("legacy-tokenizer", clip_tokenizer(pad_with_eos=False)),
        cached("legacy-encoder", prepare_module(CLIPTextModelWithProjection(config))),
        BaseModelType.SDXL,
        slot="text_encoder_2",
    )
    encoder.embeddings = [Embedding("ti", {"text_encoder_2": rows_of(encoder, "red hat")})]
    with_ti = encode_prompt(encoder, "a <ti> cat", pooled=True).pooled
    encoder.embeddings = []
    torch.testing.assert_close(with_ti, encode_prompt(encoder, "a red hat cat", pooled=True).pooled)


def test_triggers_are_found_once_in_order() -> None:
    assert triggers_in("a <b> c <Easy Negative> <B>", "<d-1.5>") == ["b", "Easy Negative", "d-1.5"]
    assert triggers_in("no triggers, (a cat)1.2") == []
