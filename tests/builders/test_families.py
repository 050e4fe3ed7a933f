"""The family seam: one recipe per base, chosen once; nothing outside the recipes branches on the family."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from impasto.builders import GenerateRequest, GenerateRequestError, plan_generation
from impasto.builders.draft import GraphDraft, Out, model_input
from impasto.builders.families import RECIPES, recipe_for
from impasto.builders.families.base import (
    DENOISE,
    HIRES_DENOISE,
    NEGATIVE,
    POSITIVE,
    Controls,
    ModelParts,
    Prompts,
    Recipe,
    Schedule,
    Target,
)
from impasto.builders.families.flux import Flux
from impasto.builders.families.sd import StableDiffusion
from impasto.builders.families.sd3 import StableDiffusion3
from impasto.builders.families.sdxl import StableDiffusionXL
from impasto.builders.resolve import Resolved
from impasto.models.identity import ModelRecord
from impasto.models.taxonomy import BaseModelType
from tests.builders.test_snapshots import RECORDS, Sources, _record

BUILDERS = Path(__file__).parents[2] / "src" / "impasto" / "builders"


def test_each_base_has_its_recipe() -> None:
    assert type(recipe_for(BaseModelType.SD1)) is StableDiffusion
    assert recipe_for(BaseModelType.SD2) is recipe_for(BaseModelType.SD1)
    assert type(recipe_for(BaseModelType.SDXL)) is StableDiffusionXL
    assert type(recipe_for(BaseModelType.SD3)) is StableDiffusion3
    assert type(recipe_for(BaseModelType.FLUX)) is Flux
    with pytest.raises(
        GenerateRequestError, match=r"^model: 'A' is a any model; .* sd-1, sd-2, sdxl, sd-3, flux$"
    ):
        recipe_for(BaseModelType.ANY, "A")
    with pytest.raises(GenerateRequestError, match="'R' is an SDXL refiner") as caught:
        recipe_for(BaseModelType.SDXL_REFINER, "R")
    assert caught.value.details == {"field": "model"}


def test_only_recipes_branch_on_the_family() -> None:
    """Outside ``families/`` no module names a base or an SD/SDXL-only node type, and no builder imports
    the generation package (dynamic prompts and scheduler names live in torch-free packages)."""
    family = re.compile(r"BaseModelType\.(SD1|SD2|SDXL|SD3|FLUX)|\.sdxl\b|\"(sdxl_|main_model_loader|compel)")
    generation = set()
    for path in BUILDERS.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "families" not in path.parts:
            assert not family.findall(text), path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("impasto.generation"):
                generation.add(node.module)
    assert generation == set()


class Transformer(Recipe):
    """A family unlike SD: a transformer, one prompt node for two encoders, no negative prompt, and a
    denoise node that draws its own noise from a seed (as a guidance-distilled family's would)."""

    def size_multiple(self, vae_factor: int) -> int:
        return vae_factor * 2

    def add_model(self, draft: GraphDraft, r: Resolved) -> ModelParts:
        loader = draft.add("model", "t_loader", model=model_input(r.model.key))
        encoders = {"clip": Out(loader, "clip"), "t5": Out(loader, "t5")}
        vae = Out(loader, "vae")
        return ModelParts(denoiser=Out(loader, "transformer"), vae=vae, geometry_vae=vae, encoders=encoders)

    def add_prompts(self, draft: GraphDraft, r: Resolved, parts: ModelParts) -> Prompts:
        draft.add(POSITIVE, "t_text", prompt=r.prompts[0], **parts.encoders)
        return Prompts(Out(POSITIVE, "conditioning"), None, targets=((POSITIVE, "prompt"),))

    def add_noise(
        self, draft: GraphDraft, node_id: str, r: Resolved, parts: ModelParts, size: tuple[int, int]
    ) -> Out | None:
        return None

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
            node_id, "t_denoise", transformer=parts.denoiser, text=prompts.positive,
            negative=prompts.negative, latents=latents, seed=r.seeds[0], guidance=3.5,
            denoising_start=plan.start,
        )  # fmt: skip
        return Out(node_id, "latents")

    def seed_targets(self, draft: GraphDraft) -> tuple[Target, ...]:
        return tuple((n, "seed") for n in (DENOISE, HIRES_DENOISE) if n in draft.nodes)


class WithTransformer(Sources):
    def models(self, ref: str) -> list[ModelRecord]:
        return [r for r in [*RECORDS, _record("T", "flux", "main")] if ref in (r.key, r.name)]


def test_a_family_with_another_denoise_node_needs_only_its_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RECIPES, BaseModelType.FLUX, Transformer())
    with pytest.raises(GenerateRequestError, match="not a multiple of 16"):
        plan_generation(GenerateRequest(prompt="x", model="T", width=72, height=64), WithTransformer())
    request = GenerateRequest(
        prompt="{a|b}", model="T", seed=5, count=2, hires_fix={"scale": 1.5, "strength": 0.5}
    )
    plan = plan_generation(request, WithTransformer())
    nodes = plan.graph.nodes
    assert nodes[DENOISE]["type"] == nodes[HIRES_DENOISE]["type"] == "t_denoise"
    assert "noise" not in nodes
    assert NEGATIVE not in nodes
    assert nodes["l2i"]["type"] == "l2i"  # the shared output step
    into_denoise = {
        (e.source.node_id, e.destination.field) for e in plan.graph.edges if e.destination.node_id == DENOISE
    }
    assert into_denoise == {("model", "transformer"), (POSITIVE, "text")}
    assert [[(d.node_id, d.field) for d in group] for group in plan.data] == [
        [(POSITIVE, "prompt"), ("metadata", "positive_prompt")],
        [(DENOISE, "seed"), (HIRES_DENOISE, "seed"), ("metadata", "seed")],
    ]
    with pytest.raises(GenerateRequestError, match="refiners work with SDXL"):
        plan_generation(
            GenerateRequest(prompt="x", model="T", refiner={"model": "Refiner"}), WithTransformer()
        )
