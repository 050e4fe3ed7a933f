"""Tensors of GGUF files (city96's FLUX transformers and T5 encoders, llama.cpp's T5), as torch tensors.

Two ways: kept quantised (diffusers' ``GGUFParameter``: the raw blocks of each row plus the quant type,
dequantised layer by layer at run time by diffusers' GGUF linear layers, so a Q8_0 model keeps half the
memory of float16), or dequantised once with the ``gguf`` package into plain tensors, for models that
have no quantised layers to run them (transformers' T5).
"""

from __future__ import annotations

from pathlib import Path

import torch

from impasto.models.loaders.base import ModelLoadError

StateDict = dict[str, torch.Tensor]


def read_gguf_quantised(path: Path) -> StateDict:
    """Every tensor; quantised ones as diffusers ``GGUFParameter`` (shape: rows x bytes per row)."""
    from diffusers.models.model_loading_utils import load_gguf_checkpoint

    try:
        state: StateDict = load_gguf_checkpoint(str(path))  # type: ignore[no-untyped-call]
    except (ValueError, OSError) as exc:
        raise ModelLoadError(f"cannot read the GGUF file {path}: {exc}") from exc
    return state


def read_gguf_dequantised(path: Path, dtype: torch.dtype) -> StateDict:
    """Every tensor as a plain torch tensor of ``dtype`` (torch's order of dimensions)."""
    import gguf

    try:
        reader = gguf.GGUFReader(str(path))
        state: StateDict = {}
        for tensor in reader.tensors:
            values = gguf.quants.dequantize(tensor.data, tensor.tensor_type)
            shape = tuple(int(d) for d in reversed(tensor.shape))
            state[tensor.name] = torch.from_numpy(values.reshape(shape).copy()).to(dtype)
    except (ValueError, OSError, NotImplementedError) as exc:
        raise ModelLoadError(f"cannot read the GGUF file {path}: {exc}") from exc
    return state
