"""bitsandbytes 4-bit weights (NF4, and FP4 which shares the layout) turned back into ordinary tensors
with plain torch, so a quantised file loads on any machine, with or without CUDA or bitsandbytes.

The cost: a dequantised weight takes the memory of an unquantised one (2 bytes a value in bfloat16
against about 0.56 in the file), so FLUX.1's NF4 transformer (about 6.7 GB on disk) needs about 24 GB
of RAM in bfloat16, as much as the full-precision file. The file is smaller to download and store,
not to run; while it loads, the file's packed tensors are held as well. Nothing here keeps weights
4-bit in memory.

What bitsandbytes writes for a quantised weight ``W`` (``Linear4bit``'s state dict, from
``QuantState.as_dict(packed=True)``; the same since 4-bit serialisation appeared in bitsandbytes 0.41):

- ``W``: the 4-bit code indices of the ``n`` values of the weight in row-major order, two to a byte,
  the first value in the high nibble; uint8 of shape ``(ceil(n / 2), 1)``. Another ``quant_storage``
  dtype holds the same bytes and is read as bytes.
- ``W.quant_map``: the 16 values the codes stand for (NF4: quantiles of a normal distribution in
  [-1, 1]; FP4: a 4-bit float, listed in bit-pattern order).
- ``W.absmax``: one scale per block of ``blocksize`` (64) consecutive values, the last block possibly
  shorter; float32.
- With nested ("double") quantisation, ``W.absmax`` instead holds uint8 codes of ``absmax - offset``,
  quantised the same blockwise way with blocks of ``nested_blocksize`` (256): ``W.nested_quant_map``
  (256 values of bitsandbytes' dynamic 8-bit map) and ``W.nested_absmax`` (one float32 scale a block).
- ``W.quant_state.bitsandbytes__nf4`` (or ``__fp4``): a JSON object stored as its UTF-8 bytes in a
  uint8 tensor: ``quant_type``, ``blocksize``, ``dtype`` (a torch dtype name, ``"bfloat16"``),
  ``shape`` and, when nested, ``nested_blocksize``, ``nested_dtype`` and ``nested_offset``.

A value is ``quant_map[code] * absmax[i // blocksize]``, computed in float32 as bitsandbytes does,
then reshaped to ``shape`` and cast.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import torch

from impasto.models.loaders.base import ModelLoadError
from impasto.models.loaders.files import StateDict

QUANT_STATE = ".quant_state.bitsandbytes__"
QUANT_TYPES = ("nf4", "fp4")
_COMPANIONS = ("absmax", "quant_map", "nested_absmax", "nested_quant_map")
_DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


@dataclass(frozen=True)
class QuantState:
    """The JSON part of one weight's quantisation state: what the packed bytes decode to."""

    quant_type: str
    blocksize: int
    dtype: torch.dtype
    shape: tuple[int, ...]
    nested_blocksize: int | None = None
    nested_offset: float | None = None

    @property
    def numel(self) -> int:
        return math.prod(self.shape)


def is_quantised(state: StateDict) -> bool:
    """Whether any tensor of ``state`` is a bitsandbytes 4-bit weight."""
    return any(QUANT_STATE in key for key in state)


def quantised_keys(state: StateDict) -> dict[str, str]:
    """The 4-bit weights of ``state``: the key of each one's packed codes → the key of its quant state."""
    return {key.split(QUANT_STATE)[0]: key for key in sorted(state) if QUANT_STATE in key}


def dequantise_state(state: StateDict, dtype: torch.dtype | None = None) -> StateDict:
    """``state`` with every 4-bit weight replaced by its values and its companion tensors dropped.

    ``dtype``: that of the result (None: the weight's original dtype, from its quant state). Other
    tensors are left as they are. Each weight is dequantised and cast on its own, so the extra memory at
    any moment is a few copies of one weight (its codes as indices and its float32 values).
    """
    out = dict(state)
    for key, blob_key in quantised_keys(state).items():
        parts = {name: out.pop(f"{key}.{name}", None) for name in _COMPANIONS}
        quant_state = read_quant_state(out.pop(blob_key), blob_key)
        packed = out.get(key)
        if packed is None:
            raise ModelLoadError(f"the 4-bit weight {key} has a quant state but no packed values")
        values = dequantise(packed, parts, quant_state, key)
        out[key] = values.to(dtype or quant_state.dtype)
    return out


def read_quant_state(blob: torch.Tensor, key: str) -> QuantState:
    """The quant state stored as JSON bytes under ``key``, checked for what dequantising needs."""
    try:
        data: dict[str, Any] = json.loads(bytes(blob.to(torch.uint8).flatten().tolist()).decode("utf-8"))
        nested = "nested_offset" in data
        state = QuantState(
            quant_type=str(data["quant_type"]),
            blocksize=int(data["blocksize"]),
            dtype=_DTYPES[str(data["dtype"])],
            shape=tuple(int(d) for d in data["shape"]),
            nested_blocksize=int(data["nested_blocksize"]) if nested else None,
            nested_offset=float(data["nested_offset"]) if nested else None,
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ModelLoadError(f"{key} is not a readable bitsandbytes quant state: {exc!r}") from exc
    if state.quant_type not in QUANT_TYPES or state.blocksize <= 0:
        raise ModelLoadError(
            f"{key}: quant type {state.quant_type!r} with blocksize {state.blocksize} is not a 4-bit "
            f"format Impasto reads (known: {', '.join(QUANT_TYPES)})"
        )
    return state


def dequantise(
    packed: torch.Tensor, parts: dict[str, torch.Tensor | None], state: QuantState, key: str
) -> torch.Tensor:
    """The float32 values of one 4-bit weight, in its stored shape.

    ``parts``: its ``absmax``, ``quant_map`` and, when nested, ``nested_absmax`` and ``nested_quant_map``.
    """
    absmax, quant_map = _required(parts, key, "absmax"), _required(parts, key, "quant_map")
    if state.nested_offset is not None:
        absmax = dequantise_absmax(absmax, parts, state, key)
    codes = unpack_nibbles(packed)
    n = state.numel
    blocks = -(-n // state.blocksize)
    if codes.numel() < n or absmax.numel() != blocks or quant_map.numel() != 16:
        raise ModelLoadError(
            f"{key}: {codes.numel()} codes, {absmax.numel()} block scales and {quant_map.numel()} code "
            f"values do not fit a {list(state.shape)} weight in blocks of {state.blocksize} (expected "
            f"at least {n} codes, {blocks} scales and 16 values)"
        )
    return blockwise(codes[:n], absmax, quant_map, state.blocksize).reshape(state.shape)


def dequantise_absmax(
    codes: torch.Tensor, parts: dict[str, torch.Tensor | None], state: QuantState, key: str
) -> torch.Tensor:
    """The float32 block scales of a nested weight: its 8-bit codes decoded, plus the offset."""
    nested_absmax = _required(parts, key, "nested_absmax")
    nested_map = _required(parts, key, "nested_quant_map")
    blocksize = state.nested_blocksize or 0
    flat = codes.flatten()
    if blocksize <= 0 or nested_absmax.numel() != -(-flat.numel() // blocksize):
        raise ModelLoadError(
            f"{key}: {nested_absmax.numel()} nested scales do not fit {flat.numel()} block scales in "
            f"nested blocks of {blocksize}"
        )
    values = blockwise(flat.to(torch.int64), nested_absmax, nested_map, blocksize)
    return values + float(state.nested_offset or 0.0)


def unpack_nibbles(packed: torch.Tensor) -> torch.Tensor:
    """The 4-bit codes of packed bytes, high nibble first: byte ``0xAB`` gives codes ``A``, ``B``."""
    raw = packed.contiguous().flatten()
    data = raw if raw.dtype == torch.uint8 else raw.view(torch.uint8)
    data = data.to(torch.int64)
    return torch.stack((data >> 4, data & 0x0F), dim=1).flatten()


def blockwise(codes: torch.Tensor, absmax: torch.Tensor, table: torch.Tensor, blocksize: int) -> torch.Tensor:
    """``table[codes]`` scaled by the absmax of each block of ``blocksize`` codes (the last may be
    shorter), in float32."""
    n = codes.numel()
    blocks = absmax.numel()
    values = table.float()[codes.to(torch.int64)]
    values = torch.nn.functional.pad(values, (0, blocks * blocksize - n))  # a short last block
    return (values.view(blocks, blocksize) * absmax.float().view(blocks, 1)).flatten()[:n]


def _required(parts: dict[str, torch.Tensor | None], key: str, name: str) -> torch.Tensor:
    tensor = parts.get(name)
    if tensor is None:
        raise ModelLoadError(f"the 4-bit weight {key} has no {key}.{name} tensor")
    return tensor
