"""One graph recipe per model family, chosen once from the main model's base.

A family's recipe (:class:`Recipe`) builds the nodes only it has; the shared steps build the rest. To add a
family, write its recipe against :mod:`impasto.builders.families.base` and list its bases in
:data:`RECIPES`: nothing else branches on the family.
"""

from __future__ import annotations

from impasto.builders.checks import invalid
from impasto.builders.families.base import Recipe
from impasto.builders.families.flux import Flux
from impasto.builders.families.sd import StableDiffusion
from impasto.builders.families.sd3 import StableDiffusion3
from impasto.builders.families.sdxl import StableDiffusionXL
from impasto.models.taxonomy import BaseModelType

__all__ = ["RECIPES", "Recipe", "recipe_for"]

_SD = StableDiffusion()

RECIPES: dict[BaseModelType, Recipe] = {
    BaseModelType.SD1: _SD,
    BaseModelType.SD2: _SD,
    BaseModelType.SDXL: StableDiffusionXL(),
    BaseModelType.SD3: StableDiffusion3(),
    BaseModelType.FLUX: Flux(),
}
"""The recipe of each base whose main models the standard graphs generate with."""

COMPANIONS: dict[BaseModelType, str] = {
    BaseModelType.SDXL_REFINER: "an SDXL refiner; give it as refiner.model of an SDXL model",
}
"""Bases of main models that only work beside another model, and where to give them instead."""


def recipe_for(base: BaseModelType, model_name: str | None = None) -> Recipe:
    """The recipe that builds graphs for main models of ``base``.

    Raises :class:`~impasto.builders.checks.GenerateRequestError` about the ``model`` field, naming the base
    (and ``model_name``), when no recipe generates with it.
    """
    recipe = RECIPES.get(base)
    if recipe is not None:
        return recipe
    subject = repr(model_name) if model_name is not None else "the model"
    if base in COMPANIONS:
        raise invalid("model", f"{subject} is {COMPANIONS[base]}")
    bases = ", ".join(RECIPES)
    raise invalid("model", f"{subject} is a {base} model; these graphs generate with {bases}")
