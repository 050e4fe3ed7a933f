"""One FLUX denoise run: load and check the models, apply LoRAs, run the loop, report progress.

As for Stable Diffusion, the transformer is locked on the execution device only while the loop runs,
LoRA patches are undone when it ends however it ends, every layer checks for cancellation on large
images, and an out-of-memory error empties the model cache and becomes an actionable error.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from impasto.errors import ImpastoError, InvalidInputError
from impasto.generation.runtime import ModelSource, StepHooks, check_model, execution_device, module_dtype
from impasto.models.taxonomy import BaseModelType, ModelType

if TYPE_CHECKING:
    import torch

    from impasto.generation.flux.loop import FluxLoopInputs, FluxStep
    from impasto.generation.flux.specs import FluxDenoiseRequest
    from impasto.generation.memory import MemoryGuard
    from impasto.generation.previews import LatentPreview
    from impasto.generation.runtime import LoraUse

logger = logging.getLogger(__name__)


def load_flux_loras(
    models: ModelSource, uses: tuple[LoraUse, ...], guard: MemoryGuard
) -> list[tuple[Any, float]]:
    """The LoRAs to apply with their strengths, each checked to be a FLUX LoRA."""
    loaded = []
    for use in uses:
        check_model(models.record(use.key), ModelType.LORA, BaseModelType.FLUX, "LoRA")
        loaded.append((guard.track(models.load(use.key)).model, use.weight))
    return loaded


def run_flux_denoise(models: ModelSource, request: FluxDenoiseRequest, hooks: StepHooks) -> torch.Tensor:
    """Denoise as ``request`` says; returns the latents (1, 16, h, w) on the CPU."""
    from impasto.generation.memory import out_of_memory_guard
    from impasto.sampling.flow import flow_scheduler

    request.settings.check()
    flow_scheduler(request.scheduler)  # an unknown name fails before anything is loaded
    with out_of_memory_guard("denoising") as guard:
        return _run(models, request, hooks, guard)


def _run(
    models: ModelSource, request: FluxDenoiseRequest, hooks: StepHooks, guard: MemoryGuard
) -> torch.Tensor:
    from impasto.generation.flux.loop import denoise_flux
    from impasto.generation.flux.lora import apply_flux_loras
    from impasto.generation.flux.schedule import make_flow_scheduler
    from impasto.generation.interrupt import interruptible
    from impasto.generation.noise import step_generator

    spec = request.transformer
    check_model(models.record(spec.transformer.key), ModelType.MAIN, BaseModelType.FLUX, "FLUX transformer")
    loaded = guard.track(models.load(spec.transformer.key, spec.transformer.submodel))
    scheduler_config = dict(models.load(spec.scheduler.key, spec.scheduler.submodel).model.config)
    loras = load_flux_loras(models, spec.loras, guard)
    device = execution_device(loaded, hooks.device)
    preview = _preview(models, spec.transformer.key, device) if hooks.progress is not None else None
    with ExitStack() as stack:
        transformer = stack.enter_context(loaded.lock())
        stack.enter_context(apply_flux_loras(transformer, loras, "transformer"))
        inputs = _inputs(request, transformer, scheduler_config, device, hooks, preview)
        reference = inputs.latents if inputs.latents is not None else inputs.noise
        assert reference is not None
        pixels = int(reference.shape[-1]) * int(reference.shape[-2]) * 64
        stack.enter_context(interruptible(transformer, hooks.check_cancel, pixels))
        scheduler = make_flow_scheduler(request.scheduler, scheduler_config)
        generator = step_generator(request.settings.seed, device)
        latents = denoise_flux(transformer, scheduler, scheduler_config, inputs, generator=generator)
    return latents.detach().to("cpu")


def _inputs(
    request: FluxDenoiseRequest,
    transformer: Any,
    scheduler_config: dict[str, Any],
    device: torch.device,
    hooks: StepHooks,
    preview: LatentPreview | None,
) -> FluxLoopInputs:
    from impasto.generation.flux.inpaint import blend_state, fill_inputs, is_fill
    from impasto.generation.flux.loop import FluxLoopInputs
    from impasto.generation.noise import noise_like

    dtype = module_dtype(transformer)
    noise, latents = (
        t.to(device=device, dtype=dtype) if t is not None else None for t in (request.noise, request.latents)
    )
    if noise is None and latents is None:
        raise InvalidInputError(
            "denoising needs noise (text to image) or latents (image to image): connect one"
        )
    fill = is_fill(transformer.config)
    reference = latents if latents is not None else noise
    assert reference is not None
    size = (int(reference.shape[-2]), int(reference.shape[-1]))
    given = request.inpaint
    inpaint = None
    if given is not None and latents is not None:
        renoise = noise if noise is not None else noise_like(request.settings.seed, latents).to(device)
        train_steps = int(scheduler_config.get("num_train_timesteps", 1000))
        inpaint = blend_state(given, latents, renoise, train_steps, fill=fill)
    elif given is not None and not fill:
        raise InvalidInputError("inpainting needs the latents of the source image (connect 'latents')")
    return FluxLoopInputs(
        positive=request.positive,
        negative=request.negative,
        settings=request.settings,
        noise=noise,
        latents=latents,
        inpaint=inpaint,
        fill=fill_inputs(given, size, dtype).to(device) if fill else None,
        reference=request.kontext,
        redux=_checked_redux(request, transformer),
        on_step=_progress_callback(hooks, preview),
        check_cancel=hooks.check_cancel,
    )


def _checked_redux(request: FluxDenoiseRequest, transformer: Any) -> tuple[Any, ...]:
    """The Redux tokens, each as wide as the transformer's text stream."""
    width = int(transformer.config.joint_attention_dim)
    for segment in request.redux:
        if int(segment.embeds.shape[-1]) != width:
            raise InvalidInputError(
                f"the Redux tokens are {int(segment.embeds.shape[-1])} wide but this FLUX transformer reads "
                f"{width}-wide text tokens; use a Redux model made for it"
            )
    return request.redux


def _preview(models: ModelSource, key: str, device: torch.device) -> LatentPreview | None:
    """The latent → RGB map of the model's VAE: FLUX's known one, or fitted once for another VAE. A model
    without a VAE of its own (a single transformer file) previews with FLUX's map."""
    from impasto.generation.previews import FLUX_PREVIEW, fit_preview, known_preview, preview_maps
    from impasto.generation.vae import prepared_vae

    try:
        loaded = models.load(key, "vae")
    except ImpastoError:
        return FLUX_PREVIEW
    known = known_preview(loaded.model.config)
    if known is not None:
        return known

    def fit() -> LatentPreview:
        with loaded.lock() as vae, prepared_vae(vae, device=device, fp32=False, tiled=False) as ready:
            return fit_preview(ready, device)

    return preview_maps.get(key, fit)


def _progress_callback(hooks: StepHooks, preview: LatentPreview | None) -> Any:
    progress = hooks.progress
    if progress is None:
        return None

    def report(info: FluxStep) -> None:
        image = preview.image(info.predicted) if preview is not None else None
        progress(100.0 * info.step / info.total, f"denoising: step {info.step} of {info.total}", image)

    return report
