"""The schedulers users know by name, as diffusers classes configured from the model's own scheduler.

Names are InvokeAI's (stored in model records' default settings and accepted by the API). Each name is a
diffusers class plus a few overrides (Karras sigmas, the DPM-Solver algorithm, the solver order); the rest
of the configuration comes from the model's scheduler config, which carries what the model was trained
with (betas, prediction type, timestep spacing). Only the keys the target class accepts are passed on.
This module is torch-free to import: the class is imported when a scheduler is built.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from impasto.errors import InvalidInputError


@dataclass(frozen=True)
class SchedulerSpec:
    """One named scheduler: its label, diffusers class and configuration overrides."""

    label: str
    class_name: str
    overrides: Mapping[str, Any] = field(default_factory=dict)


_PLAIN: dict[str, Any] = {"use_karras_sigmas": False}
_KARRAS: dict[str, Any] = {
    "use_karras_sigmas": True,
    "use_exponential_sigmas": False,
    "use_beta_sigmas": False,
}


def _pair(label: str, class_name: str, **extra: Any) -> dict[str, SchedulerSpec]:
    """A scheduler and its Karras-sigmas variant (``<name>_k``)."""
    return {
        "": SchedulerSpec(label, class_name, {**_PLAIN, **extra}),
        "_k": SchedulerSpec(f"{label} Karras", class_name, {**_KARRAS, **extra}),
    }


def _build_table() -> dict[str, SchedulerSpec]:
    table: dict[str, SchedulerSpec] = {
        "ddim": SchedulerSpec("DDIM", "DDIMScheduler"),
        "ddpm": SchedulerSpec("DDPM", "DDPMScheduler"),
        # Stable Diffusion's PNDM configs skip the Runge-Kutta warm-up; it also fails below 4 steps.
        "pndm": SchedulerSpec("PNDM", "PNDMScheduler", {"skip_prk_steps": True}),
        "euler_a": SchedulerSpec("Euler Ancestral", "EulerAncestralDiscreteScheduler"),
        "lcm": SchedulerSpec("LCM", "LCMScheduler"),
        "tcd": SchedulerSpec("TCD", "TCDScheduler"),
    }
    pairs = {
        "deis": _pair("DEIS", "DEISMultistepScheduler"),
        "lms": _pair("LMS", "LMSDiscreteScheduler"),
        "heun": _pair("Heun", "HeunDiscreteScheduler"),
        "euler": _pair("Euler", "EulerDiscreteScheduler"),
        "kdpm_2": _pair("KDPM 2", "KDPM2DiscreteScheduler"),
        "kdpm_2_a": _pair("KDPM 2 Ancestral", "KDPM2AncestralDiscreteScheduler"),
        "dpmpp_2s": _pair("DPM++ 2S", "DPMSolverSinglestepScheduler", solver_order=2),
        "dpmpp_2m": _pair(
            "DPM++ 2M", "DPMSolverMultistepScheduler", algorithm_type="dpmsolver++", solver_order=2
        ),
        "dpmpp_2m_sde": _pair(
            "DPM++ 2M SDE", "DPMSolverMultistepScheduler", algorithm_type="sde-dpmsolver++", solver_order=2
        ),
        "dpmpp_3m": _pair(
            "DPM++ 3M", "DPMSolverMultistepScheduler", algorithm_type="dpmsolver++", solver_order=3
        ),
        "dpmpp_sde": _pair("DPM++ SDE", "DPMSolverSDEScheduler"),
        "unipc": _pair("UniPC", "UniPCMultistepScheduler"),
    }
    for name, variants in pairs.items():
        for suffix, spec in variants.items():
            table[name + suffix] = spec
    return table


SCHEDULERS: dict[str, SchedulerSpec] = _build_table()
"""Every scheduler name, in the order users see them."""

SCHEDULER_NAMES: tuple[str, ...] = tuple(SCHEDULERS)


class UnknownSchedulerError(InvalidInputError):
    """A scheduler name that is not one of :data:`SCHEDULER_NAMES`."""

    code = "unknown_scheduler"


def scheduler_spec(name: str) -> SchedulerSpec:
    """The spec of a scheduler name; the error lists the valid names."""
    spec = SCHEDULERS.get(name)
    if spec is None:
        raise UnknownSchedulerError(
            f"unknown scheduler {name!r}; valid names: {', '.join(SCHEDULER_NAMES)}",
            {"scheduler": name, "valid": list(SCHEDULER_NAMES)},
        )
    return spec


def make_scheduler(
    name: str, model_config: Mapping[str, Any], *, seed: int = 0, prediction_type: str | None = None
) -> Any:
    """A fresh scheduler ``name`` configured from a model's scheduler config.

    ``prediction_type`` (the model record's, when a user corrected it) wins over the shipped config.
    DPM++ SDE draws its Brownian noise from a seed given at construction, so it gets the run's seed.
    """
    import diffusers

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


def scheduler_choices() -> dict[str, str]:
    """Scheduler names and their labels, for select boxes."""
    return {name: spec.label for name, spec in SCHEDULERS.items()}
