"""``impasto generate``: make images from a prompt in this process, without a server (or, with
``--server``, on a running one: see :mod:`impasto.cli_remote`).

It builds the same graph as ``POST /api/v1/generate`` and runs it with the engine directly, one image at a
time, with a progress bar of the denoising steps on stderr. Every image is stored in the gallery as usual
(PNG with its metadata) and, with ``-o``, copied there too; stdout lists each file and its seed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.progress import Progress, TaskID

from impasto.cli_canvas import (
    CANVAS_OPTION_NAMES,
    IPAdapterMethodOption,
    IPAdapterOption,
    IPAdapterWeightOption,
    RegionNegativeOption,
    RegionOption,
    option_of_item,
    reference_fields,
    region_fields,
    with_stored_images,
)
from impasto.cli_output import DENOISE_NODES, deliver, progress_bar
from impasto.cli_remote import ServerOption, TokenOption, generate_remote, remote_image
from impasto.config import load_config
from impasto.errors import ImpastoError, InvalidInputError
from impasto.graph.context import Progress as NodeProgress
from impasto.remote import RemoteStudio

err = Console(stderr=True)
T = TypeVar("T", bound=BaseModel)

OPTION_NAMES = {
    "negative_prompt": "--negative",
    "cfg_scale": "--cfg",
    "init_image": "--init",
    "reference_image": "--reference",
    "prompt": "PROMPT",
}
"""Request fields whose command-line option has another name."""


def generate(
    prompt: Annotated[str, typer.Argument(help="The prompt ({a|b} variants expand).", show_default=False)],
    negative: Annotated[str, typer.Option("--negative", help="What the image should not show.")] = "",
    model: Annotated[
        str | None, typer.Option(help="Main model: key or name (default: the default model).")
    ] = None,
    width: Annotated[int | None, typer.Option(help="Width in pixels (default: the model's).")] = None,
    height: Annotated[int | None, typer.Option(help="Height in pixels (default: the model's).")] = None,
    steps: Annotated[int | None, typer.Option(help="Denoising steps (default: the model's).")] = None,
    cfg: Annotated[float | None, typer.Option("--cfg", help="Guidance scale (default: the model's).")] = None,
    guidance: Annotated[
        float | None,
        typer.Option(
            help="Distilled guidance of FLUX dev models (default: the model's, 3.5); others ignore it."
        ),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Scheduler, e.g. euler (default: the model's).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of the first image (default: random).")] = None,
    count: Annotated[int, typer.Option(help="How many images (consecutive seeds).")] = 1,
    init: Annotated[
        str | None, typer.Option("--init", help="Image to start from: a file, or a stored image's name.")
    ] = None,
    strength: Annotated[float | None, typer.Option(help="How much of --init to change (0-1).")] = None,
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference",
            help=(
                "Image for a FLUX.1 Kontext model to edit as the prompt says: a file, or a stored image's "
                "name (default size: the reference's, resized to Kontext's nearest trained size)."
            ),
        ),
    ] = None,
    region: RegionOption = None,
    region_negative: RegionNegativeOption = None,
    ip_adapter: IPAdapterOption = None,
    ip_adapter_weight: IPAdapterWeightOption = None,
    ip_adapter_method: IPAdapterMethodOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Where to copy the PNG (count > 1: out-1.png, ...; or a folder)."
        ),
    ] = None,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root", help="Root directory (default: $IMPASTO_ROOT or ~/impasto).", show_default=False
        ),
    ] = None,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    """Generate images (here, or on a --server) and print where they were written, with their seeds."""
    from impasto.services import build_services

    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # this command draws its own bar

    fields = {
        "prompt": prompt, "negative_prompt": negative, "model": model, "width": width, "height": height,
        "steps": steps, "cfg_scale": cfg, "guidance": guidance, "scheduler": scheduler, "seed": seed,
        "count": count, "strength": strength, "init_image": init, "reference_image": reference,
        "regions": region_fields(region, region_negative),
        "reference_images": reference_fields(ip_adapter, ip_adapter_weight, ip_adapter_method),
    }  # fmt: skip
    if server:
        remote = RemoteStudio.at(server, token)
        try:
            generate_remote(
                remote, with_stored_images(fields, lambda value: remote_image(remote, value)), output
            )
        except ImpastoError as exc:
            raise with_option(exc, OPTION_NAMES) from exc
        return
    services = build_services(load_config(root))
    try:
        stored = with_stored_images(fields, lambda value: stored_image(services, value))
        written = _run(services, _request(stored), output)
    except ImpastoError as exc:
        raise with_option(exc, OPTION_NAMES) from exc
    finally:
        services.close()
    if not written:
        raise InvalidInputError("no image was made")


def _request(fields: dict[str, Any]) -> Any:
    from impasto.builders import GenerateRequest

    given = {name: value for name, value in fields.items() if value is not None}
    return checked_request(GenerateRequest, given, OPTION_NAMES)


def checked_request(model: type[T], fields: dict[str, Any], names: dict[str, str]) -> T:
    """The request, with a pydantic error turned into one line naming the option."""
    try:
        return model(**fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = _field_path(error["loc"]) if error["loc"] else "request"
        raise InvalidInputError(f"{option(field, names)}: {error['msg']}") from exc


def _field_path(loc: tuple[int | str, ...]) -> str:
    """``regions[0].mask`` for pydantic's location ``("regions", 0, "mask")``."""
    path = str(loc[0])
    for part in loc[1:]:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def option(field: str, names: dict[str, str]) -> str:
    """The command-line option of a request field (``--region 2 (mask)`` for ``regions[1].mask``)."""
    return option_of_item(field, CANVAS_OPTION_NAMES) or names.get(field, f"--{field.replace('_', '-')}")


def with_option(exc: ImpastoError, names: dict[str, str]) -> ImpastoError:
    """A request error names the request field; on the command line, name the option instead."""
    field = exc.details.get("field") if isinstance(exc.details, dict) else None
    if not isinstance(field, str) or not exc.message.startswith(f"{field}: "):
        return exc
    message = exc.message.removeprefix(f"{field}: ")
    return InvalidInputError(f"{option(field, names)}: {message}", exc.details)


def stored_image(services: Any, value: str) -> str:
    """A file is uploaded into the gallery; anything else must name a stored image."""
    path = Path(value).expanduser()
    if path.is_file():
        record = services.images.upload(path.read_bytes(), category="user", board_id=None)
        return str(record.image_name)
    return value


def _run(services: Any, request: Any, output: Path | None) -> list[Path]:
    from impasto.builders import plan_generation
    from impasto.graph.validation import prepare
    from impasto.queue.batch import expand
    from impasto.queue.models import Batch

    plan = plan_generation(request, services.generation_sources(), services.registry)
    batch = Batch.model_validate(
        {"graph": plan.graph, "data": [[d.model_dump() for d in g] for g in plan.data]}
    )
    services.workload.check_batch(batch, prepare(plan.graph, services.registry))
    runs = list(zip(expand(batch), plan.items, strict=True))
    written: list[tuple[Path, int]] = []
    try:
        with progress_bar() as bar:
            for number, (values, item) in enumerate(runs, start=1):
                label = f"image {number}/{len(runs)} (seed {item.seed})"
                task = bar.add_task(label, total=100)
                graph = plan.graph.with_values(values)
                context = services.execution_services(
                    progress=_StepReporter(bar, task, label).report, graph=graph
                )
                name = services.executor.run(graph, context).outputs()["save"]["image"]["image_name"]
                written.append((deliver(services.images.file(name), output, number, len(runs)), item.seed))
                bar.update(task, completed=100)
    finally:  # after the bar is gone, so stdout holds only these lines (also those made before an error)
        sys.stdout.write("".join(f"{path}\tseed {seed}\n" for path, seed in written))
    return [path for path, _ in written]


class _StepReporter:
    """Moves an image's bar with the denoise nodes' step reports."""

    def __init__(self, bar: Progress, task: TaskID, label: str) -> None:
        self.bar = bar
        self.task = task
        self.label = label

    def report(self, node_id: str, node_type: str, progress: NodeProgress) -> None:
        if node_type in DENOISE_NODES and progress.percentage is not None:
            self.bar.update(self.task, completed=progress.percentage, description=f"{self.label} {node_id}")
