"""The standard graphs' first half, one builder per mode: from the model and prompts to final latents.

- txt2img: noise → denoise (→ the hires fix's second pass, see :mod:`.hires`)
- img2img: init image → latents; noise; denoise from ``1 - strength``
- inpaint: as img2img, with a denoise mask (9-channel inpainting models get the masked image's latents)
- outpaint: the init image on a larger canvas whose new borders are the mask, then as inpaint; or (a
  canvas's partly transparent init image) its holes infilled and regenerated with a seam band that fades out
  (a gradient mask), the result pasted back with a faded mask so everything outside stays exact

Inpainting graphs also answer the source image and the mask, so the output stage can paste the result
back over the source: the kept pixels stay exactly as they were (the VAE round trip would alter them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from impasto.builders.canvas import SEAM
from impasto.builders.draft import GraphDraft, Out, image_input
from impasto.builders.families.base import DENOISE, NOISE, Controls, ModelParts, Prompts, Schedule
from impasto.builders.hires import add_hires_pass
from impasto.builders.request import Mode

if TYPE_CHECKING:
    from impasto.builders.resolve import Resolved

INFILL = "infill"
MASK_NOISE = "mask_noise"
SEEDED_INFILL = frozenset({"infill_tile", "infill_patchmatch"})


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
    return Drawn(_from_image(draft, r, inputs, _work(draft, r, "init_image", image), mask=None))


def inpaint(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    assert r.request.mask is not None
    image = _init_image(draft, r)
    loaded = draft.add("mask_image", "load_image", image=image_input(r.request.mask))
    mask = _sized(draft, r, "mask", r.request.mask, Out(loaded, "image"))
    noised = add_mask_noise(draft, r, image, mask)
    work = _work(draft, r, "init_image", noised), _work(draft, r, "mask", mask)
    return Drawn(_from_image(draft, r, inputs, *work), paste=(image, mask))


def outpaint(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    if r.request.outpaint is None:
        return canvas_outpaint(draft, r, inputs)
    pad = r.request.outpaint
    assert r.request.init_image is not None
    source = draft.add("init_image", "load_image", image=image_input(r.request.init_image))
    canvas = draft.add(
        "canvas", "outpaint_canvas", image=Out(source, "image"),
        left=pad.left, top=pad.top, right=pad.right, bottom=pad.bottom, fill=pad.fill,
    )  # fmt: skip
    image, mask = Out(canvas, "image"), Out(canvas, "mask")
    work = _work(draft, r, "canvas_image", image), _work(draft, r, "canvas_mask", mask)
    return Drawn(_from_image(draft, r, inputs, *work), paste=(image, mask))


def canvas_outpaint(draft: GraphDraft, r: Resolved, inputs: Inputs) -> Drawn:
    """A partly transparent init image: infill its holes, regenerate them (and the user's mask) with a
    band around them fading out, and paste the result back with a fade so the rest stays exact."""
    assert r.infill is not None
    source = _init_image(draft, r)
    node_type, options = r.infill
    seed = {"seed": r.seeds[0]} if node_type in SEEDED_INFILL else {}
    filled = Out(draft.add(INFILL, node_type, image=source, **options, **seed), "image")
    mask = Out(draft.add("alpha_mask", "mask_from_alpha", image=source), "image")
    if r.request.mask is not None:
        loaded = draft.add("mask_image", "load_image", image=image_input(r.request.mask))
        user = _sized(draft, r, "mask", r.request.mask, Out(loaded, "image"))
        mask = Out(draft.add("mask_combined", "mask_combine", mask1=mask, mask2=user), "image")
    noised = add_mask_noise(draft, r, filled, mask)
    work = _work(draft, r, "infilled", noised), _work(draft, r, "mask", mask)
    seam = round(SEAM * r.width / r.output_size[0])
    latents = _from_image(draft, r, inputs, *work, seam=seam)
    fade = draft.add("paste_fade", "expand_mask_with_fade", mask=mask, fade_size_px=SEAM)
    return Drawn(latents, paste=(filled, Out(fade, "image")))


def add_mask_noise(draft: GraphDraft, r: Resolved, image: Out, mask: Out) -> Out:
    """The image with the resolved ``noise_level`` of seeded noise inside the mask (id ``mask_noise``,
    whose seed follows each item's)."""
    if r.noise_level is None:
        return image
    node = draft.add(MASK_NOISE, "img_noise", image=image, mask=mask, amount=r.noise_level, seed=r.seeds[0])
    return Out(node, "image")


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
    """The stored image ``name``, resized to the output size if it has another."""
    width, height = r.output_size
    if r.image_sizes[name] == (width, height):
        return image
    node = draft.add(f"{node_id}_resized", "image_resize", image=image, width=width, height=height)
    return Out(node, "image")


def _work(draft: GraphDraft, r: Resolved, node_id: str, image: Out) -> Out:
    """An output-sized image scaled to the size it is generated at (scale before processing)."""
    if r.output_size == (r.width, r.height):
        return image
    node = draft.add(f"{node_id}_scaled", "image_resize", image=image, width=r.width, height=r.height)
    return Out(node, "image")


def _from_image(
    draft: GraphDraft, r: Resolved, inputs: Inputs, image: Out, mask: Out | None, seam: int = 0
) -> Out:
    """Encode the image and denoise from ``1 - strength`` (with a mask when inpainting)."""
    assert r.strength is not None
    parts = inputs.parts
    latents = Out(draft.add("i2l", r.recipe.encode_node, image=image, vae=parts.vae), "latents")
    denoise_mask = _denoise_mask(draft, r, parts.vae, image, mask, seam) if mask is not None else None
    noise = r.recipe.add_noise(draft, NOISE, r, parts, (r.width, r.height))
    schedule = Schedule(start=1 - r.strength, end=r.recipe.base_end(r))
    return r.recipe.add_denoise(
        draft, DENOISE, r, parts, inputs.prompts, inputs.controls,
        noise=noise, latents=latents, mask=denoise_mask, schedule=schedule,
    )  # fmt: skip


def _denoise_mask(draft: GraphDraft, r: Resolved, vae: Out, image: Out, mask: Out, seam: int) -> Out:
    """A plain denoise mask; a gradient mask (per-pixel strengths) for a seam band or a denoise limit."""
    native = r.recipe.native_inpaint(r.model)
    model_inputs = {"image": image if native else None, "vae": vae if native else None}
    if not seam and r.request.denoise_limit is None:
        node = draft.add(
            "denoise_mask", "create_denoise_mask", mask=mask, edge_blur=r.request.mask_blur, **model_inputs
        )
        return Out(node, "denoise_mask")
    node = draft.add(
        "denoise_mask", "create_gradient_mask", mask=mask, edge_radius=seam or r.request.mask_blur,
        denoise_limit=r.request.denoise_limit, **model_inputs,
    )  # fmt: skip
    return Out(node, "denoise_mask")
