"""FLUX.1: a flow-matching transformer, CLIP-L (pooled) and T5 (per token) prompts, a 16-channel VAE.

``flux_model_loader`` → FLUX LoRAs → ``flux_text_encoder`` → ``flux_denoise`` (with the shared noise
node). A diffusers folder holds every part; a single file often holds only the transformer (BFL, ComfyUI
and GGUF files), and then the T5 encoder, CLIP-L and VAE are separate models: the request's, else the
first installed one that fits, else an error naming what to install. dev models follow a distilled
guidance value; schnell has none. ``cfg_scale`` is true classifier-free guidance, off at 1: the negative
prompt is encoded only above it (each step then runs twice). Fill models read the mask and the masked
image themselves, so they inpaint and outpaint only. Kontext models edit a reference image as the prompt
says: ``load_image`` → ``flux_kontext`` (with the FLUX VAE) → every denoise node's ``kontext_conditioning``;
the result has the reference's Kontext size unless the request gives one, and image to image and
inpainting work with a reference too (the reference's tokens are read beside the image's). Regional
prompts and FLUX Redux reference images: see :mod:`.flux_regions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from impasto.builders.checks import find_model, invalid
from impasto.builders.draft import GraphDraft, Out, image_input, model_input
from impasto.builders.families.base import (
    NEGATIVE,
    POSITIVE,
    Controls,
    ModelParts,
    Prompts,
    Schedule,
    SeparateParts,
)
from impasto.builders.families.flow import FlowTransformer, separate_model
from impasto.builders.families.flux_regions import add_flux_regions, check_flux_regions
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, ModelVariant
from impasto.sampling.flow import UnknownFlowSchedulerError, flow_scheduler
from impasto.sampling.kontext import kontext_size

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord
    from impasto.models.taxonomy import DefaultSettings

REFERENCE = "reference_image"
KONTEXT = "kontext"

FILL_GUIDANCE = 30.0
"""Guidance of Fill models when neither the request nor the model gives one (diffusers' default)."""


@dataclass(frozen=True)
class _Part:
    """A part a single-file FLUX model may lack, and how a separate model for it is found."""

    field: str  # the request field naming it (and the loader input it feeds, see LOADER_INPUTS)
    bundled: str  # its name in an all-in-one file's ``details["bundled"]``
    type: ModelType
    what: str
    example: str
    width: int | None = None  # the encoder width it must have, where the record tells

    def fits(self, record: ModelRecord) -> bool:
        if record.type is not self.type:
            return False
        if self.type is ModelType.VAE:
            return record.base is BaseModelType.FLUX
        width = record.details.get("width")
        return self.width is None or width is None or width == self.width


PARTS = (
    _Part("t5_encoder", "t5xxl", ModelType.T5_ENCODER, "T5 encoder", "t5xxl_fp16.safetensors", 4096),
    _Part("clip_embed", "clip_l", ModelType.CLIP_EMBED, "CLIP-L text encoder", "clip_l.safetensors", 768),
    _Part("vae", "vae", ModelType.VAE, "FLUX VAE", "ae.safetensors"),
)
LOADER_INPUTS = {"t5_encoder": "t5_encoder_model", "clip_embed": "clip_embed_model", "vae": "vae_model"}


def lacks(model: ModelRecord, part: _Part) -> bool:
    """Whether a FLUX main model has no ``part`` of its own (a transformer-only single file)."""
    if model.format is ModelFormat.DIFFUSERS:
        return False
    return part.bundled not in (model.details.get("bundled") or [])


class Flux(FlowTransformer):
    """FLUX.1 graphs (dev, schnell, fine-tunes, Fill), from folders and single files."""

    family: ClassVar[str] = "FLUX"
    encode_node: ClassVar[str] = "flux_vae_encode"
    decode_node: ClassVar[str] = "flux_vae_decode"

    def check(self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources) -> None:
        super().check(request, model, sources)
        for index, lora in enumerate(request.loras):
            field = f"loras[{index}].model"
            record = find_model(sources, field, lora.model)
            if record.type is ModelType.LORA and record.base is not BaseModelType.FLUX:
                raise invalid(field, f"LoRA {record.name!r} is for {record.base} models; {self._is(model)}")

    def check_scheduler(self, field: str, name: str) -> str:
        try:
            flow_scheduler(name)
        except UnknownFlowSchedulerError as exc:
            raise UnknownFlowSchedulerError(
                f"{field}: {exc.message}", {"field": field, **exc.details}
            ) from None
        return name

    def resolve_parts(
        self,
        request: GenerateRequest,
        model: ModelRecord,
        sources: GenerationSources,
        vae: ModelRecord | None,
    ) -> SeparateParts:
        found = {part.field: self._part(request, model, sources, part) for part in PARTS[:2]}
        if vae is None and lacks(model, PARTS[2]):
            vae = self._installed(model, sources, PARTS[2])
        return SeparateParts(vae=vae, **found)

    def _part(
        self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources, part: _Part
    ) -> ModelRecord | None:
        ref = getattr(request, part.field)
        if ref is not None:
            record = separate_model(sources, part.field, ref, part.type, f"a {part.what}")
            if not part.fits(record):
                raise invalid(part.field, f"{record.name!r} is not a {part.what} FLUX can use")
            return record
        return self._installed(model, sources, part) if lacks(model, part) else None

    def _installed(self, model: ModelRecord, sources: GenerationSources, part: _Part) -> ModelRecord:
        """The first installed model that fits ``part`` (by name), for a model without its own."""
        fitting = [record for record in sources.installed(part.type) if part.fits(record)]
        if not fitting:
            raise invalid(
                part.field,
                f"{model.name!r} holds the FLUX transformer without a {part.what}, and none is "
                f"installed: install one (e.g. {part.example}) or choose it in {part.field}",
            )
        return fitting[0]

    def guidance(
        self, request: GenerateRequest, model: ModelRecord, defaults: DefaultSettings
    ) -> float | None:
        if model.variant is ModelVariant.FLUX_SCHNELL:
            return None  # timestep-distilled: no guidance input
        if request.guidance is not None:
            return request.guidance
        own = model.default_settings.guidance if model.default_settings else None
        if own is None and model.variant is ModelVariant.FLUX_FILL:
            return FILL_GUIDANCE
        return defaults.guidance

    def check_resolved(self, r: Resolved) -> None:
        if r.model.variant is ModelVariant.FLUX_FILL and r.mode in ("txt2img", "img2img"):
            raise invalid(
                "mask",
                f"{r.model.name!r} is a FLUX Fill model, which only inpaints and outpaints: give an "
                "init_image with a mask, or outpaint",
            )
        if r.cfg_scale < 1:
            raise invalid(
                "cfg_scale", f"FLUX's true CFG is off at 1 and runs above it; {r.cfg_scale} is below 1"
            )
        if r.request.negative_prompt and r.cfg_scale <= 1:
            raise invalid(
                "negative_prompt",
                "FLUX reads a negative prompt only with true CFG (cfg_scale above 1); raise cfg_scale or "
                "leave the negative prompt out",
            )
        check_flux_regions(r)

    reference_model: ClassVar[ModelType] = ModelType.FLUX_REDUX

    def check_regions(self, request: GenerateRequest, model: ModelRecord) -> None:
        return  # regional prompts and Redux reference images work with every FLUX variant

    def add_regions(
        self, draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts, controls: Controls
    ) -> tuple[Prompts, Controls]:
        return add_flux_regions(draft, r, parts, prompts, controls)

    def native_inpaint(self, model: ModelRecord) -> bool:
        return model.variant is ModelVariant.FLUX_FILL

    def edits_reference(self, model: ModelRecord) -> bool:
        return model.variant is ModelVariant.FLUX_KONTEXT

    def edit_size(self, reference: tuple[int, int]) -> tuple[int, int]:
        """The trained Kontext size closest to the reference's aspect ratio (which the reference itself
        is resized to), on the 16 px grid."""
        return kontext_size(*reference, preferred=True)

    def add_model(self, draft: GraphDraft, r: Resolved) -> ModelParts:
        separate = {"t5_encoder": r.t5_encoder, "clip_embed": r.clip_embed, "vae": r.vae}
        loader = draft.add(
            "model", "flux_model_loader", model=model_input(r.model.key),
            **{LOADER_INPUTS[f]: model_input(m.key) for f, m in separate.items() if m is not None},
        )  # fmt: skip
        transformer, clip = Out(loader, "transformer"), Out(loader, "clip")
        for index, (record, weight) in enumerate(r.loras):
            node = draft.add(
                f"lora_{index}", "flux_lora_loader",
                lora=model_input(record.key), weight=weight, transformer=transformer, clip=clip,
            )  # fmt: skip
            transformer, clip = Out(node, "transformer"), Out(node, "clip")
        vae = Out(loader, "vae")
        encoders = {"clip": clip, "t5_encoder": Out(loader, "t5_encoder")}
        return ModelParts(denoiser=transformer, vae=vae, geometry_vae=vae, encoders=encoders)

    def add_prompts(self, draft: GraphDraft, r: Resolved, parts: ModelParts) -> Prompts:
        """The prompt, the negative prompt only where true CFG reads it, and a Kontext model's reference
        image (encoded once, read by every denoise pass)."""
        if r.request.reference_image is not None:
            image = draft.add(REFERENCE, "load_image", image=image_input(r.request.reference_image))
            draft.add(KONTEXT, "flux_kontext", image=Out(image, "image"), vae=parts.vae)
        texts = [(POSITIVE, r.prompts[0])]
        if r.cfg_scale > 1:
            texts.append((NEGATIVE, r.negative_prompt))
        for node_id, text in texts:
            draft.add(
                node_id, "flux_text_encoder", prompt=text, **parts.encoders,
                t5_max_seq_len=Out("model", "max_seq_len"),
            )  # fmt: skip
        negative = Out(NEGATIVE, "conditioning") if r.cfg_scale > 1 else None
        return Prompts(Out(POSITIVE, "conditioning"), negative, targets=((POSITIVE, "prompt"),))

    def add_denoise(
        self,
        draft: GraphDraft,
        node_id: str,
        r: Resolved,
        parts: ModelParts,
        prompts: Prompts,
        controls: Controls,
        *,
        noise: Out | None = None,
        latents: Out | None = None,
        mask: Out | None = None,
        schedule: Schedule | None = None,
    ) -> Out:
        plan = schedule or Schedule()
        edited = r.request.reference_image is not None
        reference = Out(KONTEXT, "kontext_conditioning") if edited else None
        draft.add(
            node_id,
            "flux_denoise",
            transformer=parts.denoiser,
            positive_text_conditioning=prompts.positive,
            negative_text_conditioning=prompts.negative,
            noise=noise,
            latents=latents,
            denoise_mask=mask,
            kontext_conditioning=reference,
            redux_conditioning=controls.redux,
            num_steps=plan.steps or r.steps,
            guidance=r.guidance,
            cfg_scale=plan.cfg_scale if plan.cfg_scale is not None else r.cfg_scale,
            scheduler=plan.scheduler or r.scheduler,
            denoising_start=round(plan.start, 6),
            denoising_end=round(plan.end, 6),
        )
        return Out(node_id, "latents")
