"""The SD 3 denoising loop: flow-matching schedule, classifier-free guidance and the scheduler step.

Per step it does what ``StableDiffusion3Pipeline`` does, in the same order and with the same arithmetic,
so a run matches the pipeline given the same starting latents. The transformer predicts a velocity;
the scheduler (flow-matching Euler or Heun, with the model's shift) moves along it.

The ``denoising_start`` / ``denoising_end`` window is cut in whole steps the way diffusers' SD 3
image-to-image cuts ``strength`` (``start = 1 - strength`` skips ``int(steps - steps * strength)``
steps), so a run ending at x and one starting at x share their boundary. The first step's latents are
``scale_noise(latents or zeros, t0, noise)``: pure noise for text to image, the image's latents noised to
the first step's level for image to image; without noise the latents are continued as they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

SCHEDULER_CLASSES = {"euler": "FlowMatchEulerDiscreteScheduler", "heun": "FlowMatchHeunDiscreteScheduler"}
"""The flow-matching schedulers SD 3 can use, by the names the nodes take."""


@dataclass(frozen=True)
class SD3Settings:
    """The numbers a user sets for one SD 3 run."""

    steps: int
    cfg_scale: float = 5.0
    denoising_start: float = 0.0
    denoising_end: float = 1.0
    scheduler: str = "euler"

    def check(self) -> None:
        """Raise :class:`InvalidInputError` naming the first bad setting."""
        if self.steps < 1:
            raise InvalidInputError(f"steps must be at least 1 (got {self.steps})")
        if not 0 <= self.denoising_start < self.denoising_end <= 1:
            raise InvalidInputError(
                f"denoising_start ({self.denoising_start}) must be below denoising_end "
                f"({self.denoising_end}), both from 0 to 1"
            )
        if not math.isfinite(self.cfg_scale) or self.cfg_scale < 0:
            raise InvalidInputError(f"cfg_scale must be a finite number >= 0 (got {self.cfg_scale})")
        if self.scheduler not in SCHEDULER_CLASSES:
            raise InvalidInputError(
                f"SD 3 runs with a flow-matching scheduler: {', '.join(SCHEDULER_CLASSES)} "
                f"(got {self.scheduler!r})"
            )

    @property
    def guided(self) -> bool:
        """Classifier-free guidance runs above 1, as in diffusers (0 or 1 turn it off, for Turbo)."""
        return self.cfg_scale > 1


@dataclass
class SD3Inputs:
    """Everything the loop needs besides the transformer: context and pooled embeddings (negative first
    when guided), the starting tensors, and the hooks."""

    context: torch.Tensor  # (B, tokens, width), B = 2 when guided
    pooled: torch.Tensor  # (B, 2048)
    noise: torch.Tensor | None
    latents: torch.Tensor | None
    settings: SD3Settings
    on_step: Callable[[int, int, torch.Tensor], None] | None = None
    check_cancel: Callable[[], None] | None = None


def make_scheduler(name: str, config: Any) -> Any:
    """A fresh flow-matching scheduler from the model's scheduler config (its shift and train steps)."""
    import diffusers

    cls = getattr(diffusers, SCHEDULER_CLASSES[name])
    return cls.from_config(config)


def window_index(steps: int, fraction: float) -> int:
    """The step at which ``fraction`` of the schedule has run (diffusers' image-to-image arithmetic)."""
    remaining = min(steps * (1 - fraction), steps)
    return int(max(steps - remaining, 0))


def plan(scheduler: Any, settings: SD3Settings, device: torch.device) -> torch.Tensor:
    """Set the scheduler's timesteps and answer the window's, with the scheduler told where it starts."""
    scheduler.set_timesteps(settings.steps, device=device)
    order = int(getattr(scheduler, "order", 1))
    first = window_index(settings.steps, settings.denoising_start) * order
    last = window_index(settings.steps, settings.denoising_end) * order
    timesteps: torch.Tensor = scheduler.timesteps[first:last]
    if len(timesteps) == 0:
        raise InvalidInputError(
            f"denoising from {settings.denoising_start} to {settings.denoising_end} with "
            f"{settings.steps} steps leaves no step to run; use more steps or a wider range"
        )
    scheduler.set_begin_index(first)
    return timesteps


def start_latents(scheduler: Any, inputs: SD3Inputs, first: torch.Tensor) -> torch.Tensor:
    """The latents the first step starts from (see the module docstring)."""
    import torch

    if inputs.noise is None:
        if inputs.latents is None:
            raise InvalidInputError("denoising needs noise (text to image) or latents (image to image)")
        return inputs.latents
    base = inputs.latents if inputs.latents is not None else torch.zeros_like(inputs.noise)
    return scheduler.scale_noise(base, first, inputs.noise)  # type: ignore[no-any-return]


def denoise(transformer: Any, scheduler: Any, inputs: SD3Inputs) -> torch.Tensor:
    """Run the loop; returns the final latents (1, 16, H/8, W/8)."""
    import torch

    timesteps = plan(scheduler, inputs.settings, inputs.context.device)
    latents = start_latents(scheduler, inputs, timesteps[:1])
    train_steps = float(scheduler.config.num_train_timesteps)
    with torch.no_grad():
        for index, t in enumerate(timesteps):
            if inputs.check_cancel is not None:
                inputs.check_cancel()
            velocity = predict(transformer, inputs, latents, t)
            stepped = scheduler.step(velocity, t, latents, return_dict=False)[0]
            if inputs.on_step is not None:
                inputs.on_step(index + 1, len(timesteps), latents - (t / train_steps) * velocity)
            latents = stepped
    return latents


def predict(transformer: Any, inputs: SD3Inputs, latents: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """The (guided) velocity for one step."""
    import torch

    guided = inputs.settings.guided
    model_input = torch.cat([latents] * 2) if guided else latents
    prediction: torch.Tensor = transformer(
        hidden_states=model_input,
        timestep=t.expand(model_input.shape[0]),
        encoder_hidden_states=inputs.context,
        pooled_projections=inputs.pooled,
        return_dict=False,
    )[0]
    if not guided:
        return prediction
    negative, positive = prediction.chunk(2)
    return negative + inputs.settings.cfg_scale * (positive - negative)
