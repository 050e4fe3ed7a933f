"""The interface between the shared steps of a standard graph and the recipe of one model family.

The shared steps (:mod:`impasto.builders.modes`, :mod:`~impasto.builders.hires`, the output and batch data in
:mod:`~impasto.builders.plan`) decide *what* a generation does: which passes run, over which part of the
schedule, from which image and mask. A :class:`Recipe` decides *with which nodes* a family does it: its model
loader and add-ons, its prompt encoders, its noise, its denoise node and any pass only it has (the refiner).
Every branch on the family lives in a recipe; the shared steps never ask which family they build for.

How checking a request uses a recipe (:func:`~impasto.builders.resolve.resolve`)::

    recipe.check(request, model, sources)                # refuse what the family cannot do
    recipe.check_regions(request, model)                 # refuse regions / reference images it lacks
    recipe.edit_size(reference)                          # size of an edit of a reference image (Kontext)
    recipe.check_scheduler("scheduler", name)            # the family's sampler names
    recipe.resolve_parts(request, model, sources, vae)   # separate VAE / text encoders to load
    recipe.guidance(request, model, defaults)            # distilled guidance (None: the family has none)
    recipe.check_resolved(r)                             # checks that need the filled-in defaults

How the steps use a recipe, in order::

    parts = recipe.add_model(draft, r)                   # loader, LoRAs, encoders, VAE, seamless
    prompts = recipe.add_prompts(draft, r, parts)        # conditioning sockets + batch targets
    prompts, controls = recipe.add_regions(draft, r, parts, prompts, controls)  # regions, IP-Adapters
    noise = recipe.add_noise(draft, NOISE, r, parts, (w, h))
    latents = recipe.add_denoise(draft, DENOISE, r, parts, prompts, controls, noise=..., latents=...,
                                 mask=..., schedule=Schedule(start=..., end=recipe.base_end(r)))
    finished = recipe.add_finish(draft, r, latents)      # SDXL: the refiner; others: nothing
    ... decode with recipe.decode_node, batch data from prompts.targets, recipe.seed_targets(draft),
    finished.prompt_targets

Node ids are fixed names (``model``, ``positive``, ``noise``, ``denoise``, ...) so a graph reads well in the
editor and batch data can target its nodes; recipes use the ids the shared steps pass them and these
constants.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from impasto.builders.checks import check_scheduler, invalid, is_inpaint_model
from impasto.builders.draft import GraphDraft, Out
from impasto.models.taxonomy import ModelType

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord
    from impasto.models.taxonomy import DefaultSettings

NOISE = "noise"
POSITIVE = "positive"
NEGATIVE = "negative"
DENOISE = "denoise"
HIRES_NOISE = "hires_noise"
HIRES_DENOISE = "hires_denoise"

Target = tuple[str, str]
"""A node input that batch data set per item: ``(node id, input name)``."""


@dataclass(frozen=True)
class ModelParts:
    """Sockets of the main model after the family's add-ons (LoRAs, CLIP skip, VAE override, seamless).

    Every family has one denoiser and one VAE, which the shared steps and the recipe's own denoise node use;
    what differs between families is the number and kind of text encoders, so those are a mapping keyed by
    the name of the input they connect to on the family's prompt node (SD: ``clip``; SDXL: ``clip`` and
    ``clip2``; a CLIP-L + T5 family: e.g. ``clip`` and ``t5_encoder``). Only the recipe that made the parts
    reads ``encoders``; a new family needs no new fields here.
    """

    denoiser: Out  # UNet or transformer: the model input of the family's denoise node
    vae: Out  # decodes and encodes (tiles when seamless)
    geometry_vae: Out  # tells a noise node the latent channels and factor (the VAE before seamless)
    encoders: Mapping[str, Out]  # text encoders, by the prompt node input they connect to


@dataclass(frozen=True)
class Prompts:
    """The conditioning sockets of one pass and the inputs that take a dynamic prompt's text per item.

    ``negative`` is None where the family's denoise node runs without a negative conditioning (a
    guidance-distilled model without true CFG).
    """

    positive: Out
    negative: Out | None
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Controls:
    """What to connect to the denoise node's control inputs (None: nothing)."""

    control: Out | None = None
    t2i_adapter: Out | None = None
    ip_adapter: Out | None = None
    redux: Out | None = None  # FLUX Redux reference images


@dataclass(frozen=True)
class Schedule:
    """How one denoise node runs: its part of the schedule and its settings (None: the request's)."""

    start: float = 0.0
    end: float = 1.0
    steps: int | None = None
    cfg_scale: float | None = None
    scheduler: str | None = None


@dataclass(frozen=True)
class SeparateParts:
    """Models loaded beside the main model in place of (or for want of) its own parts."""

    vae: ModelRecord | None = None
    t5_encoder: ModelRecord | None = None
    clip_embed: ModelRecord | None = None


@dataclass(frozen=True)
class Finished:
    """Latents after the family's finishing passes, and the prompt inputs those passes added."""

    latents: Out
    prompt_targets: tuple[Target, ...] = field(default=())


class Recipe(ABC):
    """How one model family builds its part of a standard graph; one instance serves every request.

    Methods take the draft to add nodes to and the checked request ``r``; they answer sockets for the next
    step. The denoise node is the recipe's own, so a family whose denoiser takes other inputs (a transformer,
    a single text conditioning, a distilled guidance value) fits without changing the shared steps.
    """

    encode_node: ClassVar[str] = "i2l"
    """Node type that encodes an image to latents (inputs ``image``, ``vae``; output ``latents``)."""

    decode_node: ClassVar[str] = "l2i"
    """Node type that decodes latents to an image (inputs ``latents``, ``vae``; output ``image``)."""

    def size_multiple(self, vae_factor: int) -> int:
        """What width and height must be a multiple of, given the VAE's factor (pixels per latent pixel).

        Families that pack latents into patches need more (2x2 patches: twice the factor).
        """
        return vae_factor

    def check(self, request: GenerateRequest, model: ModelRecord, sources: GenerationSources) -> None:
        """Refuse what the family cannot do with ``model``, naming the request field; the default refuses
        a refiner (only families with one accept it)."""
        if request.refiner is not None:
            raise invalid(
                "refiner", f"refiners work with SDXL models; {model.name!r} is a {model.base} model"
            )
        if request.reference_image is not None and not self.edits_reference(model):
            raise invalid(
                "reference_image",
                f"{model.name!r} is a {model.base} model, which does not edit a reference image; choose a "
                "FLUX.1 Kontext model, or use init_image for image to image",
            )

    def resolve_refiner(self, request: GenerateRequest, sources: GenerationSources) -> ModelRecord | None:
        """The refiner model the request names, checked (families without one refused it in :meth:`check`)."""
        return None

    def check_scheduler(self, field: str, name: str) -> str:
        """``name`` if the family's denoise node takes that sampler; the default: the Stable Diffusion
        schedulers."""
        return check_scheduler(field, name)

    def resolve_parts(
        self,
        request: GenerateRequest,
        model: ModelRecord,
        sources: GenerationSources,
        vae: ModelRecord | None,
    ) -> SeparateParts:
        """The separate models to load beside ``model`` (``vae``: the request's, already checked). The
        default takes the VAE and refuses separate text encoders, which only single-file transformer
        families need."""
        for name in ("t5_encoder", "clip_embed"):
            if getattr(request, name) is not None:
                raise invalid(
                    name,
                    f"{model.name!r} is a {model.base} model, which loads its own text encoders; "
                    "leave it out",
                )
        return SeparateParts(vae=vae)

    def guidance(
        self, request: GenerateRequest, model: ModelRecord, defaults: DefaultSettings
    ) -> float | None:
        """The distilled guidance the denoise node gets (None: the family has no such input, and the
        request's ``guidance`` is ignored as documented)."""
        return None

    reference_model: ClassVar[ModelType] = ModelType.IP_ADAPTER
    """The kind of model the request's reference images name (checked where the family takes them)."""

    def check_regions(self, request: GenerateRequest, model: ModelRecord) -> None:
        """Refuse regions and reference images where the family cannot build them; the default refuses
        both (the family has neither regional prompts nor IP-Adapters yet)."""
        for name in ("regions", "reference_images"):
            if getattr(request, name):
                raise _unsupported(name, model)

    def add_regions(
        self, draft: GraphDraft, r: Resolved, parts: ModelParts, prompts: Prompts, controls: Controls
    ) -> tuple[Prompts, Controls]:
        """The request's regions and reference images added to the prompts and controls; the default adds
        none (:meth:`check_regions` refused any)."""
        if r.request.regions or r.references:
            raise _unsupported("regions" if r.request.regions else "reference_images", r.model)
        return prompts, controls

    def check_resolved(self, r: Resolved) -> None:
        """Refuse combinations that only show once the defaults are filled in; the default: none."""
        return

    def edits_reference(self, model: ModelRecord) -> bool:
        """Whether ``model`` edits a reference image as the prompt says (the request's
        ``reference_image``); the default: no."""
        return False

    def edit_size(self, reference: tuple[int, int]) -> tuple[int, int]:
        """The size an edit of a reference image of size ``reference`` is made at when the request gives
        none (asked only where :meth:`edits_reference`); the default: the reference's own."""
        return reference

    def native_inpaint(self, model: ModelRecord) -> bool:
        """Whether ``model`` reads the mask and the masked image itself (its denoise mask is then made
        with the image and the VAE), rather than being blended into the kept region."""
        return is_inpaint_model(model)

    @abstractmethod
    def add_model(self, draft: GraphDraft, r: Resolved) -> ModelParts:
        """The main model's loader and what modifies its parts (LoRAs, CLIP skip, VAE override, seamless)."""

    @abstractmethod
    def add_prompts(self, draft: GraphDraft, r: Resolved, parts: ModelParts) -> Prompts:
        """Prompt nodes for ``r.prompts[0]`` and ``r.negative_prompt`` (ids ``positive``, ``negative``);
        ``targets`` of the answer name the inputs that take each item's prompt of a dynamic prompt."""

    @abstractmethod
    def add_noise(
        self, draft: GraphDraft, node_id: str, r: Resolved, parts: ModelParts, size: tuple[int, int]
    ) -> Out | None:
        """Noise for an image of ``size`` (pixels) from ``r.seeds[0]`` under ``node_id``; None where the
        family's denoise node makes its own noise from a seed (:meth:`seed_targets` then names that input)."""

    @abstractmethod
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
        """A denoise node under ``node_id`` over the given inputs; answers its latents socket.

        ``noise`` comes from :meth:`add_noise`; ``latents`` are start latents (image to image, the hires
        pass); ``mask`` is a ``create_denoise_mask`` output; ``schedule`` its window and overrides.
        """

    def add_scaled_latents(self, draft: GraphDraft, r: Resolved, latents: Out) -> Out:
        """The hires fix's first pass enlarged as latents (bicubic) to :attr:`Resolved.hires_size`: the
        default scales each latent side by the hires scale and rounds it (id ``hires_scale``)."""
        assert r.request.hires_fix is not None
        scale = r.request.hires_fix.scale
        node = draft.add("hires_scale", "lscale", latents=latents, scale_factor=scale, mode="bicubic")
        return Out(node, "latents")

    def base_end(self, r: Resolved) -> float:
        """Where the main model's pass stops in the schedule (a finishing pass may take over from there)."""
        return 1.0

    def add_finish(self, draft: GraphDraft, r: Resolved, latents: Out) -> Finished:
        """Passes the family runs after the mode's (SDXL: the refiner); the default adds none."""
        return Finished(latents)

    def seed_targets(self, draft: GraphDraft) -> tuple[Target, ...]:
        """Inputs of this recipe's nodes in ``draft`` that take each item's seed (the metadata's is added
        by the plan); the default: the ``seed`` of the noise nodes the shared steps name."""
        return tuple((node_id, "seed") for node_id in (NOISE, HIRES_NOISE) if node_id in draft.nodes)


def _unsupported(field: str, model: ModelRecord) -> Exception:
    what = field.replace("_", " ")
    return invalid(field, f"{what} are not supported for {model.base} models yet ({model.name!r})")


def add_vae_noise(
    draft: GraphDraft, node_id: str, r: Resolved, parts: ModelParts, size: tuple[int, int]
) -> Out:
    """A ``noise`` node for an image of ``size``, shaped by the VAE (its latent channels and factor)."""
    width, height = size
    draft.add(node_id, "noise", seed=r.seeds[0], width=width, height=height, vae=parts.geometry_vae)
    return Out(node_id, "latents")
