"""Running benchmark cases: alternating baseline/Impasto repetitions, medians, ratios, a table and JSON.

Timings taken at different moments on a shared machine are not comparable, so every comparison here
runs the baseline and Impasto in the same process, alternating, several times, and reports the ratio of
medians. Absolute numbers are kept too, with the machine they came from.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Timed = Callable[[], float]
"""Runs once and returns the seconds that count (setup excluded)."""


@dataclass
class Row:
    """One line of the report."""

    case: str
    metric: str
    impasto: float
    unit: str
    baseline: float | None = None
    baseline_name: str | None = None
    target: str | None = None
    notes: str = ""
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.impasto / self.baseline


def timed(action: Callable[[], Any]) -> float:
    """Seconds one call of ``action`` takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def alternate(
    baseline: Timed, impasto: Timed, repeats: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Run both ``repeats`` times, alternating (baseline first in even rounds), after ``warmup`` rounds."""
    for _ in range(warmup):
        baseline()
        impasto()
    base, ours = [], []
    for round_index in range(repeats):
        if round_index % 2 == 0:
            base.append(baseline())
            ours.append(impasto())
        else:
            ours.append(impasto())
            base.append(baseline())
    return base, ours


def compare_row(
    case: str,
    metric: str,
    baseline_name: str,
    samples: tuple[list[float], list[float]],
    *,
    unit: str = "s",
    target: str | None = None,
    notes: str = "",
) -> Row:
    """A row with the medians of both sample lists."""
    base, ours = samples
    return Row(
        case=case,
        metric=metric,
        impasto=statistics.median(ours),
        unit=unit,
        baseline=statistics.median(base),
        baseline_name=baseline_name,
        target=target,
        notes=notes,
        samples={"baseline": base, "impasto": ours},
    )


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    import os

    info: dict[str, Any] = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }
    try:
        import torch

        info["torch"] = torch.__version__
        info["threads"] = torch.get_num_threads()
        if torch.cuda.is_available():
            info["gpu"] = torch.cuda.get_device_name(0)
    except ImportError:
        pass
    return info


def format_table(rows: list[Row]) -> str:
    """A plain-text table of the rows."""
    header = ("case", "metric", "impasto", "baseline", "ratio", "target", "notes")
    lines = [header]
    for row in rows:
        baseline = (
            f"{_number(row.baseline)} {row.unit} ({row.baseline_name})" if row.baseline is not None else ""
        )
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
        lines.append(
            (
                row.case,
                row.metric,
                f"{_number(row.impasto)} {row.unit}",
                baseline,
                ratio,
                row.target or "",
                row.notes,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    text.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(text)


def write_results(rows: list[Row], folder: Path) -> Path:
    """Write ``<folder>/<date>.json`` with the rows and the machine; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    path = folder / f"{now:%Y-%m-%d}.json"
    payload = {
        "created": now.isoformat(),
        "machine": machine(),
        "rows": [{**asdict(row), "ratio": row.ratio} for row in rows],
    }
    path.write_text(json.dumps(payload, indent=2))
    return path


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if value == 0 or abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.4f}"
