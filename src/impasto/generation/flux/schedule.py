"""FLUX's sampling schedule: sigmas from 1 to 1/N, shifted for the image size, and the run's window.

dev (and Fill) schedulers shift the sigmas towards noise by ``mu``, which grows linearly with the number
of image tokens: 0.5 at 256 tokens (a 256x256 image) to 1.15 at 4096 (1024x1024), as diffusers'
``FluxPipeline`` computes it from the scheduler config; schnell's config has no shift. The window
``denoising_start`` .. ``denoising_end`` is counted in whole steps as diffusers' FLUX image-to-image
pipelines count strength: the first ``int(N · start)`` steps are skipped.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.sampling.flow import flow_scheduler

if TYPE_CHECKING:
    import torch

_EPSILON = 1e-6  # absorbs float error in steps · fraction (0.3 · 10 = 3.0000000000000004)


@dataclass(frozen=True)
class FluxSchedule:
    """The timesteps of one run (a window of the full schedule) and the first one's sigma."""

    timesteps: torch.Tensor
    start_index: int
    first_sigma: float


def make_flow_scheduler(name: str, model_config: Mapping[str, Any]) -> Any:
    """A fresh flow-matching scheduler ``name`` configured from the model's scheduler config."""
    import diffusers

    cls = getattr(diffusers, flow_scheduler(name).class_name)
    accepted = inspect.signature(cls.__init__).parameters
    return cls.from_config({k: v for k, v in model_config.items() if k in accepted})


def time_shift_mu(image_tokens: int, config: Mapping[str, Any]) -> float:
    """The shift for an image of ``image_tokens`` tokens: linear from base_shift at base_image_seq_len to
    max_shift at max_image_seq_len (FLUX's defaults 0.5 at 256 and 1.15 at 4096)."""
    base_len = int(config.get("base_image_seq_len", 256))
    max_len = int(config.get("max_image_seq_len", 4096))
    base_shift = float(config.get("base_shift", 0.5))
    max_shift = float(config.get("max_shift", 1.15))
    slope = (max_shift - base_shift) / (max_len - base_len)
    return image_tokens * slope + base_shift - slope * base_len


def window(steps: int, start: float, end: float) -> tuple[int, int]:
    """The whole steps [first, last) of an N-step schedule that ``start`` .. ``end`` keeps."""
    first = min(steps, int(steps * start + _EPSILON))
    last = steps - min(steps, int(steps * (1 - end) + _EPSILON))
    if last <= first:
        raise InvalidInputError(
            f"denoising from {start} to {end} with {steps} steps leaves no step to run; use more steps or a "
            "wider range"
        )
    return first, last


def plan_flux_schedule(
    scheduler: Any,
    model_config: Mapping[str, Any],
    steps: int,
    image_tokens: int,
    span: tuple[float, float],
    device: torch.device,
) -> FluxSchedule:
    """Set the scheduler's shifted timesteps and cut the window ``span`` = (start, end); the shift comes
    from the model's scheduler config."""
    import numpy as np

    sigmas = np.linspace(1.0, 1 / steps, steps)
    dynamic = bool(model_config.get("use_dynamic_shifting", False))
    mu = time_shift_mu(image_tokens, model_config) if dynamic else None
    if "sigmas" in inspect.signature(scheduler.set_timesteps).parameters:
        scheduler.set_timesteps(sigmas=sigmas, mu=mu, device=device)
    else:  # Heun takes only a step count: give it the same shifted sigmas, each inner one twice
        _set_heun_sigmas(scheduler, model_config, sigmas, mu, device)
    order = int(getattr(scheduler, "order", 1))
    first, last = window(steps, *span)
    begin, stop = first * order, min(last * order, len(scheduler.timesteps))
    scheduler.set_begin_index(begin)
    return FluxSchedule(scheduler.timesteps[begin:stop], begin, float(scheduler.sigmas[begin]))


def _set_heun_sigmas(
    scheduler: Any, model_config: Mapping[str, Any], sigmas: Any, mu: float | None, device: torch.device
) -> None:
    import torch

    euler = make_flow_scheduler("euler", model_config)
    euler.set_timesteps(sigmas=sigmas, mu=mu, device=device)
    scheduler.set_timesteps(len(sigmas), device=device)
    shifted = euler.sigmas  # N shifted sigmas and the final 0
    scheduler.timesteps = torch.cat([euler.timesteps[:1], euler.timesteps[1:].repeat_interleave(2)])
    scheduler.sigmas = torch.cat([shifted[:1], shifted[1:-1].repeat_interleave(2), shifted[-1:]])
