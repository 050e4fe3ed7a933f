"""The ``impasto`` command.

Every subcommand takes ``--root DIR`` (or ``IMPASTO_ROOT``). Errors end the command with one line on
stderr and a non-zero exit status; long work shows a progress bar on stderr, so stdout stays clean for
JSON output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import yaml
from rich.console import Console
from rich.table import Table

from impasto import __version__
from impasto.cli_generate import generate
from impasto.cli_models import models_app
from impasto.cli_remote import (
    ServerOption,
    TokenOption,
    queue_cancel_remote,
    queue_list_remote,
    queue_retry_remote,
    studio,
)
from impasto.cli_upscale import upscale
from impasto.config import ImpastoConfig, load_config, read_config_file
from impasto.errors import ImpastoError

app = typer.Typer(
    name="impasto",
    help="Impasto, a local-first AI image studio.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
queue_app = typer.Typer(help="Inspect and control the queue.", no_args_is_help=True)
config_app = typer.Typer(help="Show or check the configuration.", no_args_is_help=True)
app.add_typer(queue_app, name="queue")
app.add_typer(config_app, name="config")
app.add_typer(models_app, name="models")
app.command()(generate)
app.command()(upscale)

err = Console(stderr=True)
out = Console(soft_wrap=True)

RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Root directory (default: $IMPASTO_ROOT or ~/impasto).", show_default=False),
]
T = TypeVar("T")


def _config(root: Path | None, **flags: Any) -> ImpastoConfig:
    return load_config(root, flags)


@app.command()
def version() -> None:
    """Print Impasto's version."""
    out.print(__version__)


@app.command()
def serve(
    root: RootOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Start the studio server."""
    from impasto.server import serve as run_server

    run_server(_config(root, host=host, port=port))


@app.command()
def run(
    graph_file: Annotated[Path, typer.Argument(help="A graph JSON file.", exists=False)],
    root: RootOption = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not reuse cached node results.")] = False,
) -> None:
    """Run a graph file without a server and print its outputs as JSON."""
    from impasto.runner import run_graph_file

    config = _config(root)
    result = run_graph_file(config, graph_file, use_cache=not no_cache, console=err)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


@queue_app.command("list")
def queue_list(
    root: RootOption = None,
    status: Annotated[list[str] | None, typer.Option(help="Only items in this state (repeatable).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many items.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    """List queue items, newest first (of this root, or of a --server)."""
    from impasto.queue.models import ItemPage, ItemStatus

    statuses = [_parse_status(value, ItemStatus) for value in status or []]
    if server:
        answer = queue_list_remote(studio(server, token), [s.value for s in statuses], limit)
        page = ItemPage.model_validate(answer)
    else:
        with _queue(root) as queue:
            page = queue.list_items(limit=limit, statuses=statuses or None, newest_first=True)
    if as_json:
        sys.stdout.write(page.model_dump_json(indent=2) + "\n")
        return
    table = Table("id", "status", "batch", "created", "error")
    for item in page.items:
        error = f"{item.error_type}: {item.error_message}" if item.error_type else ""
        table.add_row(
            str(item.item_id),
            item.status.value,
            item.batch_id[:8],
            f"{item.created_at:%Y-%m-%d %H:%M:%S}",
            error,
        )
    out.print(table)
    out.print(f"{page.total} item(s) in total")


@queue_app.command("cancel")
def queue_cancel(
    item_ids: Annotated[list[int] | None, typer.Argument(help="Items to cancel.", show_default=False)] = None,
    root: RootOption = None,
    batch: Annotated[str | None, typer.Option(help="Cancel every item of this batch.")] = None,
    all_items: Annotated[bool, typer.Option("--all", help="Cancel every pending and running item.")] = False,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    """Cancel items (a running one stops at its next check, even in a running server)."""
    if not item_ids and batch is None and not all_items:
        raise ImpastoError("give item ids, --batch ID or --all")
    if server:
        canceled = queue_cancel_remote(studio(server, token), item_ids, batch, all_items)
    else:
        with _queue(root) as queue:
            canceled = queue.cancel(item_ids=item_ids or None, batch_id=batch)
    out.print(
        f"canceled {len(canceled)} item(s)" + (f": {', '.join(map(str, canceled))}" if canceled else "")
    )


@queue_app.command("retry")
def queue_retry(
    item_ids: Annotated[list[int], typer.Argument(help="Failed or canceled items to retry.")],
    root: RootOption = None,
    server: ServerOption = None,
    token: TokenOption = None,
) -> None:
    """Put failed or canceled items back in the queue."""
    if server:
        retried = queue_retry_remote(studio(server, token), item_ids)
    else:
        with _queue(root) as queue:
            retried = queue.retry(item_ids)
    skipped = sorted(set(item_ids) - set(retried))
    out.print(f"retried {len(retried)} item(s)" + (f"; not failed or canceled: {skipped}" if skipped else ""))


@config_app.command("show")
def config_show(
    root: RootOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of YAML.")] = False,
) -> None:
    """Print the effective configuration (defaults, file, environment)."""
    values = _config(root).public_dict()
    if as_json:
        sys.stdout.write(json.dumps(values, indent=2) + "\n")
    else:
        sys.stdout.write(yaml.safe_dump(values, sort_keys=False))


@config_app.command("validate")
def config_validate(
    file: Annotated[Path | None, typer.Argument(help="Config file (default: <root>/impasto.yaml).")] = None,
    root: RootOption = None,
) -> None:
    """Check a configuration file and report every problem."""
    config = load_config(root, config_file=file.resolve() if file else None)
    checked = file or config.config_file
    if not checked.exists():
        raise ImpastoError(f"{checked} does not exist")
    keys = len(read_config_file(checked))
    out.print(f"{checked}: valid ({keys} setting(s))")


def _parse_status(value: str, enum: Callable[[str], T]) -> T:
    try:
        return enum(value)
    except ValueError as exc:
        raise ImpastoError(
            f"unknown status '{value}'; use pending, in_progress, completed, failed or canceled"
        ) from exc


class _queue:  # noqa: N801 - used as a context manager
    """The queue of a root, opened without starting a worker."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def __enter__(self) -> Any:
        from impasto.events import EventBus
        from impasto.graph.node import default_registry
        from impasto.queue.sql import SqlQueue
        from impasto.storage import Database, apply_migrations

        config = _config(self.root)
        config.ensure_dirs()
        self.db = Database(config.db_url)
        apply_migrations(self.db)
        return SqlQueue(self.db, default_registry, EventBus(), config.max_queue_size)

    def __exit__(self, *exc: object) -> None:
        self.db.dispose()


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except ImpastoError as exc:
        sys.stderr.write(f"error: {' '.join(exc.message.split())}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
