"""What FLUX and SD 3 share: flow-matching transformers over 16-channel latents packed in 2x2 patches.

Their sizes lie on a 16 px grid (8 px latents, 2x2 patches), so the hires fix resizes its latents to the
exact target size rather than scaling them (a scaled side could land between two patches). Neither takes
the Stable Diffusion add-ons the request offers (ControlNets, T2I-Adapters, CLIP skip, seamless tiling,
CFG rescale), and each refuses them naming the field rather than ignoring them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from impasto.builders.checks import find_model, invalid
from impasto.builders.draft import GraphDraft, Out
from impasto.builders.families.base import ModelParts, Recipe, add_vae_noise
from impasto.models.taxonomy import ModelType

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord

PATCH = 2
"""Latent pixels per side of one transformer token."""


class FlowTransformer(Recipe):
    """The shared part of the FLUX and SD 3 recipes; subclasses name their family for the messages."""

    family: ClassVar[str] = ""
    """The family's name in messages ("FLUX", "SD 3")."""

    def size_multiple(self, vae_factor: int) -> int:
        return vae_factor * PATCH

    def check(self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources) -> None:
        super().check(request, model, sources)
        refused = {
            "controlnets": (bool(request.controlnets), "ControlNets"),
            "t2i_adapters": (bool(request.t2i_adapters), "T2I-Adapters"),
            "clip_skip": (request.clip_skip > 0, "CLIP skip"),
            "seamless_x": (request.seamless_x, "seamless tiling"),
            "seamless_y": (request.seamless_y, "seamless tiling"),
            "cfg_rescale_multiplier": (request.cfg_rescale_multiplier > 0, "CFG rescale"),
        }
        for field, (given, feature) in refused.items():
            if given:
                raise invalid(field, f"{self._is(model)}, which takes no {feature} here; leave it out")

    def _is(self, model: ModelRecord) -> str:
        return f"{model.name!r} is a {self.family} model"

    def add_noise(
        self, draft: GraphDraft, node_id: str, r: Resolved, parts: ModelParts, size: tuple[int, int]
    ) -> Out:
        return add_vae_noise(draft, node_id, r, parts, size)

    def add_scaled_latents(self, draft: GraphDraft, r: Resolved, latents: Out) -> Out:
        width, height = r.hires_size
        node = draft.add(
            "hires_scale", "lresize", latents=latents, width=width, height=height, mode="bicubic"
        )
        return Out(node, "latents")


def separate_model(
    sources: GenerationSources, field: str, ref: str, wanted: ModelType, what: str
) -> ModelRecord:
    """The model a request names for a separate part, which must be of type ``wanted``."""
    record = find_model(sources, field, ref)
    if record.type is not wanted:
        raise invalid(field, f"{record.name!r} is a {record.type} model, not {what}")
    return record
