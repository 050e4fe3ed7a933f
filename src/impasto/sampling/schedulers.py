"""The schedulers users know by name: each a diffusers class name and its configuration overrides.

Names are InvokeAI's (stored in model records' default settings and accepted by the API). Each name is a
diffusers class plus a few overrides (Karras sigmas, the DPM-Solver algorithm, the solver order); the rest
of the configuration comes from the model's scheduler config (see
:func:`impasto.generation.schedulers.make_scheduler`). The table is plain data, so graph recipes and node
definitions check names without importing torch or diffusers.
"""

from __future__ import annotations

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


def scheduler_choices() -> dict[str, str]:
    """Scheduler names and their labels, for select boxes."""
    return {name: spec.label for name, spec in SCHEDULERS.items()}
