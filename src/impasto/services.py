"""The composition root: builds every service of a running Impasto from its configuration.

This is the one place that knows how the pieces fit together. The server, the CLI and tests call
:func:`build_services`; everything else receives only the services it needs.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from impasto.builders.sources import InstalledSources
from impasto.builders.workload import WorkloadGuard, stored_image_sizes
from impasto.canvases import CanvasService, SqlCanvases
from impasto.config import ImpastoConfig
from impasto.errors import InvalidInputError, NotFoundError
from impasto.events import Event, EventBus
from impasto.graph.cache import NodeCache
from impasto.graph.context import (
    CancelToken,
    ExecutionServices,
    ImageStore,
    ModelProvider,
    ProgressSink,
)
from impasto.graph.executor import Executor
from impasto.graph.model import Graph
from impasto.graph.node import NodeRegistry, default_registry
from impasto.graph.plugins import PackReport, load_node_packs
from impasto.images.boards import BoardService, SqlBoards
from impasto.images.consistency import check_consistency
from impasto.images.events import ImagesDeleted
from impasto.images.models import ImageQuery
from impasto.images.service import ImageLibrary
from impasto.models.cache import ModelCache
from impasto.models.events import ModelRecordChanged
from impasto.models.install.history import JobHistory
from impasto.models.install.installer import InstallerSettings, ModelInstaller, ThreadedInstaller
from impasto.models.loaders.service import ModelLoader
from impasto.models.provider import InstalledModels
from impasto.models.records import ModelRecordService, SqlModelRecords
from impasto.models.starters import ensure_bundled_models
from impasto.nodepacks import NodePackService
from impasto.presets import SqlStylePresets, StylePresetService
from impasto.queue.models import QueueItem
from impasto.queue.sql import SqlQueue
from impasto.queue.worker import QueueWorker
from impasto.storage.db import Database
from impasto.storage.migrations import apply_migrations
from impasto.storage.tensors import DiskTensorStore
from impasto.workflows import SqlWorkflows, WorkflowService
from impasto.workflows.defaults import default_workflows
from impasto.workflows.invokeai import RecordCatalog

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NodeResources:
    """What graph runs reach through the node context: images, tensors and models by name."""

    images: ImageStore
    tensors: DiskTensorStore
    models: ModelProvider


@dataclass
class Services:
    """Everything a running Impasto holds."""

    config: ImpastoConfig
    db: Database
    events: EventBus
    registry: NodeRegistry
    cache: NodeCache
    executor: Executor
    images: ImageLibrary
    queue: SqlQueue
    worker: QueueWorker
    models: ModelRecordService
    installer: ModelInstaller
    model_cache: ModelCache
    resources: NodeResources
    boards: BoardService
    presets: StylePresetService
    workload: WorkloadGuard
    workflows: WorkflowService
    canvases: CanvasService
    packs: list[PackReport] = field(default_factory=list)

    def execution_services(
        self,
        cancel: CancelToken | None = None,
        progress: ProgressSink | None = None,
        *,
        graph: Graph | None = None,
        workflow: dict[str, Any] | None = None,
    ) -> ExecutionServices:
        """What an in-process graph run may use (``impasto run``, ``impasto generate``).

        Images saved during the run carry ``graph`` (and ``workflow``) in their metadata.
        """
        graph_json = graph.model_dump(mode="json", exclude_none=True) if graph is not None else None
        run = dataclasses.replace(self.resources, images=self.images.for_run(None, graph_json, workflow))
        return make_execution_services(self.config, run, cancel or CancelToken(), None, progress)

    @functools.cached_property
    def node_packs(self) -> NodePackService:
        """Installs, removes and reloads the packs of the node-packs folder (into this registry)."""
        return NodePackService(
            self.config.nodes_path,
            tuple(self.config.resolve(folder) for folder in self.config.node_pack_source_dirs),
            self.registry,
            self.cache,
            self.packs,
            lambda: self.queue.counts().in_progress > 0,
            self.config.allow_private_downloads,
        )

    def generation_sources(self) -> InstalledSources:
        """What generation requests are checked against: models, images, boards and presets."""
        return InstalledSources(
            self.config, self.models, self.images, self.boards, self.presets, self.resources.models
        )

    def close(self) -> None:
        """Stop the worker (if started) and the installer, and release the database."""
        self.worker.stop(self.config.shutdown_timeout_s)
        self.installer.stop()
        self.resources.tensors.close()
        self.db.dispose()


def build_registry(
    config: ImpastoConfig, *, load_packs: bool = True
) -> tuple[NodeRegistry, list[PackReport]]:
    """Built-in nodes plus the custom packs of this root, in a registry of their own."""
    from impasto.nodes import load_builtin_nodes

    load_builtin_nodes()
    registry = default_registry.copy()
    packs = load_node_packs(config.nodes_path, registry) if load_packs else []
    return registry, packs


def _board_images(images: ImageLibrary) -> Callable[[str], list[str]]:
    """What image batch nodes over a board list at enqueue: the names of the board's images."""
    return lambda board_id: images.names(ImageQuery(board_id=board_id))


def build_services(config: ImpastoConfig, *, load_packs: bool = True) -> Services:
    """Open the database (migrating it), load nodes and wire the queue and its worker (not started)."""
    config.ensure_dirs()
    db = Database(config.db_url)
    apply_migrations(db)
    events = EventBus()
    registry, packs = build_registry(config, load_packs=load_packs)
    cache = NodeCache(config.node_cache_size)
    executor = Executor(registry, cache)
    images = ImageLibrary.from_config(config, db, events)
    check_consistency(images, config.outputs_path / "orphans")
    events.subscribe(lambda event: _forget_deleted_images(cache, event))
    models = SqlModelRecords(db, config.models_path, events)
    workload = WorkloadGuard(config, models, image_sizes=stored_image_sizes(images))
    boards = _board_images(images)
    queue = SqlQueue(db, registry, events, config.max_queue_size, workload.check_batch, boards)
    installer = ThreadedInstaller(models, events, JobHistory(db), InstallerSettings.from_config(config))
    ensure_bundled_models(models, config)
    model_cache = ModelCache.from_config(config, events)
    events.subscribe(lambda event: _forget_changed_model(model_cache, event))
    events.subscribe(lambda event: _forget_results_of_models(cache, event))
    resources = NodeResources(
        images=images,
        tensors=DiskTensorStore(config.outputs_path / "tensors"),
        models=InstalledModels(models, ModelLoader.from_config(config, model_cache)),
    )

    def factory(cancel: CancelToken, item: QueueItem, progress: ProgressSink) -> ExecutionServices:
        graph = item.executed_graph().model_dump(mode="json", exclude_none=True)
        run = dataclasses.replace(resources, images=images.for_run(item.item_id, graph, item.workflow))
        return make_execution_services(config, run, cancel, item.item_id, progress)

    worker = QueueWorker(queue, executor, events, factory, config.worker_id)
    catalog = RecordCatalog(models.list)
    workflows = SqlWorkflows(db, events, registry, lambda name: _image_exists(images, name), catalog)
    workflows.install_defaults(default_workflows())
    events.subscribe(lambda event: _forget_deleted_thumbnails(workflows, event))
    return Services(
        config,
        db,
        events,
        registry,
        cache,
        executor,
        images,
        queue,
        worker,
        models,
        installer,
        model_cache,
        resources,
        SqlBoards(db, events, images),
        SqlStylePresets(db, events),
        workload,
        workflows,
        SqlCanvases(db),
        packs,
    )


def _forget_changed_model(cache: ModelCache, event: Event) -> None:
    """A model whose record changed or went away must be loaded afresh next time."""
    if isinstance(event, ModelRecordChanged) and event.action != "added":
        cache.drop(event.key)


def _forget_results_of_models(cache: NodeCache, event: Event) -> None:
    """Cached node results may depend on any installed model, even one not named in their inputs (prompt
    nodes find textual inversions by name), so a model added, changed or removed invalidates them all."""
    if isinstance(event, ModelRecordChanged):
        cache.clear()


def _image_exists(images: ImageLibrary, name: str) -> bool:
    try:
        images.get(name)
    except (NotFoundError, InvalidInputError):  # no such image, or not even an image name
        return False
    return True


def _forget_deleted_thumbnails(workflows: WorkflowService, event: Event) -> None:
    """A workflow's thumbnail must not name a deleted image."""
    if isinstance(event, ImagesDeleted):
        workflows.forget_images(event.image_names)


def _forget_deleted_images(cache: NodeCache, event: Event) -> None:
    """Cached node results may name deleted images; none of them may be served again."""
    if isinstance(event, ImagesDeleted):
        cache.clear()


def make_execution_services(
    config: ImpastoConfig,
    resources: NodeResources,
    cancel: CancelToken,
    item_id: int | None,
    progress: ProgressSink | None,
) -> ExecutionServices:
    return ExecutionServices(
        config=config,
        images=resources.images,
        tensors=resources.tensors,
        models=resources.models,
        cancel=cancel,
        progress_sink=progress,
        logger=logging.getLogger("impasto.nodes"),
        item_id=item_id,
    )
