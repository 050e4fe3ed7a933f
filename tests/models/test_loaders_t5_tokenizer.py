"""The shipped T5 v1.1 tokenizer gives the ids of the published one, offline."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from transformers import T5Tokenizer

from impasto.models.loaders import ModelLoadError
from impasto.models.loaders import t5_tokenizer as module
from impasto.models.loaders.t5_tokenizer import VOCAB_SIZE, t5_tokenizer


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """A test that swaps the shipped file must not leave its text (or the real one) cached."""
    module.t5_tokenizer_json.cache_clear()
    yield
    module.t5_tokenizer_json.cache_clear()


def test_t5_tokenizer_gives_t5_v1_1_ids() -> None:
    tokenizer = t5_tokenizer()
    assert isinstance(tokenizer, T5Tokenizer)
    assert tokenizer("a photo of a cat").input_ids == [3, 9, 1202, 13, 3, 9, 1712, 1]
    assert len(tokenizer) == VOCAB_SIZE == 32100
    assert (tokenizer.pad_token_id, tokenizer.eos_token_id, tokenizer.unk_token_id) == (0, 1, 2)
    assert tokenizer.convert_tokens_to_ids(["<extra_id_0>", "<extra_id_99>"]) == [32099, 32000]
    assert tokenizer.model_max_length == 512


def test_t5_tokenizer_pads_and_truncates_to_its_max_length() -> None:
    padded = t5_tokenizer()("a photo of a cat", padding="max_length")
    assert len(padded.input_ids) == 512
    assert padded.input_ids[7:] == [1] + [0] * 504  # </s>, then <pad>
    assert sum(padded.attention_mask) == 8
    short = t5_tokenizer(6)
    truncated = short("a photo of a cat on the blue sofa", padding="max_length", truncation=True)
    assert truncated.input_ids == [3, 9, 1202, 13, 3, 1]  # cut to 6, still ending with </s>
    assert t5_tokenizer().model_max_length == 512  # each call builds its own tokenizer


def test_t5_tokenizer_refuses_a_non_positive_length() -> None:
    with pytest.raises(ValueError, match="max_length must be a positive"):
        t5_tokenizer(0)


@pytest.mark.usefixtures("fresh_cache")
def test_a_damaged_shipped_tokenizer_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.json.gz"
    truncated.write_bytes(module.TOKENIZER_FILE.read_bytes()[:1000])
    monkeypatch.setattr(module, "TOKENIZER_FILE", truncated)
    with pytest.raises(ModelLoadError, match=r"could not be read .*; reinstall Impasto"):
        t5_tokenizer()
    module.t5_tokenizer_json.cache_clear()
    not_json = tmp_path / "not-json.json.gz"
    not_json.write_bytes(gzip.compress(b"{not a tokenizer"))
    monkeypatch.setattr(module, "TOKENIZER_FILE", not_json)
    with pytest.raises(ModelLoadError, match="is not valid"):
        t5_tokenizer()
