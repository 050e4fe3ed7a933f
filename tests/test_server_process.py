"""The real server process: start-up, clean shutdown, and recovery after being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from impasto.config import load_config
from impasto.events import EventBus
from impasto.graph.node import default_registry
from impasto.queue.models import ItemStatus, QueueItem
from impasto.queue.sql import SqlQueue
from impasto.storage import Database

from .conftest import install_test_pack
from .servers import free_port

pytestmark = pytest.mark.slow


class Server:
    """``impasto serve`` in a subprocess on a free port."""

    def __init__(self, root: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "IMPASTO_ROOT": str(root), "IMPASTO_SHUTDOWN_TIMEOUT_S": "3", **(env or {})}
        self.log = (root / f"server-{self.port}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "impasto", "serve", "--port", str(self.port)],
            env=full_env,
            cwd=cwd,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.output()}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"server did not answer in time:\n{self.output()}")

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return (self.root / f"server-{self.port}.log").read_text()

    def enqueue(self, graph: dict[str, Any]) -> int:
        response = httpx.post(f"{self.url}/api/v1/queue/enqueue", json={"graph": graph}, timeout=10)
        response.raise_for_status()
        item_id: int = response.json()["item_ids"][0]
        return item_id

    def item(self, item_id: int) -> dict[str, Any]:
        body: dict[str, Any] = httpx.get(f"{self.url}/api/v1/queue/items/{item_id}", timeout=10).json()
        return body

    def wait_status(self, item_id: int, status: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            item = self.item(item_id)
            if item["status"] == status:
                return item
            time.sleep(0.1)
        raise AssertionError(f"item {item_id} never became {status}:\n{self.output()}")

    def stop(self, sig: int) -> float:
        started = time.monotonic()
        self.process.send_signal(sig)
        self.process.wait(timeout=30)
        self.log.close()
        return time.monotonic() - started


def stored_item(root: Path, item_id: int) -> QueueItem:
    db = Database(load_config(root, environ={}).db_url)
    try:
        return SqlQueue(db, default_registry, EventBus(), 10).get(item_id)
    finally:
        db.dispose()


def wait_graph(seconds: float, node_type: str = "test_wait") -> dict[str, Any]:
    return {"nodes": {"w": {"id": "w", "type": node_type, "seconds": seconds}}, "edges": []}


@pytest.fixture
def server_root(root: Path) -> Path:
    install_test_pack(root)
    return root


def test_idle_server_stops_at_once(server_root: Path) -> None:
    server = Server(server_root)
    assert server.stop(signal.SIGTERM) < 3
    # uvicorn re-raises the signal after a clean shutdown, so the status says "terminated by SIGTERM"
    assert server.process.returncode in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in server.output()


def test_sigterm_during_an_item_puts_it_back_to_pending(server_root: Path) -> None:
    server = Server(server_root)
    item_id = server.enqueue(wait_graph(60))
    server.wait_status(item_id, "in_progress")
    assert server.stop(signal.SIGTERM) < 8
    item = stored_item(server_root, item_id)
    assert (item.status, item.interruptions) == (ItemStatus.PENDING, 0)


def test_sigint_behaves_like_sigterm(server_root: Path) -> None:
    server = Server(server_root)
    item_id = server.enqueue(wait_graph(60))
    server.wait_status(item_id, "in_progress")
    assert server.stop(signal.SIGINT) < 8
    assert stored_item(server_root, item_id).status is ItemStatus.PENDING


def test_killed_mid_item_is_recovered_once_then_failed(server_root: Path) -> None:
    server = Server(server_root)
    stuck = server.enqueue(wait_graph(120))
    server.wait_status(stuck, "in_progress")
    follower = server.enqueue(wait_graph(0))
    server.stop(signal.SIGKILL)
    assert stored_item(server_root, stuck).status is ItemStatus.IN_PROGRESS

    server = Server(server_root)  # first crash: back to pending, and it runs again
    item = server.wait_status(stuck, "in_progress")
    assert item["interruptions"] == 1
    assert server.item(follower)["status"] == "pending"
    server.stop(signal.SIGKILL)

    server = Server(server_root)  # second crash on the same item: it fails, the queue goes on
    failed = server.wait_status(stuck, "failed")
    assert failed["error_type"] == "Interrupted"
    assert "twice" in failed["error_message"]
    completed = server.wait_status(follower, "completed")
    assert completed["interruptions"] == 0
    server.stop(signal.SIGTERM)


def test_a_node_that_ignores_sigterm_counts_as_an_interruption(server_root: Path) -> None:
    server = Server(server_root)
    stuck = server.enqueue(wait_graph(120, "test_stubborn"))
    server.wait_status(stuck, "in_progress")
    follower = server.enqueue(wait_graph(0))
    server.stop(signal.SIGTERM)  # the node ignores the stop: back to pending, one interruption counted
    assert "did not stop within" in server.output()
    item = stored_item(server_root, stuck)
    assert (item.status, item.interruptions) == (ItemStatus.PENDING, 1)

    server = Server(server_root)  # it runs once more, and ignores the stop again: it fails
    server.wait_status(stuck, "in_progress")
    server.stop(signal.SIGTERM)
    item = stored_item(server_root, stuck)
    assert (item.status, item.error_type) == (ItemStatus.FAILED, "Interrupted")
    assert item.error_message is not None
    assert "twice" in item.error_message
    assert "did not stop" in item.error_message

    server = Server(server_root)  # the next start does not run it again; the queue goes on
    assert server.wait_status(follower, "completed")["interruptions"] == 0
    assert server.item(stuck)["status"] == "failed"
    server.stop(signal.SIGTERM)
