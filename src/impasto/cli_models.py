"""``impasto models``: list, install, scan, inspect and remove models without a running server.

Installs run the same code as the server's install jobs, in this process, with a progress bar on stderr.
A model may be named by its key, a unique start of its key, or its exact name.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from impasto.config import load_config
from impasto.errors import ImpastoError, InvalidInputError, NotFoundError
from impasto.events import Event, EventBus
from impasto.models.events import InstallJobChanged
from impasto.models.identity import ModelRecord
from impasto.models.install.installer import InstallerSettings, ModelInstaller
from impasto.models.install.jobs import InstallJob, InstallRequest, JobState
from impasto.models.install.scan import ScanResult
from impasto.models.records import ModelFilter, ModelRecordService
from impasto.models.taxonomy import BaseModelType, ModelType

models_app = typer.Typer(help="Install, list, inspect and remove models.", no_args_is_help=True)

err = Console(stderr=True)
out = Console(soft_wrap=True)

RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Root directory (default: $IMPASTO_ROOT or ~/impasto).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
MIN_KEY_PREFIX = 4


@dataclass
class _Stack:
    records: ModelRecordService
    installer: ModelInstaller
    events: EventBus


@contextmanager
def _models(root: Path | None) -> Iterator[_Stack]:
    """The model services of a root, without the queue or a server."""
    from impasto.models.install.history import JobHistory
    from impasto.models.install.installer import ThreadedInstaller
    from impasto.models.records import SqlModelRecords
    from impasto.models.starters import ensure_bundled_models
    from impasto.storage import Database, apply_migrations

    config = load_config(root)
    config.ensure_dirs()
    db = Database(config.db_url)
    try:
        apply_migrations(db)
        events = EventBus()
        records = SqlModelRecords(db, config.models_path, events)
        installer = ThreadedInstaller(
            records, events, JobHistory(db), InstallerSettings.from_config(config, restrict_paths=False)
        )
        ensure_bundled_models(records, config)
        try:
            yield _Stack(records, installer, events)
        finally:
            installer.stop()
    finally:
        db.dispose()


@models_app.command("list")
def list_models(
    root: RootOption = None,
    base: Annotated[BaseModelType | None, typer.Option(help="Only this architecture family.")] = None,
    type: Annotated[ModelType | None, typer.Option(help="Only this model type.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List installed models."""
    with _models(root) as stack:
        found = stack.records.list(ModelFilter(base=base, type=type))
    if as_json:
        sys.stdout.write("[" + ",".join(r.model_dump_json() for r in found) + "]\n")
        return
    table = Table("key", "name", "base", "type", "format", "size", "path")
    for record in found:
        table.add_row(
            record.key[:8],
            record.name,
            record.base.value,
            record.type.value,
            record.format.value,
            _size(record.size),
            record.path,
        )
    out.print(table)
    out.print(f"{len(found)} model(s)")


@models_app.command("install")
def install(
    source: Annotated[str, typer.Argument(help="A file or folder, an http(s) URL, or a Hugging Face id.")],
    root: RootOption = None,
    inplace: Annotated[
        bool, typer.Option("--inplace", help="Leave a local file where it is instead of copying it.")
    ] = False,
    name: Annotated[str | None, typer.Option(help="Name of the model (default: the file name).")] = None,
) -> None:
    """Install a model in this process (no server needed), with a progress bar."""
    with _models(root) as stack:
        job = _run_jobs(stack, [InstallRequest(source=source, inplace=inplace, name=name)])[0]
        _raise_if_failed([job])
        record = stack.records.get(job.model_key or "")
    out.print(
        f"installed '{record.name}' ({record.base.value} {record.type.value}, {record.format.value}) "
        f"as {record.key}"
    )


@models_app.command("scan")
def scan(
    folder: Annotated[Path, typer.Argument(help="Folder to scan; AUTOMATIC1111 and ComfyUI trees work.")],
    root: RootOption = None,
    install: Annotated[bool, typer.Option("--install", help="Install every model found.")] = False,
    inplace: Annotated[
        bool,
        typer.Option("--inplace/--copy", help="Install in place (default) or copy into the models folder."),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """List the models below a folder, and optionally install them."""
    with _models(root) as stack:
        result = stack.installer.scan(folder)
        if as_json and not install:
            sys.stdout.write(result.model_dump_json(indent=2) + "\n")
            return
        _print_scan(result)
        if not install:
            return
        wanted = [e for e in result.entries if e.identity is not None and e.installed_key is None]
        jobs = _run_jobs(stack, [InstallRequest(source=e.path, inplace=inplace) for e in wanted])
    done = sum(job.state is JobState.COMPLETED for job in jobs)
    out.print(f"installed {done} of {len(jobs)} model(s)")
    _raise_if_failed(jobs)


@models_app.command("info")
def info(
    key: Annotated[str, typer.Argument(help="Key, start of the key, or name of the model.")],
    root: RootOption = None,
) -> None:
    """Print everything recorded about a model, as JSON."""
    with _models(root) as stack:
        record = _find(stack.records, key)
        resolved = stack.records.resolve(record)
    data = record.model_dump(mode="json") | {"resolved_path": str(resolved), "exists": resolved.exists()}
    sys.stdout.write(json.dumps(data, indent=2) + "\n")


@models_app.command("remove")
def remove(
    key: Annotated[str, typer.Argument(help="Key, start of the key, or name of the model.")],
    root: RootOption = None,
) -> None:
    """Forget a model; its files are deleted only if they are in the models folder (owned)."""
    with _models(root) as stack:
        record = stack.records.delete(_find(stack.records, key).key)
    kept = "files deleted" if record.owned else f"files kept at {record.path}"
    out.print(f"removed '{record.name}' ({record.key}); {kept}")


def _run_jobs(stack: _Stack, requests: list[InstallRequest]) -> list[InstallJob]:
    """Start the installs, show their progress, wait for them; Ctrl-C cancels them."""
    with _ProgressView(stack.events) as view:
        jobs = [stack.installer.install(request) for request in requests]
        for job in jobs:
            view.add(job)
        try:
            return [stack.installer.wait(job.id) for job in jobs]
        except KeyboardInterrupt:
            for job in jobs:
                if not stack.installer.get_job(job.id).state.finished:
                    stack.installer.cancel(job.id)
            raise


class _ProgressView:
    """One progress bar per job, fed by install events."""

    def __init__(self, events: EventBus) -> None:
        self.events = events
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self.tasks: dict[str, TaskID] = {}
        self.names: dict[str, str] = {}

    def __enter__(self) -> _ProgressView:
        self.unsubscribe = self.events.subscribe(self._on_event)
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.unsubscribe()
        self.progress.stop()

    def add(self, job: InstallJob) -> None:
        self.names[job.id] = Path(job.source.rstrip("/")).name or job.source
        self.tasks[job.id] = self.progress.add_task(f"{self.names[job.id]}: waiting", total=None)

    def _on_event(self, event: Event) -> None:
        if not isinstance(event, InstallJobChanged) or event.job.id not in self.tasks:
            return
        job = event.job
        what = job.step or job.state.value
        self.progress.update(
            self.tasks[job.id],
            description=f"{self.names[job.id]}: {what}",
            completed=job.bytes_done,
            total=job.bytes_total,
        )


def _raise_if_failed(jobs: list[InstallJob]) -> None:
    failed = [job for job in jobs if job.state is not JobState.COMPLETED]
    if not failed:
        return
    reasons = "; ".join(f"{job.source}: {job.error_message or job.state.value}" for job in failed)
    if len(jobs) == 1:
        raise ImpastoError(reasons)
    raise ImpastoError(f"{len(failed)} of {len(jobs)} install(s) failed: {reasons}")


def _find(records: ModelRecordService, text: str) -> ModelRecord:
    """A record by key, unique key prefix, or exact name."""
    try:
        return records.get(text)
    except NotFoundError:
        pass
    every = records.list()
    matches = [r for r in every if r.name == text]
    if not matches and len(text) >= MIN_KEY_PREFIX:
        matches = [r for r in every if r.key.startswith(text)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        keys = ", ".join(r.key for r in matches)
        raise InvalidInputError(f"'{text}' names several models ({keys}); give the full key")
    raise NotFoundError(f"no installed model has the key or name '{text}'")


def _print_scan(result: ScanResult) -> None:
    table = Table("path", "found in", "model", "installed")
    root = Path(result.folder)
    for entry in result.entries:
        path = Path(entry.path)
        shown = str(path.relative_to(root)) if root in path.parents else str(path)
        identity = entry.identity
        what = (
            f"{identity.base.value} {identity.type.value} ({identity.format.value})"
            if identity
            else f"not a model: {entry.error}"
        )
        table.add_row(
            shown, entry.tree_folder or "", what, entry.installed_key[:8] if entry.installed_key else ""
        )
    out.print(table)
    kind = {"a1111": "an AUTOMATIC1111 tree", "comfyui": "a ComfyUI tree"}.get(result.layout, "a folder")
    out.print(f"{len(result.entries)} candidate(s) in {kind}")


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
