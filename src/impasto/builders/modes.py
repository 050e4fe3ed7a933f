"""The standard graphs' first half, one builder per mode: from the model and prompts to final latents.

- txt2img: noise → denoise (→ the hires fix's second pass, see :mod:`.hires`)
- img2img: init image → latents; noise; denoise from ``1 - strength``
- inpaint: as img2img, with a denoise mask (9-channel inpainting models get the masked image's latents)
- outpaint: the init image on a larger canvas whose new borders are the mask, then as inpaint

Inpainting graphs also answer the source image and the mask, so the output stage can paste the result
back over the source: the kept pixels stay exactly as they were (the VAE round trip would alter them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from impasto.builders.draft import GraphDraft, Out, image_input
from impasto.builders.families.base import DENOISE, NOISE, Controls, ModelParts, Prompts, Schedule
from impasto.builders.hires import add_hires_pass
from impasto.builders.request import Mode

if TYPE_CHECKING:
    from impasto.builders.resolve import Resolved


@dataclass(frozen=True)
class Drawn:
    """Final latents, and for inpainting the (source image, mask) to paste the result over."""

    latents: Out
    paste: tuple[Out, Out] | None = None


@dataclass(frozen=True)
class Inputs:
    """What a mode builder connects to."""

    parts: ModelParts
    prompts: Prompts
    controls: Controls


def txt2img(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    noise = r.recipe.add_noise(draft, NOISE, r, inputs.parts, (r.width, r.height))
    latents = r.recipe.add_denoise(
        draft, DENOISE, r, inputs.parts, inputs.prompts, inputs.controls,
        noise=noise, schedule=Schedule(end=r.recipe.base_end(r)),
    )  # fmt: skip
    if r.request.hires_fix is not None:
        latents = add_hires_pass(draft, r, inputs.parts, inputs.prompts, inputs.controls, latents)
    return Drawn(latents)


def img2img(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    image = _init_image(draft, r)
    return Drawn(_from_image(draft, r, inputs, image, mask=None))


def inpaint(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    assert r.request.mask is not None
    image = _init_image(draft, r)
    loaded = draft.add("mask_image", "load_image", image=image_input(r.request.mask))
    mask = _sized(draft, r, "mask", r.request.mask, Out(loaded, "image"))
    return Drawn(_from_image(draft, r, inputs, image, mask), paste=(image, mask))


def outpaint(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    pad = r.request.outpaint
    assert pad is not None
    assert r.request.init_image is not None
    source = draft.add("init_image", "load_image", image=image_input(r.request.init_image))
    canvas = draft.add(
        "canvas", "outpaint_canvas", image=Out(source, "image"),
        left=pad.left, top=pad.top, right=pad.right, bottom=pad.bottom, fill=pad.fill,
    )  # fmt: skip
    image, mask = Out(canvas, "image"), Out(canvas, "mask")
    return Drawn(_from_image(draft, r, inputs, image, mask), paste=(image, mask))


BUILDERS: dict[Mode, Callable[[GraphDraft, Resolved, Inputs], Drawn]] = {
    "txt2img": txt2img,
    "img2img": img2img,
    "inpaint": inpaint,
    "outpaint": outpaint,
}


def _init_image(draft: GraphDraft, r: Resolved) -> Out:
    assert r.request.init_image is not None
    loaded = draft.add("init_image", "load_image", image=image_input(r.request.init_image))
    return _sized(draft, r, "init_image", r.request.init_image, Out(loaded, "image"))


def _sized(draft: GraphDraft, r: Resolved, node_id: str, name: str, image: Out) -> Out:
    """The stored image ``name``, resized to the generation size if it has another."""
    if r.image_sizes[name] == (r.width, r.height):
        return image
    node = draft.add(f"{node_id}_resized", "image_resize", image=image, width=r.width, height=r.height)
    return Out(node, "image")


def _from_image(draft: GraphDraft, r: Resolved, inputs: Inputs, image: Out, mask: Out | None) -> Out:
    """Encode the image and denoise from ``1 - strength`` (with a mask when inpainting)."""
    assert r.strength is not None
    parts = inputs.parts
    latents = Out(draft.add("i2l", r.recipe.encode_node, image=image, vae=parts.vae), "latents")
    denoise_mask = None
    if mask is not None:
        native = r.recipe.native_inpaint(r.model)
        node = draft.add(
            "denoise_mask", "create_denoise_mask", mask=mask, edge_blur=r.request.mask_blur,
            image=image if native else None, vae=parts.vae if native else None,
        )  # fmt: skip
        denoise_mask = Out(node, "denoise_mask")
    noise = r.recipe.add_noise(draft, NOISE, r, parts, (r.width, r.height))
    schedule = Schedule(start=1 - r.strength, end=r.recipe.base_end(r))
    return r.recipe.add_denoise(
        draft, DENOISE, r, parts, inputs.prompts, inputs.controls,
        noise=noise, latents=latents, mask=denoise_mask, schedule=schedule,
    )  # fmt: skip
