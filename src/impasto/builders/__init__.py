"""The standard generation graphs, built from flat parameters (the Generate tab, the API and the CLI).

A :class:`GenerateRequest` is checked against the installation (:func:`resolve`, through a
:class:`GenerationSources`) and turned into a :class:`GenerationPlan`: a graph of the built-in nodes, its
batch data and the seed and prompt of every item. The nodes only one model family has come from that
family's recipe (:mod:`impasto.builders.families`), chosen once from the main model's base; the modes,
the hires fix, the metadata, the output and the batch data are shared. Building is pure (no torch, no I/O
beyond the lookups), so the web UI's "open as workflow" and tests get exactly what the queue would run.
"""

from impasto.builders.checks import GenerateRequestError
from impasto.builders.plan import (
    BatchField,
    GenerationPlan,
    PlannedItem,
    build_plan,
    plan_generation,
)
from impasto.builders.request import (
    ControlNetRequest,
    GenerateRequest,
    HiresFixRequest,
    LoraRequest,
    OutpaintRequest,
    ReferenceImageRequest,
    RefinerRequest,
    RegionRequest,
    T2IAdapterRequest,
)
from impasto.builders.resolve import Resolved, resolve
from impasto.builders.sources import GenerationSources, InstalledSources

__all__ = [
    "BatchField",
    "ControlNetRequest",
    "GenerateRequest",
    "GenerateRequestError",
    "GenerationPlan",
    "GenerationSources",
    "HiresFixRequest",
    "InstalledSources",
    "LoraRequest",
    "OutpaintRequest",
    "PlannedItem",
    "ReferenceImageRequest",
    "RefinerRequest",
    "RegionRequest",
    "Resolved",
    "T2IAdapterRequest",
    "build_plan",
    "plan_generation",
    "resolve",
]
