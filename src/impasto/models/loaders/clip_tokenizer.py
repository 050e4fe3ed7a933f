"""The CLIP tokenizer of every Stable Diffusion text encoder, built offline from open_clip's package data.

Single-file checkpoints carry no tokenizer, and the hub copy cannot be downloaded. All SD 1.x / 2.x / SDXL
encoders share one byte-pair vocabulary of 49,408 tokens, which ``open_clip_torch`` (a dependency) ships as
``bpe_simple_vocab_16e6.txt.gz``. Building the vocabulary from it takes about 0.1 s, so it is built in
memory on first use (once per process) rather than shipping 2 MB of derived vocab.json/merges.txt that
would have to be kept in sync; the per-encoder settings (pad token, lengths) are the small
``tokenizer_config.json`` files in :mod:`impasto.models.configs`.

CLIP's rule: the 256 byte characters, the same with ``</w>``, then the first 49152 - 256 - 2 merges
joined, then ``<|startoftext|>`` and ``<|endoftext|>``. SD 1.x pads with ``<|endoftext|>`` (id 49407);
OpenCLIP encoders (SD 2.x, SDXL's second) pad with ``!`` (id 0).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impasto.models.loaders.base import ModelLoadError

if TYPE_CHECKING:
    from transformers import CLIPTokenizer

BPE_FILE = "bpe_simple_vocab_16e6.txt.gz"
VOCAB_SIZE = 49408
_BYTES = 256
_MERGES = 49152 - _BYTES - 2
_SETTINGS = ("bos_token", "eos_token", "pad_token", "unk_token", "model_max_length", "do_lower_case")


def bpe_file() -> Path:
    """open_clip's merges file, found without importing open_clip (which would import torch and more)."""
    spec = importlib.util.find_spec("open_clip")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / BPE_FILE
        if path.is_file():
            return path
    raise ModelLoadError(
        f"the CLIP vocabulary ({BPE_FILE}) was not found: install the open_clip_torch package, "
        "which ships it, to load single-file Stable Diffusion checkpoints"
    )


def byte_characters() -> list[str]:
    """CLIP's reversible mapping of the 256 bytes to printable characters, in CLIP's order."""
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    table = {byte: chr(byte) for byte in printable}
    extra = 0
    for byte in range(_BYTES):
        if byte not in table:
            table[byte] = chr(_BYTES + extra)
            extra += 1
    return list(table.values())


@lru_cache(maxsize=1)
def clip_vocabulary() -> tuple[dict[str, int], tuple[tuple[str, str], ...]]:
    """CLIP's token → id map and its merges, built once per process."""
    lines = gzip.decompress(bpe_file().read_bytes()).decode("utf-8").split("\n")
    merges = tuple(_pair(line) for line in lines[1 : _MERGES + 1])  # line 0 is a version header
    characters = byte_characters()
    tokens = [*characters, *(c + "</w>" for c in characters), *("".join(m) for m in merges)]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    if len(tokens) != VOCAB_SIZE:
        raise ModelLoadError(f"{BPE_FILE} gave {len(tokens)} tokens instead of CLIP's {VOCAB_SIZE}")
    return {token: index for index, token in enumerate(tokens)}, merges


def _pair(line: str) -> tuple[str, str]:
    first, second = line.split(" ")
    return first, second


def clip_tokenizer(settings: dict[str, Any] | None = None) -> CLIPTokenizer:
    """A full CLIP tokenizer with the given tokenizer_config.json settings (pad token, max length)."""
    from transformers import CLIPTokenizer

    vocab, merges = clip_vocabulary()
    chosen = {key: _plain(value) for key, value in (settings or {}).items() if key in _SETTINGS}
    chosen.setdefault("model_max_length", 77)
    pairs: Any = list(merges)  # the tokenizers backend takes (first, second) pairs
    return CLIPTokenizer(vocab=dict(vocab), merges=pairs, **chosen)


def _plain(value: Any) -> Any:
    """Special tokens may be saved as ``{"content": "<|endoftext|>", ...}``; the text is what counts."""
    return value["content"] if isinstance(value, dict) and "content" in value else value


def tokenizer_from_folder(folder: Path) -> CLIPTokenizer:
    """The tokenizer a config folder describes: its own vocabulary files if it has them, else CLIP's."""
    from transformers import CLIPTokenizer

    if any((folder / name).is_file() for name in ("tokenizer.json", "vocab.json")):
        tokenizer: CLIPTokenizer = CLIPTokenizer.from_pretrained(folder, local_files_only=True)
        return tokenizer
    config_file = folder / "tokenizer_config.json"
    settings = json.loads(config_file.read_text(encoding="utf-8")) if config_file.is_file() else {}
    return clip_tokenizer(settings)
