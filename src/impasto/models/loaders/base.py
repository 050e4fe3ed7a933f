"""What every loader shares: submodel names, the load request, errors and the loader interface.

A loader turns one installed model (or one part of a main model) into torch / diffusers / transformers /
spandrel objects in RAM, on the CPU, in the requested dtype. It never moves anything to the execution
device; the cache does that when the model is locked for use.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impasto.errors import ImpastoError, InvalidInputError
from impasto.models.identity import ModelRecord

if TYPE_CHECKING:
    import torch

_ALIGNMENT = 64  # bytes; what AVX-512 loads want and what torch's allocator gives


class SubModel(StrEnum):
    """A part of a main model that is loaded (and cached) on its own; names follow diffusers' folders."""

    UNET = "unet"
    TRANSFORMER = "transformer"
    TEXT_ENCODER = "text_encoder"
    TEXT_ENCODER_2 = "text_encoder_2"
    TEXT_ENCODER_3 = "text_encoder_3"
    TOKENIZER = "tokenizer"
    TOKENIZER_2 = "tokenizer_2"
    TOKENIZER_3 = "tokenizer_3"
    VAE = "vae"
    SCHEDULER = "scheduler"


class ModelLoadError(ImpastoError):
    """A model's files could not be turned into a working model (damaged, incomplete or mismatched)."""

    code = "model_load_failed"
    status_code = 500


class UnsupportedModelError(InvalidInputError):
    """No loader handles this model, or it has no such submodel; the message says what is supported."""

    code = "unsupported_model"


@dataclass(frozen=True)
class LoadRequest:
    """One thing to load: a record, where its files are, which part and in which dtype."""

    record: ModelRecord
    path: Path
    submodel: SubModel | None
    dtype: torch.dtype

    @property
    def config_path(self) -> Path | None:
        """A diffusers-format config folder that overrides the shipped one (``details["config_path"]``)."""
        value = self.record.details.get("config_path")
        return Path(value) if value else None

    def require_submodel(self, available: list[SubModel]) -> SubModel:
        """The requested submodel, checked against what this model has."""
        if self.submodel is None or self.submodel not in available:
            names = ", ".join(available) or "none"
            asked = f"submodel '{self.submodel}'" if self.submodel else "no submodel"
            raise UnsupportedModelError(
                f"model {self.record.name!r} ({self.record.base} {self.record.format}): {asked} was "
                f"requested; it has: {names}"
            )
        return self.submodel


class Loader(ABC):
    """Loads models of the (type, base, format) keys it is registered for."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        """The parts this model is loaded as; empty when it is loaded whole."""
        return []

    @abstractmethod
    def load(self, request: LoadRequest) -> Any:
        """The model (or the requested part) as objects in RAM on the CPU."""


def prepare_module(module: Any) -> Any:
    """Inference setup every loaded module gets: eval mode, no gradients (which would cost memory), and
    every tensor in memory of its own, aligned for vector instructions.

    Weights read from a safetensors file start wherever the file's header length puts them; CPU kernels
    take other (slower) code paths for misaligned weights and round differently in the last bits, so the
    same weights loaded from a folder and from a single file would not compute exactly the same.
    """
    from torch import nn

    if isinstance(module, nn.Module):
        module.eval()
        module.requires_grad_(False)
        for tensor in [*module.parameters(), *module.buffers()]:
            if tensor.data_ptr() % _ALIGNMENT:
                tensor.data = tensor.data.clone()  # keeps the Parameter object (and any ties)
    return module
