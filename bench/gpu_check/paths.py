"""The two ways of running the same Stable Diffusion denoising: a plain diffusers loop, and Impasto's
denoise path; and the model source both families' Impasto paths read their models from.

The diffusers loop is what ``StableDiffusionPipeline`` / ``StableDiffusionXLPipeline`` do per step (scale
the doubled latents, one UNet call for negative and positive, guidance, scheduler step) without anything
else. Impasto's path is :func:`impasto.generation.sd.denoise.run_denoise`, called the way the denoise node
calls it: models from a model source backed by Impasto's model cache (locked per run), conditioning and
noise as the prompt and noise nodes store them (on the CPU, float32), and step hooks that report progress
with a latent preview and check for cancellation every step. Both use Euler from the model's scheduler
config and the same guidance scale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from typing import Any

import torch
from diffusers import EulerDiscreteScheduler
from PIL import Image

from impasto.generation.runtime import Part, StepHooks
from impasto.generation.sd.cond_data import Conditioning, SDXLConditioning
from impasto.generation.sd.denoise import run_denoise
from impasto.generation.sd.loop import DenoiseSettings
from impasto.generation.sd.specs import DenoiseRequest, UNetSpec
from impasto.models.cache import ModelCache, ModelNotCachedError
from impasto.models.identity import ModelRecord
from impasto.models.loaders.base import SubModel
from impasto.models.loaders.service import LoadedModel
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, PredictionType

MODEL_KEY = "gpu-check-main"
SCHEDULER = "euler"
GUIDANCE = 7.5
SEED = 0


class CachedModels:
    """The node context's ``ctx.models`` for one main model whose parts were put into a model cache."""

    def __init__(self, cache: ModelCache, record: ModelRecord) -> None:
        self.cache = cache
        self._record = record

    def record(self, key: str) -> ModelRecord:
        if key != self._record.key:
            raise ModelNotCachedError(f"no model {key!r} in this check")
        return self._record

    def load(self, key: str, submodel: str | None = None) -> LoadedModel:
        part = SubModel(submodel) if submodel is not None else None
        obj = self.cache.get_or_load(key, part, partial(_not_cached, key, part))
        return LoadedModel(key, part, obj, self.cache)


def _not_cached(key: str, submodel: SubModel | None) -> Any:
    raise ModelNotCachedError(f"{key}/{submodel} was not built for this check")


def main_record(base: BaseModelType, prediction: PredictionType, nbytes: int) -> ModelRecord:
    """The record of a main model built in memory (nothing on disk)."""
    now = datetime.now(UTC)
    return ModelRecord(
        key=MODEL_KEY,
        name=f"random {base} weights",
        base=base,
        type=ModelType.MAIN,
        format=ModelFormat.DIFFUSERS,
        prediction_type=prediction,
        path="(built in memory)",
        owned=False,
        hash="none",
        size=nbytes,
        source="bench.gpu",
        source_type="path",
        created_at=now,
        updated_at=now,
    )


def denoise_request(
    positive: Conditioning, negative: Conditioning, noise: torch.Tensor, steps: int
) -> DenoiseRequest:
    """Text to image from ``noise``, as the denoise node asks for it."""
    return DenoiseRequest(
        unet=UNetSpec(Part(MODEL_KEY, SubModel.UNET), Part(MODEL_KEY, SubModel.SCHEDULER)),
        positive=positive,
        negative=negative,
        scheduler=SCHEDULER,
        settings=DenoiseSettings(steps=steps, cfg_scale=GUIDANCE, seed=SEED),
        noise=noise,
    )


def node_hooks(device: torch.device) -> StepHooks:
    """The step hooks a denoise node passes: progress with a latent preview, and a cancellation check."""
    previews: list[Image.Image | None] = []

    def progress(percent: float, message: str, image: Image.Image | None) -> None:
        previews[:] = [image]  # the node hands it to the event bus; keeping the last one is enough here

    def check_cancel() -> None:
        return None

    return StepHooks(progress=progress, check_cancel=check_cancel, device=str(device))


def run_impasto(models: CachedModels, request: DenoiseRequest, device: torch.device) -> torch.Tensor:
    """Impasto's denoise path with the denoise node's step hooks; the final latents on the CPU."""
    return run_denoise(models, request, node_hooks(device))


class RawInputs:
    """The conditioning and noise as a diffusers pipeline prepares them: batched, on the device."""

    def __init__(
        self,
        positive: Conditioning,
        negative: Conditioning,
        noise: torch.Tensor,
        device: torch.device,
        dtype: torch.dtype,
    ) -> None:
        self.embeds = torch.cat([negative.embeds, positive.embeds]).to(device, dtype)  # (2, 77, width)
        self.added: dict[str, torch.Tensor] | None = None
        if isinstance(positive, SDXLConditioning) and isinstance(negative, SDXLConditioning):
            time_ids = [*positive.original_size, *positive.crop_top_left, *positive.target_size]
            self.added = {
                "text_embeds": torch.cat([negative.pooled, positive.pooled]).to(device, dtype),  # (2, 1280)
                "time_ids": torch.tensor([time_ids, time_ids], device=device, dtype=dtype),  # (2, 6)
            }
        self.noise = noise.to(device, dtype)  # (1, 4, h, w)


def run_diffusers(unet: Any, scheduler_config: dict[str, Any], inputs: RawInputs, steps: int) -> torch.Tensor:
    """The pipelines' denoising loop, nothing else; the final latents on the device."""
    scheduler = EulerDiscreteScheduler.from_config(scheduler_config)  # type: ignore[no-untyped-call]
    scheduler.set_timesteps(steps, device=inputs.noise.device)
    latents = inputs.noise * scheduler.init_noise_sigma
    kwargs: dict[str, Any] = {"encoder_hidden_states": inputs.embeds}
    if inputs.added is not None:
        kwargs["added_cond_kwargs"] = inputs.added
    with torch.no_grad():
        for t in scheduler.timesteps:
            model_input = scheduler.scale_model_input(torch.cat([latents] * 2), t)
            prediction = unet(model_input, t, **kwargs, return_dict=False)[0]
            negative, positive = prediction.chunk(2)
            prediction = negative + GUIDANCE * (positive - negative)
            latents = scheduler.step(prediction, t, latents, return_dict=False)[0]
    return latents  # type: ignore[no-any-return]


class SDWorkload:
    """A Stable Diffusion text-to-image run: prompt conditioning (with CFG) and noise."""

    def __init__(self, positive: Conditioning, negative: Conditioning, noise: torch.Tensor) -> None:
        self.positive, self.negative, self.noise = positive, negative, noise

    def diffusers(
        self, denoiser: Any, scheduler_config: Any, device: torch.device, dtype: torch.dtype
    ) -> Callable[[int], torch.Tensor]:
        inputs = RawInputs(self.positive, self.negative, self.noise, device, dtype)
        return partial(run_diffusers, denoiser, scheduler_config, inputs)

    def impasto(self, models: CachedModels, device: torch.device) -> Callable[[int], torch.Tensor]:
        def run(steps: int) -> torch.Tensor:
            request = denoise_request(self.positive, self.negative, self.noise, steps)
            return run_impasto(models, request, device)

        return run
