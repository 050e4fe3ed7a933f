"""The GPU check's rows, its table and its JSON file.

Rows use the benchmark harness's ``Row``: for iterations per second the ratio is Impasto / diffusers,
so here higher is better (1.00 = as fast as the plain loop); for memory and times, lower is better.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import torch

from bench.gpu_check.architecture import Architecture
from bench.gpu_check.cases import PairResult, PartialResult, Runner, Settings, median_rate
from bench.gpu_check.measure import GIB, max_difference
from bench.harness import Row, compare_row, format_table, machine

DIFFUSERS = "diffusers loop, SDPA"
RATE_TARGET = "≥ 0.95"


def pair_rows(case: str, arch: Architecture, result: PairResult, settings: Settings) -> list[Row]:
    """Iterations per second, peak device memory, (FLUX) how far apart the two paths' latents end, and,
    compiled, the warm-up time of both paths."""
    steps, variant = settings.steps, result.variant
    notes = f"mode {settings.compile_mode}" if variant.compile else ""
    rows = [
        compare_row(
            case,
            f"{arch.label} it/s, {variant.name}",
            DIFFUSERS,
            (result.diffusers.rates(steps), result.impasto.rates(steps)),
            unit="it/s",
            target=RATE_TARGET,
            notes=notes,
        )
    ]
    if result.diffusers.peaks and result.impasto.peaks:
        rows.append(
            _memory_row(case, f"peak VRAM, {variant.name}", result.impasto, result.diffusers, DIFFUSERS)
        )
    if arch.compare_latents:
        rows.append(_difference_row(case, result))
    if variant.compile:
        rows.append(
            Row(
                case=case,
                metric=f"compile warm-up ({settings.warmup_steps} steps)",
                impasto=result.impasto.warmup_seconds,
                unit="s",
                baseline=result.diffusers.warmup_seconds,
                baseline_name="diffusers loop, compiles first",
                notes=f"Impasto's runs reuse the compiled {arch.label}",
            )
        )
    return rows


def _difference_row(case: str, result: PairResult) -> Row:
    """The largest difference of the two paths' final latents, and of two runs of the loop (the noise
    floor of the kernels: 0 when they are deterministic)."""
    return Row(
        case=case,
        metric=f"max |Impasto - diffusers|, final latents, {result.variant.name}",
        impasto=max_difference(result.diffusers.outputs[-1], result.impasto.outputs[-1]),
        unit="",
        notes=f"diffusers vs its repeat: {_repeat_difference(result.diffusers):g}",
    )


def partial_rows(case: str, label: str, result: PartialResult, full: Runner, settings: Settings) -> list[Row]:
    """Partial against full loading on Impasto's path: speed, memory, what the cache held, equality."""
    steps, runner = settings.steps, result.runner
    fraction = f"{result.fraction:.0%} budget"
    rows = [
        Row(
            case=case,
            metric=f"{label} it/s, partially loaded ({fraction})",
            impasto=median_rate(runner, steps),
            unit="it/s",
            baseline=median_rate(full, steps),
            baseline_name="fully loaded",
            samples={"baseline": full.rates(steps), "impasto": runner.rates(steps)},
        ),
        Row(
            case=case,
            metric="model bytes on device, cache peak",
            impasto=result.device_peak / GIB,
            unit="GiB",
            notes=f"budget {result.budget / GIB:.2f} GiB, {label} {result.model_bytes / GIB:.2f} GiB",
        ),
        Row(
            case=case,
            metric="max |partial - full|, final latents",
            impasto=max_difference(full.outputs[-1], runner.outputs[-1]),
            unit="",
            target=f"≤ {settings.tolerance:g}",
            notes=f"full vs full repeat: {_repeat_difference(full):g}",
        ),
    ]
    if runner.peaks and full.peaks:
        rows.insert(1, _memory_row(case, "peak VRAM, partially loaded", runner, full, "fully loaded"))
    return rows


def _memory_row(case: str, metric: str, ours: Runner, base: Runner, base_name: str) -> Row:
    return Row(
        case=case,
        metric=metric,
        impasto=max(ours.peaks) / GIB,
        unit="GiB",
        baseline=max(base.peaks) / GIB,
        baseline_name=base_name,
    )


def _repeat_difference(runner: Runner) -> float:
    """How much two runs of the same path differ (0 on deterministic kernels); -1 with a single run."""
    if len(runner.outputs) < 2:
        return -1.0
    return max_difference(runner.outputs[0], runner.outputs[-1])


def render(rows: list[Row], not_measured: list[str], failures: list[str]) -> str:
    """The table, then what was not measured and what failed."""
    lines = [format_table(rows)] if rows else []
    lines += [f"not measured: {line}" for line in not_measured]
    lines += [f"FAILED: {line}" for line in failures]
    return "\n".join(lines)


def write_json(path: Path, rows: list[Row], extra: dict[str, Any]) -> Path:
    """Write the rows, the machine and ``extra`` (settings, skips, failures) as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "created": datetime.now(UTC).isoformat(),
        "machine": {**machine(), **_accelerator()},
        **extra,
        "rows": [{**asdict(row), "ratio": row.ratio} for row in rows],
    }
    path.write_text(json.dumps(_strict(payload), indent=2, allow_nan=False))
    return path


def _accelerator() -> dict[str, Any]:
    info: dict[str, Any] = {"cuda": torch.version.cuda}
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        info["gpu_memory_gib"] = round(props.total_memory / GIB, 1)
        info["capability"] = f"{props.major}.{props.minor}"
    return info


def _strict(value: Any) -> Any:
    """The payload with infinities and NaN as strings ("inf"), which strict JSON readers accept."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_strict(v) for v in value]
    return value


def imported_distributions() -> list[str]:
    """Top-level third-party modules this process imported (what a machine without internet must carry)."""
    standard = sys.stdlib_module_names
    names = {name.split(".")[0] for name in list(sys.modules)}
    return sorted(n for n in names if n not in standard and not n.startswith("_") and n != "__main__")
