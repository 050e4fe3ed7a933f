"""A real ``impasto serve`` with the bundled demo model: a generation too large for the machine's limits
is refused before it is queued, and a long one stops within 2 s of a cancel or a SIGTERM, in the middle
of a denoise step (one step of the demo model at 1024x1024 takes seconds on a CPU core)."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import httpx
import pytest

from impasto.queue.models import ItemStatus
from tests.test_server_process import Server, stored_item

pytestmark = pytest.mark.slow
STOP_WITHIN_S = 2.0
LONG = {"prompt": "a red circle on a blue background", "width": 1024, "height": 1024, "steps": 30}


@pytest.fixture
def demo_root(tmp_path: Path) -> Path:
    """A root that gets the bundled demo model, as a fresh installation does."""
    path = tmp_path / "root"
    path.mkdir()
    return path


def generate(server: Server, request: dict[str, object]) -> httpx.Response:
    return httpx.post(f"{server.url}/api/v1/generate", json=request, timeout=30)


def run(server: Server, request: dict[str, object]) -> int:
    response = generate(server, request)
    assert response.status_code == 200, response.text
    item_id: int = response.json()["item_ids"][0]
    return item_id


def start_long_run(server: Server) -> int:
    """Enqueue a long generation and wait until it is inside its first denoise step."""
    item_id = run(server, LONG)
    server.wait_status(item_id, "in_progress", timeout=60)
    time.sleep(1)  # models loaded and prompts encoded (by the warm-up): the first step runs for seconds
    return item_id


def current_item(server: Server) -> int | None:
    status = httpx.get(f"{server.url}/api/v1/queue/status", timeout=10).json()
    current: int | None = status["current_item_id"]
    return current


def test_too_large_is_refused_and_long_runs_stop_within_two_seconds(demo_root: Path) -> None:
    server = Server(demo_root)
    try:
        refused = generate(server, {**LONG, "width": 8192, "height": 8192, "steps": 1})
        assert refused.status_code == 422
        assert refused.json()["code"] == "too_large"
        assert "max_image_pixels" in refused.json()["message"]

        warm_up = run(server, {**LONG, "width": 64, "height": 64, "steps": 2})  # libraries and models
        server.wait_status(warm_up, "completed", timeout=120)

        item_id = start_long_run(server)
        assert current_item(server) == item_id
        canceled_at = time.monotonic()
        httpx.post(f"{server.url}/api/v1/queue/items/{item_id}/cancel", timeout=10).raise_for_status()
        while current_item(server) is not None:
            assert time.monotonic() - canceled_at < STOP_WITHIN_S, "the worker is still running the item"
            time.sleep(0.05)
        assert server.item(item_id)["status"] == "canceled"

        item_id = start_long_run(server)
    except BaseException:
        server.process.kill()
        raise
    assert server.stop(signal.SIGTERM) < STOP_WITHIN_S  # the worker stops, and the process exits
    output = server.output()
    assert f"queue item {item_id} stopped: shutdown" in output
    assert "did not stop within" not in output
    assert stored_item(demo_root, item_id).status is ItemStatus.PENDING
