"""What the CLI's generating commands share: a progress bar on stderr and where result files go."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

err = Console(stderr=True)


DENOISE_NODES = frozenset({"denoise_latents", "flux_denoise", "sd3_denoise"})
"""The denoise nodes of the standard graphs, whose step reports move an image's progress bar."""


def progress_bar() -> Progress:
    """A transient bar per image on stderr, so that stdout keeps only the result lines."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )


def deliver(stored: Path, output: Path | None, number: int, total: int) -> Path:
    """Copy the stored PNG where ``-o`` says: the path, ``stem-N.suffix`` for several, or into a folder."""
    if output is None:
        return stored
    target = _target(stored.name, output, number, total)
    shutil.copyfile(stored, target)
    return target


def deliver_bytes(data: bytes, name: str, output: Path, number: int, total: int) -> Path:
    """Write a downloaded PNG where ``-o`` says (as :func:`deliver`), under its gallery name in a folder."""
    target = _target(name, output, number, total)
    target.write_bytes(data)
    return target


def _target(name: str, output: Path, number: int, total: int) -> Path:
    if output.is_dir() or str(output).endswith(("/", "\\")):
        target = output / name
    elif total > 1:
        target = output.with_name(f"{output.stem}-{number}{output.suffix or '.png'}")
    else:
        target = output
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
