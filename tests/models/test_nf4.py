"""The pure-torch bitsandbytes 4-bit dequantiser: exact values of hand-made blocks (plain and nested
absmaxes, a short last block, an odd count, another storage dtype), round trips through the test
quantiser within NF4's error bounds, refusals naming what is wrong, and, where bitsandbytes is
installed (it is no dependency of Impasto), agreement with bitsandbytes itself in both directions."""

from __future__ import annotations

import json

import pytest
import torch

from impasto.models.loaders import ModelLoadError
from impasto.models.loaders.nf4 import dequantise_state, quantised_keys, unpack_nibbles
from tests.models.factory.nf4 import NF4_BLOCK, NF4_CODE, dynamic_map, nf4_quantise

torch.set_num_threads(1)
KEY = "double_blocks.0.img_attn.qkv.weight"
BLOB = f"{KEY}.quant_state.bitsandbytes__nf4"
NF4 = torch.tensor(NF4_CODE)
# Codes of a (1, 5) weight in blocks of 4: [15, 0, 7, 8 | 3] packed high nibble first (odd: one pad nibble).
PACKED = torch.tensor([[0xF0], [0x78], [0x30]], dtype=torch.uint8)
EXPECTED = [2.0 * 1.0, 2.0 * -1.0, 0.0, 2.0 * NF4_CODE[8], 0.5 * NF4_CODE[3]]


def blob(**fields: object) -> torch.Tensor:
    """A quant state as bitsandbytes packs it: JSON in UTF-8 bytes, a uint8 tensor."""
    data = {"quant_type": "nf4", "blocksize": 4, "dtype": "bfloat16", "shape": [1, 5], **fields}
    return torch.tensor(list(json.dumps(data).encode("utf-8")), dtype=torch.uint8)


def hand_made(nested: bool) -> dict[str, torch.Tensor]:
    """The (1, 5) weight above, its block scales 2.0 and 0.5 stored plainly or nested: codes 10 and 20
    of a map holding 0.5 and -0.25 there, times a nested scale of 2.0, plus an offset of 1.0."""
    state = {KEY: PACKED, f"{KEY}.quant_map": NF4, "double_blocks.0.img_attn.qkv.bias": torch.ones(1)}
    if not nested:
        state.update({f"{KEY}.absmax": torch.tensor([2.0, 0.5]), BLOB: blob()})
        return state
    nested_map = torch.zeros(256)
    nested_map[10], nested_map[20] = 0.5, -0.25
    state.update({
        f"{KEY}.absmax": torch.tensor([10, 20], dtype=torch.uint8),
        f"{KEY}.nested_absmax": torch.tensor([2.0]),
        f"{KEY}.nested_quant_map": nested_map,
        BLOB: blob(
            nested_blocksize=256, nested_dtype="float32", nested_offset=1.0
        ),
    })  # fmt: skip
    return state


@pytest.mark.parametrize("nested", [False, True])
def test_hand_made_block_gives_exact_values(nested: bool) -> None:
    state = hand_made(nested)
    assert list(quantised_keys(state)) == [KEY]
    out = dequantise_state(state)
    assert set(out) == {KEY, "double_blocks.0.img_attn.qkv.bias"}  # companions dropped, the rest kept
    assert out[KEY].dtype == torch.bfloat16  # the quant state's dtype
    assert torch.equal(out[KEY], torch.tensor([EXPECTED]).to(torch.bfloat16))
    assert torch.equal(dequantise_state(state, torch.float32)[KEY], torch.tensor([EXPECTED]))


def test_nibbles_are_high_first_and_any_storage_dtype_is_read_as_bytes() -> None:
    assert unpack_nibbles(PACKED).tolist() == [15, 0, 7, 8, 3, 0]
    as_bf16 = torch.tensor([[0x12], [0x34], [0x56], [0x78]], dtype=torch.uint8).flatten().view(torch.bfloat16)
    assert unpack_nibbles(as_bf16[:, None]).tolist() == [1, 2, 3, 4, 5, 6, 7, 8]


def block_error_bound(weight: torch.Tensor) -> torch.Tensor:
    """Half the widest gap of the NF4 table (between -1 and -0.696) times each value's block absmax."""
    flat = weight.flatten()
    blocks = torch.nn.functional.pad(flat, (0, -flat.numel() % NF4_BLOCK)).view(-1, NF4_BLOCK)
    absmax = blocks.abs().amax(dim=1).repeat_interleave(NF4_BLOCK)[: flat.numel()]
    return absmax * (NF4_CODE[1] - NF4_CODE[0]) / 2


@pytest.mark.parametrize("nested", [False, True])
@pytest.mark.parametrize("shape", [(48, 64), (31, 67)])  # whole blocks; a short last block and odd count
def test_round_trip_stays_within_nf4_error(nested: bool, shape: tuple[int, int]) -> None:
    weight = torch.randn(shape, generator=torch.Generator().manual_seed(0)) * 0.05
    out = dequantise_state(nf4_quantise(weight, KEY, nested=nested), torch.float32)[KEY]
    assert out.shape == weight.shape
    error = (out - weight).abs().flatten()
    slack = 0.01 * float(weight.abs().max()) if nested else 1e-7  # the absmaxes' own 8-bit rounding
    assert bool((error <= block_error_bound(weight) + slack).all())
    assert float(error.mean()) < 0.1 * float(weight.abs().mean())  # most values land much closer
    assert not torch.equal(out, weight)


def test_the_dynamic_map_has_256_sorted_values_from_minus_one_to_one() -> None:
    table = dynamic_map()
    assert table.numel() == 256
    assert bool((table[1:] > table[:-1]).all())
    assert float(table[0]) == pytest.approx(-(1 - 0.9 / 64 / 2))  # the top decade's last midpoint
    assert float(table[-1]) == 1.0  # 1 only positive: 0 takes the place of -1
    assert 0.0 in table.tolist()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.pop(f"{KEY}.absmax"), "has no double_blocks.0.img_attn.qkv.weight.absmax"),
        (lambda s: s.pop(KEY), "no packed values"),
        (lambda s: s.__setitem__(f"{KEY}.absmax", torch.ones(3)), "3 block scales"),
        (lambda s: s.__setitem__(BLOB, blob(quant_type="int4")), "'int4'"),
        (lambda s: s.__setitem__(BLOB, torch.ones(3, dtype=torch.uint8)), "not a readable"),
    ],
)  # fmt: skip
def test_damaged_weights_are_refused_naming_the_tensor(change: object, message: str) -> None:
    state = hand_made(nested=False)
    change(state)  # type: ignore[operator]
    with pytest.raises(ModelLoadError, match=message):
        dequantise_state(state)


def test_nested_scales_that_do_not_fit_are_refused() -> None:
    state = hand_made(nested=True)
    state[f"{KEY}.nested_absmax"] = torch.tensor([2.0, 1.0])
    with pytest.raises(ModelLoadError, match="2 nested scales do not fit 2 block scales"):
        dequantise_state(state)


@pytest.mark.parametrize("quant_type", ["nf4", "fp4"])
@pytest.mark.parametrize("nested", [False, True])
def test_reads_what_bitsandbytes_writes(nested: bool, quant_type: str) -> None:
    """bitsandbytes' own serialisation (FP4 too: same layout, its table in ``quant_map``) dequantises
    here to exactly the values bitsandbytes gives."""
    functional = pytest.importorskip("bitsandbytes.functional")
    weight = torch.randn(40, 70, generator=torch.Generator().manual_seed(1)).to(torch.bfloat16)
    packed, quant_state = functional.quantize_4bit(
        weight, blocksize=NF4_BLOCK, compress_statistics=nested, quant_type=quant_type
    )
    theirs = {KEY: packed, **{f"{KEY}.{k}": v for k, v in quant_state.as_dict(packed=True).items()}}
    assert torch.equal(dequantise_state(theirs)[KEY], functional.dequantize_4bit(packed, quant_state))


@pytest.mark.parametrize("nested", [False, True])
def test_bitsandbytes_reads_what_the_test_quantiser_writes(nested: bool) -> None:
    functional = pytest.importorskip("bitsandbytes.functional")
    weight = torch.randn(40, 70, generator=torch.Generator().manual_seed(1)).to(torch.bfloat16)
    ours = nf4_quantise(weight, KEY, nested=nested)
    restored = functional.QuantState.from_dict(
        {k.removeprefix(KEY + "."): v for k, v in ours.items() if k != KEY}, device=torch.device("cpu")
    )
    assert torch.equal(functional.dequantize_4bit(ours[KEY], restored), dequantise_state(ours)[KEY])
    assert torch.equal(dynamic_map(), functional.create_dynamic_map())
