"""Running one graph file in-process (``impasto run``), with a progress bar on stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from impasto.config import ImpastoConfig
from impasto.errors import InvalidInputError
from impasto.graph.cache import NodeCache
from impasto.graph.context import Progress as NodeProgress
from impasto.graph.executor import Binding, Executor, NodeError, NodeRun
from impasto.graph.model import Graph
from impasto.graph.special import COLLECT, ITERATE
from impasto.graph.validation import prepare
from impasto.services import Services, build_services


def read_graph_file(path: Path) -> Graph:
    """A graph from a JSON file: either the graph itself or an enqueue body ``{"graph": ...}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvalidInputError(f"graph file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"graph file {path} is not readable JSON: {exc}") from exc
    if isinstance(data, dict) and "graph" in data and "nodes" not in data:
        data = data["graph"]
    try:
        return Graph.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInputError(f"graph file {path} is not a graph: {where}: {first['msg']}") from exc


def run_graph_file(config: ImpastoConfig, path: Path, *, use_cache: bool, console: Console) -> dict[str, Any]:
    """Validate and run a graph file; returns outputs and which nodes ran."""
    graph = read_graph_file(path)
    services = build_services(config)
    try:
        return _run(services, graph, use_cache=use_cache, console=console)
    finally:
        services.close()


def _run(services: Services, graph: Graph, *, use_cache: bool, console: Console) -> dict[str, Any]:
    prepared = prepare(graph, services.registry)
    services.workload.check(prepared)
    executor = Executor(services.registry, NodeCache(services.config.node_cache_size) if use_cache else None)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        steps = [node for node in prepared.nodes.values() if node.spec.type not in (ITERATE, COLLECT)]
        task = bar.add_task("running", total=len(steps))
        listener = _BarListener(bar, task)
        context = services.execution_services(progress=listener.progress, graph=graph)
        result = executor.run(prepared, context, listener)
    return result.to_json()


class _BarListener:
    def __init__(self, bar: Progress, task: Any) -> None:
        self.bar = bar
        self.task = task
        self.done: set[str] = set()

    def node_started(self, node_id: str, node_type: str, binding: Binding) -> None:
        self.bar.update(self.task, description=f"{node_type} ({node_id})")

    def node_completed(self, run: NodeRun) -> None:
        if run.node_id not in self.done:
            self.done.add(run.node_id)
            self.bar.advance(self.task)

    def node_failed(self, error: NodeError) -> None:
        self.bar.update(self.task, description=f"failed: {error.node_type} ({error.node_id})")

    def progress(self, node_id: str, node_type: str, progress: NodeProgress) -> None:
        percent = f" {progress.percentage:.0f}%" if progress.percentage is not None else ""
        message = f" {progress.message}" if progress.message else ""
        self.bar.update(self.task, description=f"{node_type} ({node_id}){percent}{message}")
