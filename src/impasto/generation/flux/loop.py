"""FLUX's denoise loop: the transformer predicts a velocity on packed latents, the scheduler steps along
the shifted sigmas.

It does per step what diffusers' ``FluxPipeline`` does, with the same arithmetic, so a run matches the
pipeline given the same embeddings and initial latents; and what InvokeAI adds: a window of the schedule
(image to image starts at ``denoising_start`` from the source latents noised to that step's sigma,
``x = s·noise + (1 - s)·latents``), inpainting (the kept region is replaced by the source at the current
noise level before every step, gradient masks included, as for Stable Diffusion), FLUX Fill models (the
masked image's latents and the mask as extra input channels), FLUX Kontext references (their tokens
appended to the image's, see :mod:`.kontext`), regional prompts and Redux image tokens (one text stream
under an attention mask, see :mod:`.regional`), and cancellation.

Guidance: dev models take the guidance value as an input (distilled guidance, 3.5 by default); schnell
has no such input and ignores it. ``cfg_scale`` > 1 with a negative prompt adds true classifier-free
guidance on top, at the cost of a second transformer pass per step.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.flux.kontext import KontextTokens, kontext_tokens
from impasto.generation.flux.packing import check_latents, image_ids, pack, unpack
from impasto.generation.flux.regional import JointText, Layout, TextSegment, joint_text, regional_attention
from impasto.generation.flux.schedule import FluxSchedule, plan_flux_schedule

if TYPE_CHECKING:
    import torch

    from impasto.generation.flux.conditioning import FluxConditioning
    from impasto.generation.inpaint import InpaintState

DEFAULT_GUIDANCE = 3.5


@dataclass(frozen=True)
class FluxSettings:
    """The numbers a user sets for one FLUX run."""

    steps: int
    guidance: float = DEFAULT_GUIDANCE
    cfg_scale: float = 1.0
    denoising_start: float = 0.0
    denoising_end: float = 1.0
    seed: int = 0

    def check(self) -> None:
        """Raise :class:`InvalidInputError` naming the first bad setting."""
        if self.steps < 1:
            raise InvalidInputError(f"num_steps must be at least 1 (got {self.steps})")
        if not 0 <= self.denoising_start < self.denoising_end <= 1:
            raise InvalidInputError(
                f"denoising_start ({self.denoising_start}) must be below denoising_end "
                f"({self.denoising_end}), both from 0 to 1"
            )
        if self.cfg_scale < 1:
            raise InvalidInputError(f"cfg_scale must be at least 1 (1 = off; got {self.cfg_scale})")


@dataclass(frozen=True)
class FluxStep:
    """What a progress callback learns after each scheduler step."""

    step: int  # 1-based
    total: int
    predicted: torch.Tensor  # (1, 16, h, w): the estimate of the clean latents


@dataclass
class FluxLoopInputs:
    """Everything the loop needs besides the transformer and scheduler. Latents are unpacked (1, 16, h, w).
    Several prompts, those with masks each conditioning their region, make a regional generation."""

    positive: FluxConditioning | Sequence[FluxConditioning]
    settings: FluxSettings
    noise: torch.Tensor | None = None
    latents: torch.Tensor | None = None
    negative: FluxConditioning | Sequence[FluxConditioning] | None = None
    redux: Sequence[TextSegment] = ()  # Redux image tokens, appended to the positive prompts
    inpaint: InpaintState | None = None  # packed mask, source and noise (see flux.inpaint)
    fill: torch.Tensor | None = None  # (1, tokens, 320): masked image latents + mask, for Fill models
    reference: torch.Tensor | None = None  # (1, 16, h', w'): a Kontext reference image's latents
    on_step: Callable[[FluxStep], None] | None = None
    check_cancel: Callable[[], None] | None = None


def denoise_flux(
    transformer: Any,
    scheduler: Any,
    scheduler_config: Any,
    inputs: FluxLoopInputs,
    *,
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    """Run the loop and return the final latents, unpacked (1, 16, h, w)."""
    import torch

    reference = inputs.latents if inputs.latents is not None else inputs.noise
    if reference is None:
        raise InvalidInputError("denoising needs noise (text to image) or latents (image to image)")
    check_latents(reference, "latents" if inputs.latents is not None else "noise")
    height, width = int(reference.shape[-2]), int(reference.shape[-1])
    device, dtype = reference.device, reference.dtype
    settings = inputs.settings
    span = (settings.denoising_start, settings.denoising_end)
    tokens = (height // 2) * (width // 2)
    schedule = plan_flux_schedule(scheduler, scheduler_config, settings.steps, tokens, span, device)
    latents = pack(_start(inputs, schedule))
    kontext = _kontext(inputs, device, dtype)
    ids = image_ids(height, width, device, dtype)
    if kontext is not None:
        ids = torch.cat([ids, kontext.ids])
    layout = Layout(height // 2, width // 2, kontext.ids.shape[0] if kontext is not None else 0)
    positive, negative = _texts(inputs, layout, device, dtype)
    guidance = _guidance(transformer, settings.guidance, device)
    step_kwargs = _step_kwargs(scheduler, generator)
    total = len(schedule.timesteps)
    with torch.no_grad(), _masked(transformer, positive, negative) as predict:
        for index, t in enumerate(schedule.timesteps):
            if inputs.check_cancel is not None:
                inputs.check_cancel()
            if inputs.inpaint is not None:
                latents = inputs.inpaint.before_step(_FlowNoiser(scheduler_config), latents, t)
            args = (transformer, _model_input(latents, inputs.fill, kontext), t, ids, guidance)
            velocity = predict(*args, positive)[:, :tokens]  # the reference's tokens are dropped
            if negative is not None and settings.cfg_scale != 1:
                unguided = predict(*args, negative)[:, :tokens]
                velocity = unguided + settings.cfg_scale * (velocity - unguided)
            sigma = _sigma(scheduler, schedule, index)
            latents_before = latents
            latents = scheduler.step(velocity, t, latents, **step_kwargs, return_dict=False)[0]
            if inputs.on_step is not None:
                clean = unpack(latents_before - sigma * velocity, height, width)
                inputs.on_step(FluxStep(index + 1, total, clean))
        if inputs.inpaint is not None:
            latents = inputs.inpaint.finish(latents)
    return unpack(latents, height, width)


def _start(inputs: FluxLoopInputs, schedule: FluxSchedule) -> torch.Tensor:
    """Text to image starts from the noise; image to image from the latents noised to the first sigma;
    latents without noise are continued as they are."""
    if inputs.latents is None:
        if inputs.noise is None or schedule.start_index > 0:
            raise InvalidInputError("denoising_start > 0 continues from latents: connect the 'latents' input")
        return inputs.noise
    if inputs.noise is None:
        return inputs.latents
    if inputs.noise.shape != inputs.latents.shape:
        raise InvalidInputError(
            f"noise {tuple(inputs.noise.shape)} and latents {tuple(inputs.latents.shape)} differ in size; "
            "make the noise for the image's size"
        )
    sigma = schedule.first_sigma
    return sigma * inputs.noise + (1.0 - sigma) * inputs.latents


def _kontext(inputs: FluxLoopInputs, device: torch.device, dtype: torch.dtype) -> KontextTokens | None:
    if inputs.reference is None:
        return None
    if inputs.fill is not None:
        raise InvalidInputError(
            "a FLUX Fill model cannot take a Kontext reference image; use a FLUX Kontext model, or "
            "disconnect the kontext conditioning"
        )
    return kontext_tokens(inputs.reference, device, dtype)


def _model_input(
    latents: torch.Tensor, fill: torch.Tensor | None, reference: KontextTokens | None
) -> torch.Tensor:
    """The transformer's image stream: (1, tokens, 64), Fill's 320 extra values per token, or the
    reference's tokens after the image's, (1, tokens + reference tokens, 64)."""
    import torch

    if fill is not None:
        return torch.cat([latents, fill.to(latents.dtype)], dim=2)
    if reference is not None:
        return torch.cat([latents, reference.tokens], dim=1)
    return latents


def _listed(prompts: FluxConditioning | Sequence[FluxConditioning]) -> list[FluxConditioning]:
    return list(prompts) if isinstance(prompts, Sequence) else [prompts]


def _texts(
    inputs: FluxLoopInputs, layout: Layout, device: torch.device, dtype: torch.dtype
) -> tuple[JointText, JointText | None]:
    """The positive text stream (prompts and Redux tokens) and the negative one, if true CFG has any:
    the negative prompts plus each ``auto_negative`` region's prompt over what is outside its region."""
    positives = _listed(inputs.positive)
    negatives = _listed(inputs.negative) if inputs.negative is not None else []
    negatives += [
        replace(p, mask=1 - p.mask.float(), auto_negative=False)
        for p in positives
        if p.auto_negative and p.mask is not None
    ]
    positive = joint_text(positives, inputs.redux, layout, device, dtype)
    negative = joint_text(negatives, (), layout, device, dtype) if negatives else None
    return positive, negative


@contextmanager
def _masked(transformer: Any, *texts: JointText | None) -> Iterator[Callable[..., torch.Tensor]]:
    """The transformer call for the run: plain when no text stream has an attention mask; otherwise
    with the regional mask set before each pass (see :mod:`.regional`)."""
    if all(text is None or text.attention is None for text in texts):
        yield _predict
        return
    with regional_attention(transformer) as switch:

        def predict(*args: Any) -> torch.Tensor:
            switch.use(args[-1].attention)
            return _predict(*args)

        yield predict


def _guidance(transformer: Any, value: float, device: torch.device) -> torch.Tensor | None:
    """dev models embed the guidance value (as float32, like diffusers); schnell has no such input."""
    import torch

    if not transformer.config.guidance_embeds:
        return None
    return torch.full([1], value, device=device, dtype=torch.float32)


def _predict(
    transformer: Any,
    latents: torch.Tensor,
    t: torch.Tensor,
    ids: torch.Tensor,
    guidance: torch.Tensor | None,
    text: JointText,
) -> torch.Tensor:
    timestep = t.expand(latents.shape[0]).to(latents.dtype)
    output = transformer(
        hidden_states=latents,
        timestep=timestep / 1000,
        guidance=guidance.expand(latents.shape[0]) if guidance is not None else None,
        pooled_projections=text.pooled,
        encoder_hidden_states=text.embeds,
        txt_ids=text.ids,
        img_ids=ids,
        return_dict=False,
    )
    return output[0]  # type: ignore[no-any-return]


def _sigma(scheduler: Any, schedule: FluxSchedule, index: int) -> float:
    """The sigma of the latents the step at ``index`` (of the window) starts from."""
    return float(scheduler.sigmas[schedule.start_index + index])


def _step_kwargs(scheduler: Any, generator: torch.Generator | None) -> dict[str, Any]:
    """LCM draws noise while stepping, from the run's generator; the others take none."""
    accepted = inspect.signature(scheduler.step).parameters
    return {"generator": generator} if generator is not None and "generator" in accepted else {}


class _FlowNoiser:
    """Noises latents to a timestep the flow-matching way, for the shared inpainting blend:
    ``x = s·noise + (1 - s)·x0`` with ``s = t / num_train_timesteps``."""

    def __init__(self, config: Any) -> None:
        self.train_steps = int(config.get("num_train_timesteps", 1000))

    def add_noise(self, original: torch.Tensor, noise: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        sigma = t.to(original.dtype) / self.train_steps
        return sigma * noise + (1.0 - sigma) * original
