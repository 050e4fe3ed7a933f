"""FastAPI dependencies: route handlers receive the services they need, nothing more."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from impasto.canvases import CanvasService
from impasto.events import EventBus
from impasto.graph.node import NodeRegistry
from impasto.images.boards import BoardService
from impasto.images.service import ImageLibrary
from impasto.models.cache import ModelCache
from impasto.models.install.installer import ModelInstaller
from impasto.models.records import ModelRecordService
from impasto.presets import StylePresetService
from impasto.queue.sql import SqlQueue
from impasto.queue.worker import QueueWorker
from impasto.services import Services
from impasto.workflows import WorkflowService


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_queue(request: Request) -> SqlQueue:
    return get_services(request).queue


def get_worker(request: Request) -> QueueWorker:
    return get_services(request).worker


def get_registry(request: Request) -> NodeRegistry:
    return get_services(request).registry


def get_events(request: Request) -> EventBus:
    return get_services(request).events


def get_models(request: Request) -> ModelRecordService:
    return get_services(request).models


def get_installer(request: Request) -> ModelInstaller:
    return get_services(request).installer


def get_model_cache(request: Request) -> ModelCache:
    return get_services(request).model_cache


def get_images(request: Request) -> ImageLibrary:
    return get_services(request).images


def get_boards(request: Request) -> BoardService:
    return get_services(request).boards


def get_presets(request: Request) -> StylePresetService:
    return get_services(request).presets


def get_workflows(request: Request) -> WorkflowService:
    return get_services(request).workflows


def get_canvases(request: Request) -> CanvasService:
    return get_services(request).canvases


ServicesDep = Annotated[Services, Depends(get_services)]
QueueDep = Annotated[SqlQueue, Depends(get_queue)]
WorkerDep = Annotated[QueueWorker, Depends(get_worker)]
RegistryDep = Annotated[NodeRegistry, Depends(get_registry)]
EventsDep = Annotated[EventBus, Depends(get_events)]
ModelsDep = Annotated[ModelRecordService, Depends(get_models)]
InstallerDep = Annotated[ModelInstaller, Depends(get_installer)]
ModelCacheDep = Annotated[ModelCache, Depends(get_model_cache)]
ImagesDep = Annotated[ImageLibrary, Depends(get_images)]
BoardsDep = Annotated[BoardService, Depends(get_boards)]
PresetsDep = Annotated[StylePresetService, Depends(get_presets)]
WorkflowsDep = Annotated[WorkflowService, Depends(get_workflows)]
CanvasesDep = Annotated[CanvasService, Depends(get_canvases)]
