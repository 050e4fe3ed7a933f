"""One denoise run: load and check the models, apply LoRAs, seamless tiling and regional prompts, run
the loop.

Models are locked (on the execution device, safe from eviction) only while the loop runs, LoRA patches
and seamless padding are undone when it ends however it ends, and an out-of-memory error empties the
model cache and becomes an actionable error.
"""

from __future__ import annotations

import logging
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from impasto.errors import ImpastoError, InvalidInputError
from impasto.generation.runtime import ModelSource, StepHooks, check_model, execution_device, module_dtype
from impasto.generation.sd.specs import ControlSpec, DenoiseRequest, IPAdapterSpec
from impasto.models.taxonomy import BaseModelType, ModelType

if TYPE_CHECKING:
    import torch

    from impasto.generation.inpaint import InpaintState
    from impasto.generation.memory import MemoryGuard
    from impasto.generation.previews import LatentPreview
    from impasto.generation.sd.control import AdapterUnit, ControlUnit
    from impasto.generation.sd.loop import Predictor, StepExtension, StepInfo
    from impasto.generation.sd.tiled import Tiling

logger = logging.getLogger(__name__)


def run_denoise(models: ModelSource, request: DenoiseRequest, hooks: StepHooks) -> torch.Tensor:
    """Denoise as ``request`` says; returns the latents (1, C, h, w) on the CPU."""
    from impasto.generation.memory import out_of_memory_guard
    from impasto.sampling.schedulers import scheduler_spec

    request.settings.check()
    scheduler_spec(request.scheduler)  # an unknown name fails before anything is loaded
    if request.tiling is not None:
        from impasto.generation.sd.tiled import check_tiled_request

        check_tiled_request(request.unet.seamless_axes, (request.positive, request.negative))
    with out_of_memory_guard("denoising") as guard:
        return _run(models, request, hooks, guard)


def _run(models: ModelSource, request: DenoiseRequest, hooks: StepHooks, guard: MemoryGuard) -> torch.Tensor:
    from impasto.generation.interrupt import interruptible
    from impasto.generation.sd.lora import apply_loras
    from impasto.generation.seamless import seamless

    spec = request.unet
    record = models.record(spec.unet.key)
    loaded = guard.track(models.load(spec.unet.key, spec.unet.submodel))
    scheduler_config = models.load(spec.scheduler.key, spec.scheduler.submodel).model.config
    loras = [(_lora(models, use.key, record.base, guard), use.weight) for use in spec.loras]
    device = execution_device(loaded, hooks.device)
    preview = _preview(models, spec.unet.key, device) if hooks.progress is not None else None
    with ExitStack() as stack:
        unet = stack.enter_context(loaded.lock())
        stack.enter_context(apply_loras(unet, loras, "unet", base=record.base))
        stack.enter_context(seamless(unet, spec.seamless_axes))
        pixels = _image_pixels(request)
        stack.enter_context(interruptible(unet, hooks.check_cancel, pixels))
        controls = _controlnets(models, request, record.base, stack, guard, device, module_dtype(unet))
        for control in controls:
            stack.enter_context(interruptible(control.model, hooks.check_cancel, pixels))
        adapters = _adapters(models, request, record.base, stack, guard, device, module_dtype(unet))
        extensions = _ip_adapters(models, request, record.base, stack, guard, unet, device)
        units = (controls, adapters, extensions)
        request = _regional(request, unet, stack)
        latents = _loop(unet, request, record, scheduler_config, device, units, hooks, preview)
    return latents.detach().to("cpu")


def _regional(request: DenoiseRequest, unet: Any, stack: ExitStack) -> DenoiseRequest:
    """The request with one conditioning per side; with region masks or several prompts a side, the
    UNet's cross-attention is limited to each prompt's region until the run ends."""
    from impasto.generation.sd.regional import prepare_regions

    reference = request.noise if request.noise is not None else request.latents
    size = (int(reference.shape[-2]), int(reference.shape[-1])) if reference is not None else (0, 0)
    positive, negative, regions = prepare_regions(request.positive, request.negative, size)
    if regions is not None:
        stack.enter_context(regions.applied(unet))
    if positive is request.positive and negative is request.negative:
        return request
    return replace(request, positive=positive, negative=negative)


def _image_pixels(request: DenoiseRequest) -> int | None:
    """The image size a UNet pass works on, in pixels (latents are an eighth of each side)."""
    latents = request.noise if request.noise is not None else request.latents
    if latents is None:
        return None
    height, width = int(latents.shape[-2]), int(latents.shape[-1])
    if request.tiling is not None:
        height, width = min(height, request.tiling.height), min(width, request.tiling.width)
    return width * height * 64


def _loop(
    unet: Any,
    request: DenoiseRequest,
    record: Any,
    scheduler_config: Any,
    device: torch.device,
    units: tuple[list[ControlUnit], list[AdapterUnit], list[StepExtension]],
    hooks: StepHooks,
    preview: LatentPreview | None,
) -> torch.Tensor:
    from impasto.generation.noise import step_generator
    from impasto.generation.schedulers import make_scheduler
    from impasto.generation.sd.cond_batch import batch_conditioning
    from impasto.generation.sd.loop import LoopInputs, denoise
    from impasto.generation.sd.tiled import tiled_loop

    dtype = module_dtype(unet)
    settings = request.settings
    controls, adapters, extensions = units
    noise, latents = _start_tensors(request, unet.config, device, dtype)
    _check_memory(unet, latents if latents is not None else noise, device, request.tiling)
    scheduler = make_scheduler(
        request.scheduler, scheduler_config, seed=settings.seed, prediction_type=record.prediction_type
    )
    inputs = LoopInputs(
        conditioning=batch_conditioning(
            request.positive, request.negative, unet.config, device=device, dtype=dtype
        ),
        noise=noise,
        latents=latents,
        settings=settings,
        inpaint=_inpaint(request, unet.config, noise, latents, scheduler_config, device, dtype),
        controls=controls,
        adapters=adapters,
        extensions=extensions,
        on_step=_progress_callback(hooks, preview),
        check_cancel=hooks.check_cancel,
    )
    predict: Predictor | None = None
    if request.tiling is not None:
        inputs, predict = tiled_loop(request.tiling, inputs)
    return denoise(unet, scheduler, inputs, generator=step_generator(settings.seed, device), predict=predict)


def _check_memory(
    unet: Any, reference: torch.Tensor | None, device: torch.device, tiling: Tiling | None
) -> None:
    """Refuse a step (with tiles: a tile's pass) that needs more working memory than the device has (see
    models.footprint)."""
    from impasto.generation.memory import check_fits
    from impasto.models.footprint import CFG_BATCH, unet_bytes

    if reference is None:
        return
    height, width = int(reference.shape[-2]), int(reference.shape[-1])
    hint = "make the image smaller"
    if tiling is not None:
        height, width = min(height, tiling.height), min(width, tiling.width)
        hint = "use smaller tiles"
    value_bytes = reference.element_size()
    need = unet_bytes(dict(unet.config), width, height, value_bytes=value_bytes, batch=CFG_BATCH)
    check_fits(need, device, "a denoising step on latents of", width, height, hint)


def _start_tensors(
    request: DenoiseRequest, unet_config: Any, device: torch.device, dtype: torch.dtype
) -> tuple[torch.Tensor | None, torch.Tensor | None]:
    """Noise and latents on the device, checked against each other and the UNet."""
    channels = int(unet_config.out_channels)
    noise, latents = request.noise, request.latents
    if noise is None and latents is None:
        raise InvalidInputError(
            "denoising needs noise (text to image) or latents (image to image): connect one"
        )
    if latents is None and request.settings.denoising_start > 0:
        raise InvalidInputError("denoising_start > 0 continues from latents: connect the 'latents' input")
    for name, tensor in (("noise", noise), ("latents", latents)):
        if tensor is not None and (tensor.dim() != 4 or tensor.shape[1] != channels):
            raise InvalidInputError(
                f"the {name} have shape {tuple(tensor.shape)} but this UNet works on {channels}-channel "
                "latents (1, C, h, w); were they made for another model?"
            )
    if noise is not None and latents is not None and noise.shape != latents.shape:
        raise InvalidInputError(
            f"noise {tuple(noise.shape)} and latents {tuple(latents.shape)} differ in size; make the noise "
            "for the image's size"
        )
    return tuple(t.to(device=device, dtype=dtype) if t is not None else None for t in (noise, latents))  # type: ignore[return-value]


def _inpaint(
    request: DenoiseRequest,
    unet_config: Any,
    noise: torch.Tensor | None,
    latents: torch.Tensor | None,
    scheduler_config: Any,
    device: torch.device,
    dtype: torch.dtype,
) -> InpaintState | None:
    from impasto.generation.inpaint import inpaint_state, latent_mask
    from impasto.generation.noise import noise_like

    reference = latents if latents is not None else noise
    assert reference is not None
    size = (int(reference.shape[-2]), int(reference.shape[-1]))
    given = request.inpaint
    mask = latent_mask(given.mask, size).to(device=device, dtype=dtype) if given is not None else None
    if mask is not None and latents is not None and noise is None:
        noise = noise_like(request.settings.seed, latents).to(device=device, dtype=dtype)
    masked = given.masked_latents if given is not None else None
    return inpaint_state(
        unet_channels=int(unet_config.in_channels),
        latent_channels=int(unet_config.out_channels),
        mask=mask,
        original=latents,
        noise=noise,
        gradient=given.gradient if given is not None else False,
        masked_latents=masked.to(device=device, dtype=dtype) if masked is not None else None,
        train_steps=int(scheduler_config.num_train_timesteps),
    )


def _lora(models: ModelSource, key: str, base: BaseModelType, guard: MemoryGuard) -> Any:
    from impasto.generation.sd.lora import check_lora_base

    record = check_model(models.record(key), ModelType.LORA, None, "LoRA")
    check_lora_base(record.name, record.base, base)
    return guard.track(models.load(key)).model


def _controlnets(
    models: ModelSource,
    request: DenoiseRequest,
    base: BaseModelType,
    stack: ExitStack,
    guard: MemoryGuard,
    device: torch.device,
    dtype: torch.dtype,
) -> list[ControlUnit]:
    from impasto.generation.sd.control import ControlUnit, controlnet_scale

    units = []
    for spec in request.controlnets:
        _check_window(spec)
        check_model(models.record(spec.model_key), ModelType.CONTROLNET, base, "ControlNet")
        model = stack.enter_context(guard.track(models.load(spec.model_key)).lock())
        image = _control_image(spec, request, controlnet_scale(model), device, dtype)
        units.append(ControlUnit(model, image, spec.weight, spec.begin, spec.end, spec.control_mode))  # type: ignore[arg-type]
    return units


def _adapters(
    models: ModelSource,
    request: DenoiseRequest,
    base: BaseModelType,
    stack: ExitStack,
    guard: MemoryGuard,
    device: torch.device,
    dtype: torch.dtype,
) -> list[AdapterUnit]:
    from impasto.generation.sd.control import ADAPTER_SCALE, AdapterUnit

    units = []
    for spec in request.adapters:
        _check_window(spec)
        check_model(models.record(spec.model_key), ModelType.T2I_ADAPTER, base, "T2I-Adapter")
        model = stack.enter_context(guard.track(models.load(spec.model_key)).lock())
        image = _control_image(spec, request, ADAPTER_SCALE, device, dtype)
        units.append(AdapterUnit(model, image, spec.weight, spec.begin, spec.end))
    return units


def _ip_adapters(
    models: ModelSource,
    request: DenoiseRequest,
    base: BaseModelType,
    stack: ExitStack,
    guard: MemoryGuard,
    unet: Any,
    device: torch.device,
) -> list[StepExtension]:
    """The IP-Adapter units encoded and their attention installed on the UNet for the run."""
    if not request.ip_adapters:
        return []
    from impasto.generation.sd.ip_adapter import ip_adapter_attention

    reference = request.latents if request.latents is not None else request.noise
    assert reference is not None
    size = (int(reference.shape[-2]), int(reference.shape[-1]))
    used = [spec for spec in request.ip_adapters if spec.weight != 0]  # weight 0: exactly no adapter
    units = [_ip_adapter(models, spec, base, stack, guard, device, size, unet) for spec in used]
    if not units:
        return []
    return [stack.enter_context(ip_adapter_attention(unet, units, size, sdxl=base is BaseModelType.SDXL))]


def _ip_adapter(
    models: ModelSource,
    spec: IPAdapterSpec,
    base: BaseModelType,
    stack: ExitStack,
    guard: MemoryGuard,
    device: torch.device,
    size: tuple[int, int],
    unet: Any,
) -> Any:
    from impasto.generation.inpaint import latent_mask
    from impasto.generation.sd.ip_adapter import make_unit, mask_tensor

    if not 0 <= spec.begin <= spec.end <= 1:
        raise InvalidInputError(
            f"an IP-Adapter's begin_step_percent ({spec.begin}) and end_step_percent ({spec.end}) must be "
            "from 0 to 1, begin first"
        )
    check_model(models.record(spec.model_key), ModelType.IP_ADAPTER, base, "IP-Adapter")
    check_model(models.record(spec.image_encoder_key), ModelType.CLIP_VISION, None, "image encoder")
    parts = guard.track(models.load(spec.model_key)).model
    encoder = stack.enter_context(guard.track(models.load(spec.image_encoder_key)).lock())
    dtype = module_dtype(unet)
    mask = None
    if spec.mask is not None:
        mask = latent_mask(mask_tensor(spec.mask), size).to(device=device, dtype=dtype)
    return make_unit(
        parts, encoder, spec.images, device=device, dtype=dtype,
        weight=spec.weight, begin=spec.begin, end=spec.end, method=spec.method, mask=mask,
    )  # fmt: skip


def _check_window(spec: ControlSpec) -> None:
    if spec.begin > spec.end:
        raise InvalidInputError(
            f"a control unit's begin_step_percent ({spec.begin}) is after its end_step_percent ({spec.end})"
        )


def _control_image(
    spec: ControlSpec, request: DenoiseRequest, scale: int, device: torch.device, dtype: torch.dtype
) -> torch.Tensor:
    """The control image fitted to the latents' size times the control model's scale."""
    from impasto.generation.sd.control import image_tensor, resize_control_image

    reference = request.latents if request.latents is not None else request.noise
    assert reference is not None
    height, width = int(reference.shape[-2]) * scale, int(reference.shape[-1]) * scale
    fitted = resize_control_image(spec.image, width, height, spec.resize_mode)  # type: ignore[arg-type]
    return image_tensor(fitted, device, dtype)


def _preview(models: ModelSource, main_key: str, device: torch.device) -> LatentPreview | None:
    """The latent → RGB map for the main model's VAE (known, or fitted once and cached)."""
    from impasto.generation.previews import fit_preview, known_preview, preview_maps
    from impasto.generation.vae import prepared_vae

    try:
        loaded = models.load(main_key, "vae")
    except ImpastoError as exc:
        logger.info("no step previews: the model's VAE cannot be loaded (%s)", exc)
        return None
    known = known_preview(loaded.model.config)
    if known is not None:
        return known

    def fit() -> LatentPreview:
        with loaded.lock() as vae, prepared_vae(vae, device=device, fp32=False, tiled=False) as ready:
            return fit_preview(ready, device)

    return preview_maps.get(main_key, fit)


def _progress_callback(hooks: StepHooks, preview: LatentPreview | None) -> Any:
    progress = hooks.progress
    if progress is None:
        return None

    def report(info: StepInfo) -> None:
        image = preview.image(info.predicted) if preview is not None else None
        progress(100.0 * info.step / info.total, f"denoising: step {info.step} of {info.total}", image)

    return report
