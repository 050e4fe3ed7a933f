"""Stable Diffusion 3.5: a flow-matching transformer (MMDiT), CLIP-L, CLIP-G and an optional T5 encoder.

``sd3_model_loader`` → ``sd3_text_encoder`` (prompt and negative prompt) → ``sd3_denoise`` (with the
shared noise node). The model's own text encoders and VAE are used; ``t5_encoder`` and ``clip_embed`` (for
CLIP-L) and ``vae`` replace them. Without T5 the prompt's T5 tokens are zeros, as in diffusers. The SD 3
denoise node takes no mask and no LoRAs yet, so inpainting, outpainting and LoRAs are refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, get_args

from impasto.builders.checks import invalid
from impasto.builders.draft import GraphDraft, Out, model_input
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
from impasto.models.taxonomy import ModelType
from impasto.nodes.sd3.generate import SD3Scheduler
from impasto.nodes.sd3.models import has_part
from impasto.sampling.flow import UnknownFlowSchedulerError

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord

SCHEDULERS: tuple[str, ...] = get_args(SD3Scheduler)
_OWN_PARTS = {"text_encoder": "CLIP-L", "text_encoder_2": "CLIP-G"}


class StableDiffusion3(FlowTransformer):
    """SD 3.5 graphs (Medium, Large, Large Turbo), text to image and image to image."""

    family: ClassVar[str] = "SD 3"
    encode_node: ClassVar[str] = "sd3_i2l"
    decode_node: ClassVar[str] = "sd3_l2i"

    def check(self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources) -> None:
        super().check(request, model, sources)
        if request.loras:
            raise invalid("loras", f"{self._is(model)}; LoRAs for SD 3 are not supported yet")
        if request.mask is not None or request.outpaint is not None:
            field = "mask" if request.mask is not None else "outpaint"
            raise invalid(field, f"{self._is(model)}; SD 3 cannot inpaint or outpaint here yet")
        for submodel, what in _OWN_PARTS.items():
            if not has_part(model, submodel) and (submodel != "text_encoder" or request.clip_embed is None):
                raise invalid(
                    "model", f"{model.name!r} has no {what} text encoder; use a file or folder with it"
                )
        if request.vae is None and not has_part(model, "vae"):
            raise invalid("model", f"{model.name!r} has no VAE of its own; use a file or folder with it")

    def check_scheduler(self, field: str, name: str) -> str:
        if name not in SCHEDULERS:
            raise UnknownFlowSchedulerError(
                f"{field}: unknown scheduler {name!r} for SD 3 models; valid names: {', '.join(SCHEDULERS)}",
                {"field": field, "scheduler": name, "valid": list(SCHEDULERS)},
            )
        return name

    def resolve_parts(
        self,
        request: GenerateRequest,
        model: ModelRecord,
        sources: GenerationSources,
        vae: ModelRecord | None,
    ) -> SeparateParts:
        t5 = request.t5_encoder
        clip = request.clip_embed
        return SeparateParts(
            vae=vae,
            t5_encoder=separate_model(sources, "t5_encoder", t5, ModelType.T5_ENCODER, "a T5 encoder")
            if t5 is not None
            else None,
            clip_embed=separate_model(sources, "clip_embed", clip, ModelType.CLIP_EMBED, "a CLIP-L encoder")
            if clip is not None
            else None,
        )

    def add_model(self, draft: GraphDraft, r: Resolved) -> ModelParts:
        separate = {"t5_encoder_model": r.t5_encoder, "clip_l_model": r.clip_embed, "vae_model": r.vae}
        loader = draft.add(
            "model", "sd3_model_loader", model=model_input(r.model.key),
            **{name: model_input(m.key) for name, m in separate.items() if m is not None},
        )  # fmt: skip
        encoders = {"clip_l": Out(loader, "clip_l"), "clip_g": Out(loader, "clip_g")}
        if r.t5_encoder is not None or has_part(r.model, "text_encoder_3"):
            encoders["t5_encoder"] = Out(loader, "t5_encoder")
        vae = Out(loader, "vae")
        return ModelParts(denoiser=Out(loader, "transformer"), vae=vae, geometry_vae=vae, encoders=encoders)

    def add_prompts(self, draft: GraphDraft, r: Resolved, parts: ModelParts) -> Prompts:
        for node_id, text in ((POSITIVE, r.prompts[0]), (NEGATIVE, r.negative_prompt)):
            draft.add(node_id, "sd3_text_encoder", prompt=text, **parts.encoders)
        return Prompts(
            Out(POSITIVE, "conditioning"), Out(NEGATIVE, "conditioning"), targets=((POSITIVE, "prompt"),)
        )

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
        draft.add(
            node_id,
            "sd3_denoise",
            transformer=parts.denoiser,
            positive_conditioning=prompts.positive,
            negative_conditioning=prompts.negative,
            noise=noise,
            latents=latents,
            steps=plan.steps or r.steps,
            cfg_scale=plan.cfg_scale if plan.cfg_scale is not None else r.cfg_scale,
            scheduler=plan.scheduler or r.scheduler,
            denoising_start=round(plan.start, 6),
            denoising_end=round(plan.end, 6),
        )
        return Out(node_id, "latents")
