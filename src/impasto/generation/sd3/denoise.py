"""One SD 3 denoise run: load and check the transformer, build the context, run the loop.

The transformer is locked on the execution device only while the loop runs, with cancellation checks in
its layers for large images; an out-of-memory error empties the model cache and becomes an actionable
error. Step previews map latents to RGB with SD 3's published factors, or a map fitted to other VAEs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import ImpastoError, InvalidInputError
from impasto.generation.runtime import ModelSource, Part, StepHooks, execution_device, module_dtype
from impasto.generation.sd3.conditioning import SD3Conditioning
from impasto.generation.sd3.sampling import SD3Inputs, SD3Settings

if TYPE_CHECKING:
    import torch

    from impasto.generation.previews import LatentPreview

logger = logging.getLogger(__name__)

# Rows: SD 3's 16 latent channels; columns: R, G, B in [-1, 1] (ComfyUI's factors for the SD 3 VAE).
SD3_FACTORS = (
    (-0.0922, -0.0175, 0.0749),
    (0.0311, 0.0633, 0.0954),
    (0.1994, 0.0927, 0.0458),
    (0.0856, 0.0339, 0.0902),
    (0.0587, 0.0272, -0.0496),
    (-0.0006, 0.1104, 0.0309),
    (0.0978, 0.0306, 0.0427),
    (-0.0042, 0.1038, 0.1358),
    (-0.0194, 0.0020, 0.0669),
    (-0.0488, 0.0130, -0.0268),
    (0.0922, 0.0988, 0.0951),
    (-0.0278, 0.0524, -0.0542),
    (0.0332, 0.0456, 0.0895),
    (-0.0069, -0.0030, -0.0810),
    (-0.0596, -0.0465, -0.0293),
    (-0.1448, -0.1463, -0.1189),
)
SD3_BIAS = (0.2394, 0.2135, 0.1925)
_SD3_VAE = ((128, 256, 512, 512), 16, 1.5305)  # block widths, latent channels, scaling factor


@dataclass
class SD3DenoiseRequest:
    """Everything one SD 3 denoise run uses; ``vae`` (for previews) may be None."""

    transformer: Part
    scheduler: Part
    positive: SD3Conditioning
    negative: SD3Conditioning | None
    settings: SD3Settings
    noise: torch.Tensor | None = None
    latents: torch.Tensor | None = None
    vae: Part | None = None


def run_sd3_denoise(models: ModelSource, request: SD3DenoiseRequest, hooks: StepHooks) -> torch.Tensor:
    """Denoise as ``request`` says; returns the latents (1, 16, h, w) on the CPU."""
    from impasto.generation.interrupt import interruptible
    from impasto.generation.memory import out_of_memory_guard
    from impasto.generation.sd3.sampling import denoise, make_scheduler

    request.settings.check()
    if request.settings.guided and request.negative is None:
        raise InvalidInputError("cfg_scale above 1 needs a negative conditioning: connect one, or use 1")
    with out_of_memory_guard("denoising") as guard:
        loaded = guard.track(models.load(request.transformer.key, request.transformer.submodel))
        config = models.load(request.scheduler.key, request.scheduler.submodel).model.config
        device = execution_device(loaded, hooks.device)
        preview = _preview(models, request.vae, device) if hooks.progress is not None else None
        with loaded.lock() as transformer:
            dtype = module_dtype(transformer)
            inputs = _inputs(request, transformer.config, device, dtype, hooks, preview)
            reference = _reference(request)
            pixels = int(reference.shape[-1]) * int(reference.shape[-2]) * 64  # latents are 1/8 a side
            with interruptible(transformer, hooks.check_cancel, pixels):
                latents = denoise(transformer, make_scheduler(request.settings.scheduler, config), inputs)
    return latents.detach().to("cpu")


def _reference(request: SD3DenoiseRequest) -> torch.Tensor:
    reference = request.latents if request.latents is not None else request.noise
    if reference is None:
        raise InvalidInputError(
            "denoising needs noise (text to image) or latents (image to image): connect one"
        )
    return reference


def _inputs(
    request: SD3DenoiseRequest,
    config: Any,
    device: torch.device,
    dtype: torch.dtype,
    hooks: StepHooks,
    preview: LatentPreview | None,
) -> SD3Inputs:
    """Context, pooled embeddings and starting tensors on the device, checked against the transformer."""
    import torch

    _check_start(request, int(config.in_channels))
    width = int(config.joint_attention_dim)
    sides = [request.negative, request.positive] if request.settings.guided else [request.positive]
    contexts = [side.joint(width) for side in sides if side is not None]
    if len({tuple(c.shape) for c in contexts}) > 1:
        shapes = " and ".join(str(tuple(c.shape)) for c in contexts)
        raise InvalidInputError(
            f"the negative and positive conditioning differ in shape ({shapes}): encode both with the "
            "same text encoders and T5 length"
        )
    pooled = [side.pooled for side in sides if side is not None]

    def move(tensor: torch.Tensor | None) -> torch.Tensor | None:
        return tensor.to(device=device, dtype=dtype) if tensor is not None else None

    return SD3Inputs(
        context=torch.cat(contexts).to(device=device, dtype=dtype),
        pooled=torch.cat(pooled).to(device=device, dtype=dtype),
        noise=move(request.noise),
        latents=move(request.latents),
        settings=request.settings,
        on_step=_progress(hooks, preview),
        check_cancel=hooks.check_cancel,
    )


def _check_start(request: SD3DenoiseRequest, channels: int) -> None:
    _reference(request)
    noise, latents = request.noise, request.latents
    if latents is None and request.settings.denoising_start > 0:
        raise InvalidInputError("denoising_start > 0 continues from latents: connect the 'latents' input")
    for name, tensor in (("noise", noise), ("latents", latents)):
        if tensor is not None and (tensor.dim() != 4 or tensor.shape[1] != channels):
            raise InvalidInputError(
                f"the {name} have shape {tuple(tensor.shape)} but this transformer works on "
                f"{channels}-channel latents (1, C, h, w); were they made for another model?"
            )
    if noise is not None and latents is not None and noise.shape != latents.shape:
        raise InvalidInputError(
            f"noise {tuple(noise.shape)} and latents {tuple(latents.shape)} differ in size; make the noise "
            "for the image's size"
        )


def sd3_preview(vae_config: Any) -> LatentPreview | None:
    """The published latent → RGB map for the SD 3 VAE, recognised by its architecture and scaling."""
    from impasto.generation.previews import LatentPreview

    blocks = tuple(getattr(vae_config, "block_out_channels", ()))
    seen = (
        blocks,
        int(getattr(vae_config, "latent_channels", 0)),
        round(float(vae_config.scaling_factor), 4),
    )
    return LatentPreview(SD3_FACTORS, SD3_BIAS) if seen == _SD3_VAE else None


def _preview(models: ModelSource, vae: Part | None, device: torch.device) -> LatentPreview | None:
    """The map for the model's VAE: SD 3's published one, fitted for another VAE, SD 3's without one."""
    from impasto.generation.previews import LatentPreview, fit_preview, preview_maps
    from impasto.generation.vae import prepared_vae

    if vae is None:
        return LatentPreview(SD3_FACTORS, SD3_BIAS)
    try:
        loaded = models.load(vae.key, vae.submodel)
    except ImpastoError as exc:
        logger.info("step previews with SD 3's latent map: the VAE cannot be loaded (%s)", exc)
        return LatentPreview(SD3_FACTORS, SD3_BIAS)
    known = sd3_preview(loaded.model.config)
    if known is not None:
        return known

    def fit() -> LatentPreview:
        with loaded.lock() as model, prepared_vae(model, device=device, fp32=False, tiled=False) as ready:
            return fit_preview(ready, device)

    return preview_maps.get(f"{vae.key}/{vae.submodel}", fit)


def _progress(hooks: StepHooks, preview: LatentPreview | None) -> Any:
    progress = hooks.progress
    if progress is None:
        return None

    def report(step: int, total: int, clean: torch.Tensor) -> None:
        image = preview.image(clean) if preview is not None else None
        progress(100.0 * step / total, f"denoising: step {step} of {total}", image)

    return report
