"""The pieces every standard graph shares: the model chain (loader, LoRAs, CLIP skip, VAE, seamless),
the prompts, noise, the denoise node and the control units.

Node ids are fixed names (``model``, ``positive``, ``noise``, ``denoise``, ...), so a graph reads well
in the editor and batch data can target its nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from impasto.builders.checks import ControlUse
from impasto.builders.draft import GraphDraft, Out, image_input, model_input
from impasto.builders.request import PREPROCESSOR_NODES, ControlNetRequest
from impasto.builders.resolve import Resolved

NOISE = "noise"
POSITIVE = "positive"
NEGATIVE = "negative"
DENOISE = "denoise"


@dataclass(frozen=True)
class ModelParts:
    """Sockets of the main model after LoRAs, CLIP skip, the VAE override and seamless tiling."""

    unet: Out
    clip: Out
    clip2: Out | None  # SDXL's second text encoder
    vae: Out  # decodes and encodes (tiles when seamless)
    geometry_vae: Out  # tells the noise node the latent channels and factor


@dataclass(frozen=True)
class Prompts:
    """The positive and negative conditioning sockets."""

    positive: Out
    negative: Out


@dataclass(frozen=True)
class Controls:
    """What to connect to the denoise node's control inputs (None: nothing)."""

    control: Out | None = None
    t2i_adapter: Out | None = None


def add_model(draft: GraphDraft, r: Resolved) -> ModelParts:
    """The model loader and what modifies its parts."""
    loader = draft.add(
        "model", "sdxl_model_loader" if r.sdxl else "main_model_loader", model=model_input(r.model.key)
    )
    unet, clip, vae = Out(loader, "unet"), Out(loader, "clip"), Out(loader, "vae")
    clip2 = Out(loader, "clip2") if r.sdxl else None
    for index, (record, weight) in enumerate(r.loras):
        node = draft.add(
            f"lora_{index}", "sdxl_lora_loader" if r.sdxl else "lora_loader",
            lora=model_input(record.key), weight=weight, unet=unet, clip=clip, clip2=clip2,
        )  # fmt: skip
        unet, clip = Out(node, "unet"), Out(node, "clip")
        clip2 = Out(node, "clip2") if r.sdxl else None
    if r.request.clip_skip:
        clip = Out(draft.add("clip_skip", "clip_skip", clip=clip, skipped_layers=r.request.clip_skip), "clip")
        if clip2 is not None:
            skipped = draft.add("clip_skip_2", "clip_skip", clip=clip2, skipped_layers=r.request.clip_skip)
            clip2 = Out(skipped, "clip")
    if r.vae is not None:
        vae = Out(draft.add("vae", "vae_loader", vae_model=model_input(r.vae.key)), "vae")
    geometry = vae
    if r.request.seamless_x or r.request.seamless_y:
        node = draft.add(
            "seamless", "seamless", unet=unet, vae=vae,
            seamless_x=r.request.seamless_x, seamless_y=r.request.seamless_y,
        )  # fmt: skip
        unet, vae = Out(node, "unet"), Out(node, "vae")
    return ModelParts(unet=unet, clip=clip, clip2=clip2, vae=vae, geometry_vae=geometry)


def add_prompts(draft: GraphDraft, r: Resolved, parts: ModelParts) -> Prompts:
    """Positive and negative prompt nodes (SDXL's carry the target size)."""
    ids = []
    for node_id, text in ((POSITIVE, r.prompts[0]), (NEGATIVE, r.negative_prompt)):
        if parts.clip2 is not None:
            draft.add(
                node_id, "sdxl_compel_prompt", prompt=text, clip=parts.clip, clip2=parts.clip2,
                target_width=r.width, target_height=r.height,
            )  # fmt: skip
        else:
            draft.add(node_id, "compel", prompt=text, clip=parts.clip)
        ids.append(node_id)
    return Prompts(Out(ids[0], "conditioning"), Out(ids[1], "conditioning"))


def add_noise(draft: GraphDraft, node_id: str, r: Resolved, parts: ModelParts, size: tuple[int, int]) -> Out:
    """Noise for an image of ``size`` from the first seed (batch data give each item its own)."""
    width, height = size
    draft.add(node_id, "noise", seed=r.seeds[0], width=width, height=height, vae=parts.geometry_vae)
    return Out(node_id, "latents")


@dataclass(frozen=True)
class Schedule:
    """How one denoise node runs: its part of the schedule and its settings."""

    start: float = 0.0
    end: float = 1.0
    steps: int | None = None  # None: the request's
    cfg_scale: float | None = None
    scheduler: str | None = None


def add_denoise(
    draft: GraphDraft,
    node_id: str,
    r: Resolved,
    *,
    unet: Out,
    prompts: Prompts,
    controls: Controls,
    noise: Out | None = None,
    latents: Out | None = None,
    mask: Out | None = None,
    schedule: Schedule | None = None,
) -> Out:
    """A denoise node over the given inputs; answers its latents socket."""
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
        steps=plan.steps or r.steps,
        cfg_scale=plan.cfg_scale if plan.cfg_scale is not None else r.cfg_scale,
        cfg_rescale_multiplier=r.request.cfg_rescale_multiplier,
        scheduler=plan.scheduler or r.scheduler,
        denoising_start=round(plan.start, 6),
        denoising_end=round(plan.end, 6),
    )
    return Out(node_id, "latents")


def base_end(r: Resolved) -> float:
    """Where the main model stops: where the refiner takes over, else the end."""
    return r.request.refiner.start if r.request.refiner is not None and r.refiner is not None else 1.0


def add_controls(draft: GraphDraft, r: Resolved) -> Controls:
    """ControlNet and T2I-Adapter units (collected into a list when there are several of a kind)."""
    sockets: dict[str, list[Out]] = {"controlnet": [], "t2i_adapter": []}
    for use in r.controls:
        sockets[use.kind].append(_add_unit(draft, use))
    return Controls(
        control=_combined(draft, "controlnets", sockets["controlnet"]),
        t2i_adapter=_combined(draft, "t2i_adapters", sockets["t2i_adapter"]),
    )


def control_node_id(use: ControlUse) -> str:
    return f"{use.kind}_{use.index}"


def _add_unit(draft: GraphDraft, use: ControlUse) -> Out:
    unit = use.request
    node_id = control_node_id(use)
    image = Out(draft.add(f"{node_id}_image", "load_image", image=image_input(unit.image)), "image")
    if unit.preprocessor != "none":
        learned = use.preprocessor_model
        pre = draft.add(
            f"{node_id}_preprocessor",
            PREPROCESSOR_NODES[unit.preprocessor],
            **unit.preprocessor_options,
            image=image,
            model=model_input(learned.key) if learned is not None else None,
        )
        image = Out(pre, "image")
    window = {"begin_step_percent": unit.begin, "end_step_percent": unit.end, "resize_mode": unit.resize_mode}
    if isinstance(unit, ControlNetRequest):
        draft.add(
            node_id, "controlnet", image=image, control_model=model_input(use.record.key),
            control_weight=unit.weight, control_mode=unit.control_mode, **window,
        )  # fmt: skip
        return Out(node_id, "control")
    draft.add(
        node_id,
        "t2i_adapter",
        image=image,
        t2i_adapter_model=model_input(use.record.key),
        weight=unit.weight,
        **window,
    )
    return Out(node_id, "t2i_adapter")


def _combined(draft: GraphDraft, node_id: str, sockets: list[Out]) -> Out | None:
    if len(sockets) < 2:
        return sockets[0] if sockets else None
    draft.add(node_id, "collect")
    for socket in sockets:
        draft.connect(socket, node_id, "item")
    return Out(node_id, "collection")
