"""A pure-torch bitsandbytes 4-bit quantiser writing bitsandbytes' own serialised layout, so NF4 files are
made here without bitsandbytes and a load is a real round trip.

Per weight (``QuantState.as_dict(packed=True)`` of ``quantize_4bit(..., compress_statistics=nested)``):
the codes two to a byte, high nibble first, as uint8 of shape (ceil(n/2), 1); ``.absmax`` one float32
scale per 64 values, or with nested quantisation its uint8 codes of ``absmax - mean(absmax)`` quantised
in blocks of 256 with the 8-bit dynamic map (``.nested_absmax``, ``.nested_quant_map``); ``.quant_map``
the 16 NF4 values; ``.quant_state.bitsandbytes__nf4`` the JSON of the rest as UTF-8 bytes.
"""

from __future__ import annotations

import json

import torch

StateDict = dict[str, torch.Tensor]
NF4_BLOCK = 64
NESTED_BLOCK = 256
NF4_CODE = (  # bitsandbytes' NormalFloat4 table: normal quantiles with an exact zero, scaled to [-1, 1]
    -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
    -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
    0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
    0.7229568362236023, 1.0,
)  # fmt: skip
DECADES = 7  # the dynamic map spans magnitudes 1e-6 .. 1


def dynamic_map() -> torch.Tensor:
    """bitsandbytes' signed 8-bit dynamic map (sorted, 256 values): for decade ``d`` (0..6), ``2**d``
    evenly spaced magnitudes between ``0.1 * 10**(d-6)`` and ``10**(d-6)`` (the midpoints of that many
    equal steps), each with both signs, plus 0 and 1."""
    values = [0.0, 1.0]
    for decade in range(DECADES):
        edges = torch.linspace(0.1, 1.0, 2**decade + 1, dtype=torch.float32)
        mids = ((edges[:-1] + edges[1:]) / 2 * 10.0 ** (decade - DECADES + 1)).tolist()
        values += mids + [-m for m in mids]
    return torch.tensor(sorted(values), dtype=torch.float32)


def quantise_blockwise(
    values: torch.Tensor, table: torch.Tensor, blocksize: int
) -> tuple[torch.Tensor, torch.Tensor]:
    """The nearest ``table`` index (uint8) of each value scaled by its block's absmax, and the absmaxes
    (float32, one per block of ``blocksize``; the last block may be shorter)."""
    flat = values.float().flatten()
    n = flat.numel()
    blocks = -(-n // blocksize)
    padded = torch.nn.functional.pad(flat, (0, blocks * blocksize - n)).view(blocks, blocksize)
    absmax = padded.abs().amax(dim=1)
    scaled = (padded / absmax.clamp(min=1e-30)[:, None]).clamp(-1, 1).flatten()[:n]
    ordered, order = table.float().sort()
    index = torch.bucketize(scaled, (ordered[:-1] + ordered[1:]) / 2)
    return order[index].to(torch.uint8), absmax


def pack_nibbles(codes: torch.Tensor) -> torch.Tensor:
    """4-bit codes two to a byte, the first in the high nibble, as a (ceil(n/2), 1) uint8 tensor."""
    flat = codes.to(torch.uint8).flatten()
    if flat.numel() % 2:
        flat = torch.cat([flat, flat.new_zeros(1)])
    return ((flat[0::2] << 4) | flat[1::2])[:, None]


def json_tensor(data: dict[str, object]) -> torch.Tensor:
    """``data`` as JSON in UTF-8 bytes, a uint8 tensor (how bitsandbytes stores non-tensor state)."""
    return torch.tensor(list(json.dumps(data).encode("utf-8")), dtype=torch.uint8)


def nf4_quantise(weight: torch.Tensor, key: str, *, nested: bool = True) -> StateDict:
    """``key`` as bitsandbytes serialises an NF4 ``Linear4bit`` weight (blocks of 64; with ``nested``
    the absmaxes quantised again to 8 bits in blocks of 256 around their mean)."""
    codes, absmax = quantise_blockwise(weight, torch.tensor(NF4_CODE), NF4_BLOCK)
    dtype = str(weight.dtype).removeprefix("torch.")
    state: dict[str, object] = {
        "quant_type": "nf4",
        "blocksize": NF4_BLOCK,
        "dtype": dtype,
        "shape": list(weight.shape),
    }
    out = {key: pack_nibbles(codes), f"{key}.quant_map": torch.tensor(NF4_CODE)}
    if nested:
        offset = float(absmax.mean())
        nested_map = dynamic_map()
        absmax_codes, nested_absmax = quantise_blockwise(absmax - offset, nested_map, NESTED_BLOCK)
        out.update({f"{key}.nested_absmax": nested_absmax, f"{key}.nested_quant_map": nested_map})
        state.update({"nested_blocksize": NESTED_BLOCK, "nested_dtype": "float32", "nested_offset": offset})
        absmax = absmax_codes
    out[f"{key}.absmax"] = absmax
    out[f"{key}.quant_state.bitsandbytes__nf4"] = json_tensor(state)
    return out
