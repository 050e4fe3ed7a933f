"""A queue over a temporary database with the stub node pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from impasto.events import Event, EventBus
from impasto.queue.sql import SqlQueue
from impasto.storage import Database, apply_migrations

from ..graph.stubs import registry


class Recorder:
    """Collects every published event."""

    def __init__(self, bus: EventBus) -> None:
        self.events: list[Event] = []
        bus.subscribe(self.events.append)

    def types(self) -> list[str]:
        return [event.type for event in self.events]


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def recorder(bus: EventBus) -> Recorder:
    return Recorder(bus)


@pytest.fixture
def queue(tmp_path: Path, bus: EventBus) -> SqlQueue:
    db = Database(f"sqlite:///{tmp_path / 'queue.db'}")
    apply_migrations(db)
    return SqlQueue(db, registry, bus, max_size=20)
