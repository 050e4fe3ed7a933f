"""`python bench/gpu.py [--dry-run]`: denoiser speed and memory of diffusers and Impasto on one CUDA GPU.

Cases run in this order, so that the numbers that matter most come first and compiling, the slow part,
is skipped rather than overrunning the time budget: for each model the eager and (UNets) channels-last
variants, then, for SDXL and FLUX, partial loading; after all models the ``torch.compile`` variants. A
case that fails is reported and the others still run; the exit status is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import diffusers
import torch

from bench.gpu_check.architecture import BuiltModel
from bench.gpu_check.cases import (
    VARIANTS,
    PairResult,
    Settings,
    measure_pair,
    measure_partial,
    partial_failures,
)
from bench.gpu_check.models import ARCHITECTURES, build
from bench.gpu_check.report import imported_distributions, pair_rows, partial_rows, render, write_json
from bench.harness import Row

logger = logging.getLogger("bench.gpu")
T = TypeVar("T")
RESULTS = Path(__file__).resolve().parents[1] / "results"


@dataclass
class Report:
    """What the run found, case by case."""

    rows: list[Row] = field(default_factory=list)
    not_measured: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python bench/gpu.py", description=__doc__.splitlines()[0])
    add = parser.add_argument
    add(
        "--dry-run",
        action="store_true",
        help="the same code on the CPU: scaled-down models, 32 px (FLUX 64 px), no compile",
    )
    add("--device", default=None, help="execution device (default cuda; cpu with --dry-run)")
    add("--models", default=",".join(ARCHITECTURES), help=f"subset of {', '.join(ARCHITECTURES)}")
    add("--variants", default=None, help=f"subset of {', '.join(VARIANTS)} (dry run: no compile)")
    add("--partial", default="sdxl,flux", help="models to run partially loaded ('' for none)")
    add(
        "--partial-fraction",
        type=float,
        default=None,
        help="device budget / denoiser bytes when partial (default: sdxl 0.6, flux 0.5)",
    )
    add("--steps", type=int, default=None, help="timed steps per run (default 20; dry run 2)")
    add("--warmup-steps", type=int, default=None, help="steps of the warm-up run (default 3; dry run 1)")
    add("--repeats", type=int, default=2, help="timed runs per path and case, alternating")
    add("--compile-mode", default="default", help="torch.compile mode, e.g. max-autotune-no-cudagraphs")
    add("--tolerance", type=float, default=0.0, help="largest allowed |partial - full| of the latents")
    add("--time-budget", type=float, default=420.0, help="seconds; compile cases are skipped past it")
    add("--threads", type=int, default=None, help="torch CPU threads (dry run default 1)")
    add("--output", type=Path, default=None, help="JSON path (default bench/results/gpu-<date>.json)")
    add("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    dry = args.dry_run
    args.device = args.device or ("cpu" if dry else "cuda")
    args.variants = args.variants or ("eager,channels-last" if dry else ",".join(VARIANTS))
    args.steps = args.steps or (2 if dry else 20)
    args.warmup_steps = args.warmup_steps or (1 if dry else 3)
    args.threads = args.threads or (1 if dry else None)
    for value, known in ((args.models, ARCHITECTURES), (args.variants, VARIANTS)):
        unknown = [name for name in _names(value) if name not in known]
        if unknown:
            parser.error(f"unknown: {', '.join(unknown)}; known: {', '.join(known)}")
    return args


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def settings_from(args: argparse.Namespace) -> Settings:
    device = torch.device(args.device)
    return Settings(
        device=device,
        steps=args.steps,
        warmup_steps=args.warmup_steps,
        repeats=args.repeats,
        compile_mode=args.compile_mode,
        partial_fraction=args.partial_fraction,
        tolerance=args.tolerance,
    )


class Check:
    """Runs the cases one by one, each guarded, and collects the report."""

    def __init__(self, args: argparse.Namespace, settings: Settings) -> None:
        self.args = args
        self.settings = settings
        self.report = Report()
        self.started = time.monotonic()
        self.models: dict[str, BuiltModel] = {}
        self.eager: dict[str, PairResult] = {}

    def run(self) -> Report:
        names, variants = _names(self.args.models), _names(self.args.variants)
        for name in names:
            for variant in self.variants(name, variants, compiled=False):
                self.pair(name, variant)
            if name in _names(self.args.partial):
                self.partial(name)
        for name in names:
            for variant in self.variants(name, variants, compiled=True):
                if self.seconds_left() < ARCHITECTURES[name].compile_reserve_s:
                    self.report.not_measured.append(f"{self.case(name)}, {variant}: skipped, time budget")
                else:
                    self.pair(name, variant)
        return self.report

    def variants(self, name: str, asked: list[str], *, compiled: bool) -> list[str]:
        """The asked variants (compiled or not) that apply to this model; the others are listed."""
        applicable = ARCHITECTURES[name].variants
        chosen = []
        for variant in [v for v in VARIANTS if VARIANTS[v].compile == compiled]:
            if variant in asked and variant in applicable:
                chosen.append(variant)
            elif variant in asked:
                self.report.not_measured.append(f"{self.case(name)}, {variant}: does not apply")
            elif compiled and self.args.dry_run:
                self.report.not_measured.append(
                    f"{self.case(name)}, {variant}: skipped on the CPU (dry run; --variants compile runs it)"
                )
        return chosen

    def pair(self, name: str, variant: str) -> None:
        result = self.attempt(
            f"{name} {variant}", lambda: measure_pair(self.model(name), self.settings, VARIANTS[variant])
        )
        if result is None:
            return
        if variant == "eager":
            self.eager[name] = result
        self.report.rows += pair_rows(self.case(name), ARCHITECTURES[name], result, self.settings)

    def partial(self, name: str) -> None:
        full = self.eager.get(name)
        if full is None:
            self.report.not_measured.append(f"{self.case(name)}, partial loading: needs the eager case")
            return
        result = self.attempt(f"{name} partial", lambda: measure_partial(self.model(name), self.settings))
        if result is None:
            return
        label = ARCHITECTURES[name].label
        self.report.rows += partial_rows(self.case(name), label, result, full.impasto, self.settings)
        self.report.failures += [
            f"{name} partial: {f}" for f in partial_failures(result, full.impasto, self.settings.tolerance)
        ]

    def model(self, name: str) -> BuiltModel:
        if name not in self.models:
            started = time.monotonic()
            arch = ARCHITECTURES[name]
            built = build(arch, tiny=self.args.dry_run, device=self.settings.device)
            self.models[name] = built
            logger.info(
                "%s: built in %.1f s (%s %.2f GiB)",
                name,
                time.monotonic() - started,
                arch.label,
                built.denoiser_bytes / 2**30,
            )
        return self.models[name]

    def attempt(self, label: str, action: Callable[[], T]) -> T | None:
        """Run one case; a failure is logged and reported, and the next case runs."""
        started = time.monotonic()
        try:
            result = action()
        except Exception as exc:
            logger.exception("%s failed", label)
            first_line = (str(exc).splitlines() or [""])[0]
            self.report.failures.append(f"{label}: {type(exc).__name__}: {first_line}")
            return None
        logger.info("%s: %.1f s", label, time.monotonic() - started)
        return result

    def case(self, name: str) -> str:
        arch = ARCHITECTURES[name]
        if self.args.dry_run:
            return f"{name} {arch.dry_image_size}px tiny"
        return f"{name} {arch.image_size}px"

    def seconds_left(self) -> float:
        budget: float = self.args.time_budget
        return budget - (time.monotonic() - self.started)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    diffusers.utils.logging.set_verbosity_error()
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        logger.error(
            "no CUDA device here (torch %s); run with --dry-run for the CPU check", torch.__version__
        )
        return 2
    started = time.monotonic()
    report = Check(args, settings_from(args)).run()
    elapsed = time.monotonic() - started
    sys.stdout.write(render(report.rows, report.not_measured, report.failures) + "\n")
    sys.stdout.write(f"total {elapsed:.0f} s\n")
    path = args.output or (None if args.dry_run else RESULTS / f"gpu-{datetime.now(UTC):%Y-%m-%d}.json")
    if path is not None and not args.no_write:
        extra = _extra(args, report, elapsed)
        sys.stdout.write(f"written to {write_json(path, report.rows, extra)}\n")
    return 1 if report.failures else 0


def _extra(args: argparse.Namespace, report: Report, elapsed: float) -> dict[str, Any]:
    return {
        "settings": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "elapsed_s": round(elapsed, 1),
        "not_measured": report.not_measured,
        "failures": report.failures,
        "imported": imported_distributions(),
    }


if __name__ == "__main__":
    sys.exit(main())
