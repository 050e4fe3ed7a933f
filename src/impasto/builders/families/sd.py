"""Stable Diffusion 1.x and 2.x: a UNet, one CLIP text encoder (compel prompts), 4-channel latents.

The recipe is written over the names of its text encoders and its loader node types, so SDXL (two encoders,
its own loaders and prompt nodes) extends it rather than repeating the model chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from impasto.builders.checks import invalid
from impasto.builders.draft import GraphDraft, Out, model_input
from impasto.builders.families.base import (
    NEGATIVE,
    POSITIVE,
    Controls,
    ModelParts,
    Prompts,
    Recipe,
    Schedule,
    add_vae_noise,
)
from impasto.builders.families.sd_regions import add_sd_regions
from impasto.nodes.sd.models import CLIP_SKIP_LIMITS

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord


class StableDiffusion(Recipe):
    """SD 1.x / 2.x graphs: ``main_model_loader`` → LoRAs → CLIP skip → ``compel`` → ``denoise_latents``."""

    loader_node: ClassVar[str] = "main_model_loader"
    lora_node: ClassVar[str] = "lora_loader"
    encoder_names: ClassVar[tuple[str, ...]] = ("clip",)
    """The loader's text-encoder outputs, which are also the prompt node's and LoRA node's input names."""

    def check(self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources) -> None:
        super().check(request, model, sources)
        check_clip_skip(request.clip_skip, model, sources)

    def add_model(self, draft: GraphDraft, r: Resolved) -> ModelParts:
        loader = draft.add("model", self.loader_node, model=model_input(r.model.key))
        unet, vae = Out(loader, "unet"), Out(loader, "vae")
        encoders = {name: Out(loader, name) for name in self.encoder_names}
        for index, (record, weight) in enumerate(r.loras):
            node = draft.add(
                f"lora_{index}", self.lora_node,
                lora=model_input(record.key), weight=weight, unet=unet, **encoders,
            )  # fmt: skip
            unet, encoders = Out(node, "unet"), {name: Out(node, name) for name in encoders}
        if r.request.clip_skip:
            encoders = _skipped(draft, encoders, r.request.clip_skip)
        if r.vae is not None:
            vae = Out(draft.add("vae", "vae_loader", vae_model=model_input(r.vae.key)), "vae")
        geometry = vae
        if r.request.seamless_x or r.request.seamless_y:
            node = draft.add(
                "seamless", "seamless", unet=unet, vae=vae,
                seamless_x=r.request.seamless_x, seamless_y=r.request.seamless_y,
            )  # fmt: skip
            unet, vae = Out(node, "unet"), Out(node, "vae")
        return ModelParts(denoiser=unet, vae=vae, geometry_vae=geometry, encoders=encoders)

    def add_prompts(self, draft: GraphDraft, r: Resolved, parts: ModelParts) -> Prompts:
        for node_id, text in ((POSITIVE, r.prompts[0]), (NEGATIVE, r.negative_prompt)):
            self.add_prompt(draft, node_id, text, r, parts)
        return Prompts(
            Out(POSITIVE, "conditioning"), Out(NEGATIVE, "conditioning"), targets=((POSITIVE, "prompt"),)
        )

    def add_prompt(
        self, draft: GraphDraft, node_id: str, text: str, r: Resolved, parts: ModelParts, **extra: Any
    ) -> None:
        """One prompt node (the positive's and the negative's differ only in their text; a region's
        also have its ``mask`` and ``auto_negative`` in ``extra``)."""
        draft.add(node_id, "compel", prompt=text, **parts.encoders, **extra)

    def check_regions(self, request: GenerateRequest, model: ModelRecord) -> None:
        return  # regional prompts and IP-Adapters work with every UNet family

    def add_regions(
        self, draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts, controls: Controls
    ) -> tuple[Prompts, Controls]:
        return add_sd_regions(self, draft, r, parts, prompts, controls)

    def add_noise(
        self, draft: GraphDraft, node_id: str, r: Resolved, parts: ModelParts, size: tuple[int, int]
    ) -> Out:
        return add_vae_noise(draft, node_id, r, parts, size)

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
        return add_denoise_latents(
            draft, node_id, r, parts.denoiser, prompts, controls,
            noise=noise, latents=latents, mask=mask, schedule=schedule,
        )  # fmt: skip


def add_denoise_latents(
    draft: GraphDraft,
    node_id: str,
    r: Resolved,
    unet: Out,
    prompts: Prompts,
    controls: Controls,
    *,
    noise: Out | None = None,
    latents: Out | None = None,
    mask: Out | None = None,
    schedule: Schedule | None = None,
) -> Out:
    """A ``denoise_latents`` node (SD 1.x/2.x, SDXL and its refiner); answers its latents socket."""
    plan = schedule or Schedule()
    draft.add(
        node_id,
        "denoise_latents",
        positive_conditioning=prompts.positive,
        negative_conditioning=prompts.negative,
        unet=unet,
        noise=noise,
        latents=latents,
        denoise_mask=mask,
        control=controls.control,
        t2i_adapter=controls.t2i_adapter,
        ip_adapter=controls.ip_adapter,
        steps=plan.steps or r.steps,
        cfg_scale=plan.cfg_scale if plan.cfg_scale is not None else r.cfg_scale,
        cfg_rescale_multiplier=r.request.cfg_rescale_multiplier,
        scheduler=plan.scheduler or r.scheduler,
        denoising_start=round(plan.start, 6),
        denoising_end=round(plan.end, 6),
    )
    return Out(node_id, "latents")


def check_clip_skip(skipped: int, model: ModelRecord, sources: GenerationSources) -> None:
    """CLIP skip must leave at least one layer of the model's (first) text encoder."""
    layers = sources.text_encoder_layers(model) or CLIP_SKIP_LIMITS[str(model.base)]
    if skipped >= layers:
        raise invalid("clip_skip", f"the text encoder of {model.name!r} has {layers} layers; skip fewer")


def _skipped(draft: GraphDraft, encoders: dict[str, Out], skipped: int) -> dict[str, Out]:
    """A ``clip_skip`` node after each text encoder (ids ``clip_skip``, ``clip_skip_2``, ...)."""
    result = {}
    for number, (name, encoder) in enumerate(encoders.items(), start=1):
        node_id = "clip_skip" if number == 1 else f"clip_skip_{number}"
        result[name] = Out(draft.add(node_id, "clip_skip", clip=encoder, skipped_layers=skipped), "clip")
    return result
