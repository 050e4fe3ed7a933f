"""``impasto upscale``: enlarge an image with an installed upscaler model in this process.

It builds the same graph as ``POST /api/v1/upscale`` and runs it with the engine directly, with a
progress bar of the tiles on stderr. The result is stored in the gallery like any image and, with
``-o``, copied there too; stdout names the file and its size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from impasto.cli_generate import checked_request, stored_image, with_option
from impasto.cli_output import deliver, progress_bar
from impasto.config import load_config
from impasto.errors import ImpastoError
from impasto.graph.context import Progress as NodeProgress

OPTION_NAMES = {"image": "IMAGE"}


def upscale(
    image: Annotated[str, typer.Argument(help="A file, or a stored image's name.", show_default=False)],
    model: Annotated[str, typer.Option(help="Upscaler model: key or name.", show_default=False)],
    scale: Annotated[float, typer.Option(help="Final size as a multiple; 0: the model's factor.")] = 0,
    tile_size: Annotated[int, typer.Option(help="Tile side in input pixels; 0: no tiling.")] = 512,
    tile_overlap: Annotated[int, typer.Option(help="Pixels neighbouring tiles share.")] = 32,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Where to copy the PNG.")] = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root", help="Root directory (default: $IMPASTO_ROOT or ~/impasto).", show_default=False
        ),
    ] = None,
) -> None:
    """Upscale an image in this process and print where the result was written, with its size."""
    from impasto.services import build_services

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    services = build_services(load_config(root))
    try:
        fields = {"model": model, "scale": scale, "tile_size": tile_size, "tile_overlap": tile_overlap}
        request = _request({"image": stored_image(services, image), **fields})
        path, size = _run(services, request, output)
    except ImpastoError as exc:
        raise with_option(exc, OPTION_NAMES) from exc
    finally:
        services.close()
    sys.stdout.write(f"{path}\t{size[0]}x{size[1]}\n")


def _request(fields: dict[str, Any]) -> Any:
    from impasto.builders.upscale import UpscaleRequest

    return checked_request(UpscaleRequest, fields, OPTION_NAMES)


def _run(services: Any, request: Any, output: Path | None) -> tuple[Path, tuple[int, int]]:
    from impasto.builders.upscale import plan_upscale
    from impasto.graph.validation import prepare

    plan = plan_upscale(request, services.generation_sources())
    services.workload.check(prepare(plan.graph, services.registry))
    with progress_bar() as bar:
        task = bar.add_task("upscaling", total=100)

        def report(node_id: str, node_type: str, progress: NodeProgress) -> None:
            if node_type == "upscale_image" and progress.percentage is not None:
                bar.update(task, completed=progress.percentage, description=progress.message or "upscaling")

        context = services.execution_services(progress=report, graph=plan.graph)
        saved = services.executor.run(plan.graph, context).outputs()["save"]
    name = saved["image"]["image_name"]
    return deliver(services.images.file(name), output, 1, 1), (saved["width"], saved["height"])
