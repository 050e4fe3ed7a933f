"""The real app over a temporary root (with the testing node pack), driven by an HTTP client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from impasto.api import create_app
from impasto.config import load_config
from impasto.services import build_services

from ..conftest import install_test_pack


@pytest.fixture
def client(root: Path) -> Iterator[TestClient]:
    install_test_pack(root)
    services = build_services(load_config(root, environ={}))
    with TestClient(create_app(services)) as test_client:
        yield test_client
    services.db.dispose()


def wait_for_item(client: TestClient, item_id: int, status: str, timeout: float = 15) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    item: dict[str, Any] = {}
    while time.monotonic() < deadline:
        item = client.get(f"/api/v1/queue/items/{item_id}").json()
        if item["status"] == status:
            return item
        time.sleep(0.05)
    raise AssertionError(f"item {item_id} is {item.get('status')}, expected {status}")


def until(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")
