"""What generation runs of every family receive from the node layer: model sources, references, hooks.

Generation sits below the node engine, so it defines the little it needs from it as protocols (installed
models by key, the tensor store) and plain dataclasses mirroring the edge references. The nodes turn their
pydantic references into these and call the ``run_*`` functions. What only one family's denoiser takes
lives in that family's package (the SD UNet's in :mod:`impasto.generation.sd.specs`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from impasto.errors import InvalidInputError
from impasto.models.taxonomy import BaseModelType, ModelType

if TYPE_CHECKING:
    import torch
    from PIL import Image

    from impasto.models.identity import ModelRecord


class Loaded(Protocol):
    """A model in the model cache: ``model`` in RAM, ``lock()`` to use it on the execution device."""

    model: Any

    def lock(self) -> AbstractContextManager[Any]: ...


class ModelSource(Protocol):
    """Installed models by key (the node context's ``ctx.models``)."""

    def record(self, key: str) -> Any: ...

    def load(self, key: str, submodel: str | None = None) -> Any: ...


@dataclass(frozen=True)
class Part:
    """An installed model, or one part of a main model."""

    key: str
    submodel: str | None = None


@dataclass(frozen=True)
class LoraUse:
    """A LoRA and the strength to apply it with."""

    key: str
    weight: float


@dataclass(frozen=True)
class VAESpec:
    """A VAE and the axes along which its images tile."""

    vae: Part
    seamless_axes: tuple[str, ...] = ()


@dataclass
class StepHooks:
    """Called by a run once per step: progress (percent, message, preview) and the cancellation check
    (which long passes also call within a step); and the settings that decide how a run works."""

    progress: Callable[[float, str, Image.Image | None], None] | None = None
    check_cancel: Callable[[], None] | None = None
    device: str = "auto"
    """The configured execution device, used when a model's cache does not say."""
    vae_tile_above_pixels: int = 2048 * 2048
    """VAE passes over images with more pixels than this run in tiles (the ``vae_tile_above_pixels``
    setting)."""


class ModelMismatchError(InvalidInputError):
    """A model of the wrong type or base was connected (a SDXL LoRA to an SD 1.x UNet...)."""

    code = "model_mismatch"


def check_model(
    record: ModelRecord, expected_type: ModelType, base: BaseModelType | None, role: str
) -> ModelRecord:
    """The record, if it is a model of ``expected_type`` (and ``base``, unless it is for any base)."""
    if record.type != expected_type:
        raise ModelMismatchError(
            f"{role}: {record.name!r} is a {record.type} model, not a {expected_type} model",
            {"key": record.key, "type": str(record.type)},
        )
    if base is not None and record.base not in (base, BaseModelType.ANY):
        raise ModelMismatchError(
            f"{role}: {record.name!r} is for {record.base} models and cannot be used with a {base} model",
            {"key": record.key, "base": str(record.base), "model_base": str(base)},
        )
    return record


def execution_device(loaded: Any, fallback: str) -> torch.device:
    """The device a cached model computes on: its cache's, else the configured one."""
    device = getattr(getattr(loaded, "cache", None), "execution_device", None)
    if device is not None:
        return device  # type: ignore[no-any-return]
    from impasto.models.cache.devices import resolve_device

    return resolve_device(fallback)


def module_dtype(module: Any) -> torch.dtype:
    """The dtype a module's weights are stored in."""
    return next(module.parameters()).dtype  # type: ignore[no-any-return]


@dataclass
class InpaintInputs:
    """A stored denoise mask: (1, 1, H, W) at pixel resolution, and the masked image's latents."""

    mask: torch.Tensor
    masked_latents: torch.Tensor | None = None
    gradient: bool = False


def of_kind(data: Any, kind: str, what: str) -> dict[str, Any]:
    """A stored value marked ``kind`` (a dict whose ``"kind"`` says what it holds), so a node reading the
    wrong kind of input fails clearly; ``ValueError`` naming ``what`` was expected and what was found."""
    if not isinstance(data, dict) or data.get("kind") != kind:
        found = data.get("kind") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"stored value is not {what} (kind={found!r})")
    return data
