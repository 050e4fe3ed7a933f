"""An in-process publish/subscribe bus for typed events.

Producers (the queue, its worker, later the model manager) publish pydantic events; subscribers (the
WebSocket endpoint, the worker's wake-up, tests) receive them synchronously on the publisher's thread, so a
subscriber must be quick and hand off anything slow. Every event class is registered by its ``type`` so the
API can document all of them and a test can check that none is undocumented.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)


class Event(BaseModel):
    """Base of every event. Subclasses narrow ``type`` to a ``Literal`` with that value as default."""

    type: str = Field(description="Kind of event.")
    timestamp: datetime = Field(
        default_factory=lambda: datetime.now(UTC), description="When it happened (UTC)."
    )


_registry: dict[str, type[Event]] = {}
E = TypeVar("E", bound=type[Event])


def register_event(cls: E) -> E:
    """Register an event class under the default of its ``type`` field."""
    type_id = cls.__pydantic_fields__["type"].default
    if not isinstance(type_id, str) or type_id == "":
        raise ValueError(f"{cls.__name__} must declare `type: Literal[...]` with a default")
    if type_id in _registry and _registry[type_id] is not cls:
        raise ValueError(f"event type '{type_id}' is registered twice")
    _registry[type_id] = cls
    return cls


def event_types() -> dict[str, type[Event]]:
    """Every registered event class by type."""
    return dict(sorted(_registry.items()))


Subscriber = Callable[[Event], None]


class EventBus:
    """Delivers each published event to every current subscriber."""

    def __init__(self) -> None:
        self._subscribers: dict[int, Subscriber] = {}
        self._next_id = 0
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Start delivering events to ``subscriber``; returns a function that stops it."""
        with self._lock:
            token = self._next_id
            self._next_id += 1
            self._subscribers[token] = subscriber

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers.pop(token, None)

        return unsubscribe

    def publish(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers.values())
        for subscriber in subscribers:
            try:
                subscriber(event)
            except Exception:
                logger.exception("event subscriber failed on %s", event.type)
