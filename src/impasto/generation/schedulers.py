"""Schedulers built by name: the diffusers class of a name, configured from the model's own scheduler.

The names and their overrides live in :mod:`impasto.sampling.schedulers`; the rest of the configuration
comes from the model's scheduler config, which carries what the model was trained with (betas, prediction
type, timestep spacing). Only the keys the target class accepts are passed on.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any

import diffusers

from impasto.sampling.schedulers import scheduler_spec


def make_scheduler(
    name: str, model_config: Mapping[str, Any], *, seed: int = 0, prediction_type: str | None = None
) -> Any:
    """A fresh scheduler ``name`` configured from a model's scheduler config.

    ``prediction_type`` (the model record's, when a user corrected it) wins over the shipped config.
    DPM++ SDE draws its Brownian noise from a seed given at construction, so it gets the run's seed.
    """
    spec = scheduler_spec(name)
    cls = getattr(diffusers, spec.class_name)
    wanted: dict[str, Any] = {k: v for k, v in model_config.items() if not k.startswith("_")}
    wanted.update(spec.overrides)
    if prediction_type in ("epsilon", "v_prediction"):
        wanted["prediction_type"] = prediction_type
    if spec.class_name == "DPMSolverSDEScheduler":
        wanted["noise_sampler_seed"] = seed
    accepted = inspect.signature(cls.__init__).parameters
    return cls.from_config({k: v for k, v in wanted.items() if k in accepted})
