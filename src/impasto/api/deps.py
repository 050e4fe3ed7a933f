"""FastAPI dependencies: route handlers receive the services they need, nothing more."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from impasto.events import EventBus
from impasto.graph.node import NodeRegistry
from impasto.queue.sql import SqlQueue
from impasto.queue.worker import QueueWorker
from impasto.services import Services


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


ServicesDep = Annotated[Services, Depends(get_services)]
QueueDep = Annotated[SqlQueue, Depends(get_queue)]
WorkerDep = Annotated[QueueWorker, Depends(get_worker)]
RegistryDep = Annotated[NodeRegistry, Depends(get_registry)]
EventsDep = Annotated[EventBus, Depends(get_events)]
