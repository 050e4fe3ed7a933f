"""The samplers of flow-matching models (FLUX): names users pick, and the diffusers class behind each.

Flow-matching models predict a velocity and step along sigmas from 1 (noise) to 0 (image); the Stable
Diffusion schedulers (DDIM, DPM++...) do not apply to them. This table is torch-free so that graph
builders can validate a name before anything is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from impasto.errors import InvalidInputError


@dataclass(frozen=True)
class FlowScheduler:
    """One flow-matching sampler: its label and diffusers class."""

    label: str
    class_name: str


FLOW_SCHEDULERS: dict[str, FlowScheduler] = {
    "euler": FlowScheduler("Euler", "FlowMatchEulerDiscreteScheduler"),
    "heun": FlowScheduler("Heun", "FlowMatchHeunDiscreteScheduler"),
    "lcm": FlowScheduler("LCM", "FlowMatchLCMScheduler"),
}
"""Every flow-matching scheduler name, in the order users see them (``euler`` is the default)."""

FLOW_SCHEDULER_NAMES: tuple[str, ...] = tuple(FLOW_SCHEDULERS)


class UnknownFlowSchedulerError(InvalidInputError):
    """A scheduler name that flow-matching models do not take."""

    code = "unknown_scheduler"


def flow_scheduler(name: str) -> FlowScheduler:
    """The sampler called ``name``; the error lists the names flow-matching models take."""
    found = FLOW_SCHEDULERS.get(name)
    if found is None:
        raise UnknownFlowSchedulerError(
            f"unknown scheduler {name!r} for flow-matching models (FLUX); valid names: "
            f"{', '.join(FLOW_SCHEDULER_NAMES)}",
            {"scheduler": name, "valid": list(FLOW_SCHEDULER_NAMES)},
        )
    return found


def flow_scheduler_choices() -> dict[str, str]:
    """Names and labels, for select boxes."""
    return {name: spec.label for name, spec in FLOW_SCHEDULERS.items()}
