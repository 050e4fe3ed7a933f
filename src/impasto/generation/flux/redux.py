"""FLUX.1 Redux: a reference image read as extra tokens of the FLUX text stream.

The image is prepared as its SigLIP encoder's processor says (resized to the encoder's square size,
scaled to [-1, 1] for so400m) and encoded; every patch token of the last hidden state (27 x 27 = 729 of
width 1152 for so400m at 384 px) goes through the Redux embedder, ``redux_down(silu(redux_up(x)))``, to
the width of the T5 tokens (4096). The FLUX denoiser appends these tokens after the prompt's T5 tokens,
so the transformer attends to the image as it attends to the words, as diffusers'
``FluxPriorReduxPipeline`` sets it up.

Two settings weaken the reference, as InvokeAI's ``flux_redux`` node applies them (so its graphs keep
their look): the token grid can be shrunk by a whole factor with an interpolation mode (fewer tokens, less
hold on the image; see :mod:`impasto.sampling.redux`), and the tokens are multiplied by the square of
``weight`` (a gentler start than a linear scale: 0.5 gives a quarter).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.runtime import ModelSource, StepHooks, check_model, module_dtype, of_kind
from impasto.models.taxonomy import BaseModelType, ModelType
from impasto.sampling.redux import DownsamplingFunction, check_downsampling, downsampled_grid

if TYPE_CHECKING:
    import torch
    from PIL import Image

KIND = "flux_redux"


@dataclass
class FluxReduxConditioning:
    """A reference image's Redux tokens, as the ``flux_redux`` node stores them."""

    tokens: torch.Tensor
    """(1, n, 4096) on the CPU: n = (27 // downsampling_factor)² for so400m; weight already applied."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": KIND, "tokens": self.tokens}

    @classmethod
    def from_dict(cls, data: Any) -> FluxReduxConditioning:
        """The tokens a ``flux_redux`` node stored; ``ValueError`` for anything else."""
        data = of_kind(data, KIND, "a FLUX Redux conditioning")
        return cls(tokens=data["tokens"])


@dataclass(frozen=True)
class ReduxSpec:
    """What a Redux run uses: the two models (installed keys) and how to weaken the tokens."""

    redux_key: str
    siglip_key: str
    downsampling_factor: int = 1
    downsampling_function: DownsamplingFunction = "area"
    weight: float = 1.0

    def check(self) -> None:
        """``InvalidInputError`` naming the first setting out of range."""
        check_downsampling(self.downsampling_factor, self.downsampling_function)
        if not 0 <= self.weight <= 1:
            raise InvalidInputError(f"weight must be from 0 to 1 (got {self.weight})")


def siglip_pixels(processor: Any, image: Image.Image) -> torch.Tensor:
    """(1, 3, s, s): ``image`` as the SigLIP processor prepares it (RGB, resized, normalised)."""
    batch = processor.preprocess(images=[image.convert("RGB")], return_tensors="pt")
    pixels: torch.Tensor = batch["pixel_values"]
    return pixels


def siglip_hidden_states(tower: Any, pixels: torch.Tensor) -> torch.Tensor:
    """(1, grid², hidden): the tower's last hidden state, on its device."""
    import torch

    with torch.no_grad():
        device = next(tower.parameters()).device
        output = tower(pixel_values=pixels.to(device=device, dtype=module_dtype(tower)))
    hidden: torch.Tensor = output.last_hidden_state
    return hidden


def embed_tokens(embedder: Any, hidden: torch.Tensor) -> torch.Tensor:
    """(1, n, width): SigLIP tokens through the Redux embedder, on the embedder's device."""
    import torch

    with torch.no_grad():
        device = next(embedder.parameters()).device
        tokens: torch.Tensor = embedder(hidden.to(device=device, dtype=module_dtype(embedder)))
    return tokens


def downsample_tokens(tokens: torch.Tensor, factor: int, function: DownsamplingFunction) -> torch.Tensor:
    """(B, g², W) → (B, (g // factor)², W): the square token grid shrunk by ``factor`` with ``function``
    (computed in float32, returned in the tokens' dtype)."""
    import torch.nn.functional as F  # noqa: N812

    batch, count, width = tokens.shape
    grid = math.isqrt(count)
    if grid * grid != count:
        raise InvalidInputError(f"Redux gave {count} image tokens, not a square grid; cannot downsample them")
    side = downsampled_grid(grid, factor)
    if side == grid:
        return tokens
    maps = tokens.float().reshape(batch, grid, grid, width).permute(0, 3, 1, 2)  # (B, W, g, g)
    shrunk = F.interpolate(maps, size=(side, side), mode=function)
    return shrunk.permute(0, 2, 3, 1).reshape(batch, side * side, width).to(tokens.dtype)


def weighted_tokens(tokens: torch.Tensor, weight: float) -> torch.Tensor:
    """The tokens times ``weight`` squared (InvokeAI's Redux weight); weight 1 leaves them as they are."""
    return tokens if weight == 1 else tokens * (weight * weight)


def run_flux_redux(
    models: ModelSource, spec: ReduxSpec, image: Image.Image, hooks: StepHooks
) -> FluxReduxConditioning:
    """Encode ``image`` with the SigLIP encoder and the Redux embedder, then downsample and weight the
    tokens; the models are locked one after the other, the tokens returned on the CPU."""
    from impasto.generation.memory import out_of_memory_guard

    spec.check()
    check_model(models.record(spec.redux_key), ModelType.FLUX_REDUX, BaseModelType.FLUX, "redux_model")
    check_model(models.record(spec.siglip_key), ModelType.SIGLIP, None, "siglip_model")
    with out_of_memory_guard("encoding the Redux reference image") as guard:
        siglip_loaded = guard.track(models.load(spec.siglip_key))
        redux_loaded = guard.track(models.load(spec.redux_key))
        _check_widths(siglip_loaded.model, redux_loaded.model)
        pixels = siglip_pixels(siglip_loaded.model.processor, image)
        if hooks.check_cancel is not None:
            hooks.check_cancel()
        with siglip_loaded.lock() as encoder:
            hidden = siglip_hidden_states(encoder.model, pixels)
        with redux_loaded.lock() as embedder:
            tokens = embed_tokens(embedder, hidden).to("cpu")
    tokens = downsample_tokens(tokens, spec.downsampling_factor, spec.downsampling_function)
    return FluxReduxConditioning(tokens=weighted_tokens(tokens, spec.weight))


def _check_widths(encoder: Any, embedder: Any) -> None:
    if encoder.hidden_size != embedder.image_width:
        raise InvalidInputError(
            f"the Redux model takes {embedder.image_width}-wide image tokens but the SigLIP encoder gives "
            f"{encoder.hidden_size}-wide ones; use the encoder Redux was trained with "
            "(google/siglip-so400m-patch14-384)"
        )
