"""The interface between the shared steps of a standard graph and the recipe of one model family.

The shared steps (:mod:`impasto.builders.modes`, :mod:`~impasto.builders.hires`, the output and batch data in
:mod:`~impasto.builders.plan`) decide *what* a generation does: which passes run, over which part of the
schedule, from which image and mask. A :class:`Recipe` decides *with which nodes* a family does it: its model
loader and add-ons, its prompt encoders, its noise, its denoise node and any pass only it has (the refiner).
Every branch on the family lives in a recipe; the shared steps never ask which family they build for.

How the steps use a recipe, in order::

    parts = recipe.add_model(draft, r)                   # loader, LoRAs, encoders, VAE, seamless
    prompts = recipe.add_prompts(draft, r, parts)        # conditioning sockets + batch targets
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

from impasto.builders.checks import invalid
from impasto.builders.draft import GraphDraft, Out

if TYPE_CHECKING:
    from impasto.builders.request import GenerateRequest
    from impasto.builders.resolve import Resolved
    from impasto.builders.sources import GenerationSources
    from impasto.models.identity import ModelRecord

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


@dataclass(frozen=True)
class Schedule:
    """How one denoise node runs: its part of the schedule and its settings (None: the request's)."""

    start: float = 0.0
    end: float = 1.0
    steps: int | None = None
    cfg_scale: float | None = None
    scheduler: str | None = None


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

    def resolve_refiner(self, request: GenerateRequest, sources: GenerationSources) -> ModelRecord | None:
        """The refiner model the request names, checked (families without one refused it in :meth:`check`)."""
        return None

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
