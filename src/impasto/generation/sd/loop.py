"""The denoising loop: timesteps, classifier-free guidance, the scheduler step, and the hooks around it.

It does what diffusers' Stable Diffusion pipelines do per step, in the same order and with the same
arithmetic (so a run matches the pipeline given the same initial latents), plus what InvokeAI adds:
a window of the schedule (``denoising_start`` / ``denoising_end``), inpainting by re-noising the kept
region, ControlNet and T2I-Adapter residuals, per-step guidance scales and cancellation.

Start latents follow InvokeAI's convention: text-to-image starts from ``add_noise(zeros, noise, t0)``,
image-to-image from ``add_noise(latents, noise, t0)``; without noise the given latents are continued
as they are (the refiner hand-off).
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from impasto.errors import InvalidInputError

if TYPE_CHECKING:
    import torch

    from impasto.generation.inpaint import InpaintState
    from impasto.generation.sd.cond_batch import ConditioningBatch
    from impasto.generation.sd.control import AdapterUnit, ControlUnit


@dataclass(frozen=True)
class DenoiseSettings:
    """The numbers a user sets for one denoising run."""

    steps: int
    cfg_scale: float | Sequence[float] = 7.5
    cfg_rescale: float = 0.0
    denoising_start: float = 0.0
    denoising_end: float = 1.0
    seed: int = 0

    def check(self) -> None:
        """Raise :class:`InvalidInputError` naming the first bad setting."""
        if self.steps < 1:
            raise InvalidInputError(f"steps must be at least 1 (got {self.steps})")
        if not 0 <= self.denoising_start < self.denoising_end <= 1:
            raise InvalidInputError(
                f"denoising_start ({self.denoising_start}) must be below denoising_end "
                f"({self.denoising_end}), both from 0 to 1"
            )
        if not 0 <= self.cfg_rescale < 1:
            raise InvalidInputError(
                f"cfg_rescale_multiplier must be from 0 to below 1 (got {self.cfg_rescale})"
            )
        scales = [self.cfg_scale] if isinstance(self.cfg_scale, int | float) else list(self.cfg_scale)
        if not scales or any(not math.isfinite(s) or s < 0 for s in scales):
            raise InvalidInputError(
                f"cfg_scale must be one or more finite numbers >= 0 (got {self.cfg_scale})"
            )


@dataclass(frozen=True)
class StepInfo:
    """What a progress callback learns after each step."""

    step: int  # 1-based
    total: int
    timestep: int
    latents: torch.Tensor
    predicted: torch.Tensor  # the scheduler's estimate of the clean latents (or the latents)


class StepExtension(Protocol):
    """Something that hooks into every step without the loop knowing it (IP-Adapters switching on and off
    by their step window); ``position`` is (0-based step, steps in the run)."""

    def before_step(self, position: tuple[int, int]) -> None: ...


@dataclass
class LoopInputs:
    """Everything the loop needs besides the models."""

    conditioning: ConditioningBatch
    noise: torch.Tensor | None
    latents: torch.Tensor | None
    settings: DenoiseSettings
    inpaint: InpaintState | None = None
    controls: list[ControlUnit] = field(default_factory=list)
    adapters: list[AdapterUnit] = field(default_factory=list)
    extensions: list[StepExtension] = field(default_factory=list)
    on_step: Callable[[StepInfo], None] | None = None
    check_cancel: Callable[[], None] | None = None


@dataclass(frozen=True)
class Schedule:
    """The timesteps of one run (a window of the scheduler's full schedule)."""

    timesteps: torch.Tensor
    start_index: int


def plan_schedule(scheduler: Any, settings: DenoiseSettings, device: torch.device) -> Schedule:
    """Set the scheduler's timesteps and cut the ``denoising_start``..``denoising_end`` window (InvokeAI's
    rule: a step is in the window when its timestep lies between ``T * (1 - end)`` and ``T * (1 - start)``,
    counted in whole scheduler steps for higher-order schedulers)."""
    scheduler.set_timesteps(settings.steps, device=device)
    order = int(getattr(scheduler, "order", 1))
    full = scheduler.timesteps
    whole_steps = full[::order]
    train_steps = int(scheduler.config.num_train_timesteps)
    start_value = round(train_steps * (1 - settings.denoising_start))
    end_value = round(train_steps * (1 - settings.denoising_end))
    start = int((whole_steps >= start_value).sum())
    count = int((whole_steps[start:] >= end_value).sum())
    first, last = start * order, (start + count) * order
    timesteps = full[first:last]
    if len(timesteps) == 0:
        raise InvalidInputError(
            f"denoising from {settings.denoising_start} to {settings.denoising_end} with "
            f"{settings.steps} steps leaves no step to run; use more steps or a wider range"
        )
    if hasattr(scheduler, "set_begin_index"):
        scheduler.set_begin_index(first)
    return Schedule(timesteps, first)


def guidance_scales(settings: DenoiseSettings, count: int) -> list[float]:
    """One guidance scale per timestep; a list must have exactly one value per timestep."""
    if isinstance(settings.cfg_scale, int | float):
        return [float(settings.cfg_scale)] * count
    scales = [float(s) for s in settings.cfg_scale]
    if len(scales) != count:
        raise InvalidInputError(
            f"cfg_scale has {len(scales)} values but this run has {count} steps; give one value per step"
        )
    return scales


def rescale_guidance(guided: torch.Tensor, positive: torch.Tensor, multiplier: float) -> torch.Tensor:
    """CFG rescale (Lin et al. 2023, §3.4): scale the guided prediction back to the positive prediction's
    standard deviation, then mix that with the guided prediction by ``multiplier``."""
    dims = list(range(1, positive.ndim))
    ratio = positive.std(dim=dims, keepdim=True) / guided.std(dim=dims, keepdim=True)
    return multiplier * (guided * ratio) + (1 - multiplier) * guided


def start_latents(scheduler: Any, inputs: LoopInputs, schedule: Schedule) -> torch.Tensor:
    """The latents the first step starts from (see the module docstring)."""
    import torch

    first = schedule.timesteps[:1]
    if inputs.latents is None:
        if inputs.noise is None:
            raise InvalidInputError("denoising needs noise (text to image) or latents (image to image)")
        return scheduler.add_noise(torch.zeros_like(inputs.noise), inputs.noise, first)  # type: ignore[no-any-return]
    if inputs.noise is None:
        return inputs.latents
    return scheduler.add_noise(inputs.latents, inputs.noise, first)  # type: ignore[no-any-return]


Predictor = Callable[
    [Any, Any, "LoopInputs", "torch.Tensor", "torch.Tensor", float, tuple[int, int]], "torch.Tensor"
]
"""Computes one step's guided model output: ``(unet, scheduler, inputs, latents, t, scale, position)``."""


def denoise(
    unet: Any,
    scheduler: Any,
    inputs: LoopInputs,
    *,
    generator: torch.Generator | None,
    predict: Predictor | None = None,
) -> torch.Tensor:
    """Run the loop and return the final latents (B, C, H/f, W/f).

    ``predict`` replaces the single UNet pass of each step (tiled diffusion blends several); the scheduler
    step, previews and cancellation stay the same.
    """
    import torch

    device = inputs.conditioning.embeds.device
    schedule = plan_schedule(scheduler, inputs.settings, device)
    scales = guidance_scales(inputs.settings, len(schedule.timesteps))
    latents = start_latents(scheduler, inputs, schedule)
    step_kwargs = _step_kwargs(scheduler, generator)
    for adapter in inputs.adapters:
        adapter.prepare()
    total = len(schedule.timesteps)
    predict = predict or predict_step
    with torch.no_grad():
        for index, t in enumerate(schedule.timesteps):
            if inputs.check_cancel is not None:
                inputs.check_cancel()
            if inputs.inpaint is not None:
                latents = inputs.inpaint.before_step(scheduler, latents, t)
            for extension in inputs.extensions:
                extension.before_step((index, total))
            prediction = predict(unet, scheduler, inputs, latents, t, scales[index], (index, total))
            output = scheduler.step(prediction, t, latents, **step_kwargs, return_dict=True)
            if inputs.on_step is not None:
                clean = clean_estimate(scheduler, output, latents, prediction, t)
                inputs.on_step(StepInfo(index + 1, total, int(t), output.prev_sample, clean))
            latents = output.prev_sample
        if inputs.inpaint is not None:
            latents = inputs.inpaint.finish(latents)
    return latents


def clean_estimate(
    scheduler: Any, output: Any, latents: torch.Tensor, prediction: torch.Tensor, t: torch.Tensor
) -> torch.Tensor:
    """The scheduler's estimate of the clean latents at this step, for previews.

    Most schedulers report it; for the DPM-Solver family, DEIS, UniPC and PNDM (whose latents are
    ``sqrt(a) * x0 + sqrt(1 - a) * noise``, ``a`` the cumulative alpha) it is solved from the prediction.
    """
    for name in ("pred_original_sample", "denoised"):
        found = getattr(output, name, None)
        if found is not None:
            return found  # type: ignore[no-any-return]
    alphas = getattr(scheduler, "alphas_cumprod", None)
    if alphas is None or float(scheduler.init_noise_sigma) != 1.0:
        return output.prev_sample  # type: ignore[no-any-return]
    alpha: torch.Tensor = alphas[int(t)].to(latents.device, latents.dtype)
    if scheduler.config.prediction_type == "v_prediction":
        return alpha.sqrt() * latents - (1 - alpha).sqrt() * prediction
    return (latents - (1 - alpha).sqrt() * prediction) / alpha.sqrt()


def _step_kwargs(scheduler: Any, generator: torch.Generator | None) -> dict[str, Any]:
    """Stochastic schedulers draw from the run's generator (the others take no generator)."""
    accepted = inspect.signature(scheduler.step).parameters
    return {"generator": generator} if generator is not None and "generator" in accepted else {}


def predict_step(
    unet: Any,
    scheduler: Any,
    inputs: LoopInputs,
    latents: torch.Tensor,
    t: torch.Tensor,
    scale: float,
    position: tuple[int, int],
) -> torch.Tensor:
    """The guided noise (or v) prediction for one step; the negative pass is skipped at scale 1."""
    import torch

    guided = scale != 1.0
    cond = inputs.conditioning if guided else inputs.conditioning.positive_only()
    batch = cond.embeds.shape[0]
    model_input = torch.cat([latents] * batch) if batch > 1 else latents
    model_input = scheduler.scale_model_input(model_input, t)
    extra = _residuals(inputs, model_input, t, cond, position)
    if inputs.inpaint is not None and inputs.inpaint.model_channels is not None:
        model_input = inputs.inpaint.model_input(model_input)
    prediction = unet(model_input, t, **cond.unet_kwargs(), **extra, return_dict=False)[0]
    if not guided:
        return prediction  # type: ignore[no-any-return]
    negative, positive = prediction.chunk(2)
    prediction = negative + scale * (positive - negative)
    if inputs.settings.cfg_rescale > 0:
        prediction = rescale_guidance(prediction, positive, inputs.settings.cfg_rescale)
    return prediction  # type: ignore[no-any-return]


def _residuals(
    inputs: LoopInputs,
    model_input: torch.Tensor,
    t: torch.Tensor,
    cond: ConditioningBatch,
    position: tuple[int, int],
) -> dict[str, Any]:
    """ControlNet and T2I-Adapter additions for this step (summed over the units active at this step)."""
    from impasto.generation.sd.control import adapter_residuals, controlnet_residuals

    extra: dict[str, Any] = {}
    down, mid = controlnet_residuals(inputs.controls, model_input, t, cond, position)
    if down is not None:
        extra["down_block_additional_residuals"] = down
        extra["mid_block_additional_residual"] = mid
    intrablock = adapter_residuals(inputs.adapters, cond.embeds.shape[0], position)
    if intrablock is not None:
        extra["down_intrablock_additional_residuals"] = intrablock
    return extra
