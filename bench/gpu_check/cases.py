"""The measurements: a denoiser variant (a UNet or FLUX's transformer) run by the diffusers loop and by
Impasto's path, alternating, and Impasto's path again with the denoiser partially loaded.

A session puts the model's parts into a fresh Impasto model cache, as the model loader would (the
denoiser already in channels-last layout or wrapped by ``torch.compile`` for those variants: Impasto has
no setting for either, so the module is prepared before it enters the cache, as a loader option would).
For full loads the session keeps the denoiser locked on the device, where the diffusers loop uses it; no
hook is installed on a fully loaded model, so the loop runs plain diffusers modules. Impasto's runs lock
it again themselves, as every generation does.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import torch

from bench.gpu_check.architecture import BuiltModel
from bench.gpu_check.measure import max_difference, peak_bytes, reset_peak, timed_call
from bench.gpu_check.paths import MODEL_KEY, CachedModels, main_record
from bench.harness import alternate
from impasto.models.cache import ModelCache
from impasto.models.cache.sizes import object_bytes
from impasto.models.loaders.base import SubModel

logger = logging.getLogger("bench.gpu")


@dataclass(frozen=True)
class Variant:
    """How the denoiser is prepared before it enters the model cache."""

    name: str
    channels_last: bool = False
    compile: bool = False


VARIANTS = {
    "eager": Variant("eager"),
    "channels-last": Variant("channels-last", channels_last=True),
    "compile": Variant("compile", compile=True),
}


@dataclass(frozen=True)
class Settings:
    """What every case runs with."""

    device: torch.device
    steps: int
    warmup_steps: int
    repeats: int
    compile_mode: str
    partial_fraction: float | None  # None: each architecture's own
    tolerance: float


@dataclass
class Runner:
    """One path run repeatedly: its warm-up time, timed runs, peak device memory and final latents."""

    run: Callable[[int], torch.Tensor]
    device: torch.device
    warmup_seconds: float = 0.0
    seconds: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    outputs: list[torch.Tensor] = field(default_factory=list)

    def warm(self, steps: int) -> None:
        """One short run (kernel selection, compilation, placing weights); its time is kept apart."""
        self.warmup_seconds, _ = timed_call(partial(self.run, steps), self.device)

    def timed(self, steps: int) -> float:
        """One run of ``steps`` steps; returns its seconds."""
        reset_peak(self.device)
        seconds, output = timed_call(partial(self.run, steps), self.device)
        peak = peak_bytes(self.device)
        if peak is not None:
            self.peaks.append(peak)
        self.seconds.append(seconds)
        self.outputs.append(output.detach().float().cpu())
        return seconds

    def rates(self, steps: int) -> list[float]:
        """Iterations per second of each timed run (one denoiser call per step: UNet batch 2, FLUX 1)."""
        return [steps / s for s in self.seconds]


@dataclass
class Session:
    """A model's parts in a fresh model cache, and (full loads) the denoiser locked on the device."""

    models: CachedModels
    cache: ModelCache
    denoiser: Any = None


@dataclass
class PairResult:
    """A variant measured on both paths."""

    variant: Variant
    diffusers: Runner
    impasto: Runner
    attention: list[str]


@dataclass
class PartialResult:
    """Impasto's path with the denoiser partially loaded, and what the cache accounted."""

    runner: Runner
    fraction: float
    budget: int
    model_bytes: int
    device_peak: int
    partial: bool


@contextmanager
def session(
    model: BuiltModel, settings: Settings, variant: Variant, device_budget: int | None = None
) -> Iterator[Session]:
    """Put the model into a fresh cache (``device_budget`` None: room for all of it) for the block."""
    module, arch = model.denoiser, model.arch
    with ExitStack() as stack:
        if variant.channels_last:
            module.to(memory_format=torch.channels_last)
            stack.callback(module.to, memory_format=torch.contiguous_format)
        denoiser = torch.compile(module, mode=settings.compile_mode) if variant.compile else module
        if variant.compile:
            stack.callback(torch._dynamo.reset)
        cache = _cache(model, denoiser, settings.device, device_budget)
        stack.callback(reset_peak, settings.device)  # returns the freed blocks to the driver
        stack.callback(cache.empty)
        record = main_record(arch.base, arch.prediction, model.denoiser_bytes)
        current = Session(CachedModels(cache, record), cache)
        if device_budget is None:
            current.denoiser = stack.enter_context(cache.lock(MODEL_KEY, arch.part))
        yield current


def _cache(model: BuiltModel, denoiser: Any, device: torch.device, device_budget: int | None) -> ModelCache:
    total = object_bytes(model.denoiser) + object_bytes(model.vae)
    cache = ModelCache(
        ram_budget_bytes=2 * total,
        device_budget_bytes=device_budget if device_budget is not None else 2 * total,
        execution_device=device,
        enable_partial_loading=device_budget is not None,
    )
    cache.put(MODEL_KEY, model.arch.part, denoiser)
    cache.put(MODEL_KEY, SubModel.VAE, model.vae)
    cache.put(MODEL_KEY, SubModel.SCHEDULER, model.scheduler)
    return cache


def measure_pair(model: BuiltModel, settings: Settings, variant: Variant) -> PairResult:
    """Warm both paths up, then run them alternately ``repeats`` times each."""
    device, steps, workload = settings.device, settings.steps, model.workload
    with session(model, settings, variant) as current:
        config = model.scheduler.config
        raw = Runner(workload.diffusers(current.denoiser, config, device, model.dtype), device)
        ours = Runner(workload.impasto(current.models, device), device)
        for runner in (raw, ours):
            runner.warm(settings.warmup_steps)
        alternate(partial(raw.timed, steps), partial(ours.timed, steps), settings.repeats, warmup=0)
        attention = sorted({type(p).__name__ for p in model.denoiser.attn_processors.values()})
    return PairResult(variant, raw, ours, attention)


def measure_partial(model: BuiltModel, settings: Settings) -> PartialResult:
    """Impasto's path with a device budget of a fraction of the denoiser's bytes (the architecture's
    own, unless the settings give one)."""
    size = object_bytes(model.denoiser)
    fraction = settings.partial_fraction or model.arch.partial_fraction
    budget = int(size * fraction)
    with session(model, settings, VARIANTS["eager"], device_budget=budget) as current:
        runner = Runner(model.workload.impasto(current.models, settings.device), settings.device)
        runner.warm(settings.warmup_steps)  # the first lock copies the resident part
        for _ in range(settings.repeats):
            runner.timed(settings.steps)
        part = model.arch.part
        partial_now = any(e.partial for e in current.cache.stats().entries if e.submodel == part)
        return PartialResult(runner, fraction, budget, size, current.cache.ledger.peak, partial_now)


def partial_failures(result: PartialResult, full: Runner, tolerance: float) -> list[str]:
    """What the partial run got wrong: other outputs than a full load, no streaming, over budget."""
    failures = []
    difference = max_difference(full.outputs[-1], result.runner.outputs[-1])
    if not difference <= tolerance:
        failures.append(f"partial and full loads differ by {difference:g} (tolerance {tolerance:g})")
    if not result.partial:
        failures.append("the denoiser was not partially loaded")
    if result.device_peak > result.budget:
        failures.append(f"the cache held {result.device_peak} bytes on the device, over {result.budget}")
    return failures


def median_rate(runner: Runner, steps: int) -> float:
    return statistics.median(runner.rates(steps))
