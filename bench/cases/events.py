"""Event latency: from a node reporting progress to a WebSocket client receiving the event.

A node pack in the benchmark's root reports progress every few milliseconds; each event carries the time
it was published, and the client (a separate process from the server, on the same clock) compares it with
the time it arrives. The baseline is the same measurement for a bare WebSocket server that sends
timestamped messages at the same pace: what the transport itself costs.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from bench.harness import Row
from bench.servers import Server, free_port, impasto_server

EVENTS = 200

PACK = '''
import time
from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, node

class TickOutput(BaseOutput):
    ticks: int = OutputField(description="Progress reports sent.")

@node("bench_ticker", title="Ticker", category="bench", cacheable=False)
class TickerNode(BaseNode):
    """Reports progress many times, a few milliseconds apart."""

    ticks: int = InputField(100, description="How many progress reports.")

    def invoke(self, ctx: NodeContext) -> TickOutput:
        for tick in range(self.ticks):
            time.sleep(0.005)
            ctx.progress(100 * (tick + 1) / self.ticks, "tick")
        return TickOutput(ticks=self.ticks)
'''

BARE_WS = """
import asyncio, sys, time
from datetime import datetime, UTC
import uvicorn
from fastapi import FastAPI, WebSocket

app = FastAPI()

@app.get("/api/v1/health")
def health():
    return {"status": "ok"}

@app.websocket("/ws")
async def stream(ws: WebSocket):
    await ws.accept()
    for _ in range(int(sys.argv[2])):
        await asyncio.sleep(0.005)
        await ws.send_text('{"timestamp": "%s"}' % datetime.now(UTC).isoformat())
    await ws.close()

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def run(quick: bool) -> list[Row]:
    count = EVENTS // 2 if quick else EVENTS
    baseline = _bare_latencies(count)
    ours = _impasto_latencies(count)
    rows = []
    for metric, pick in (("median", statistics.median), ("p95", _p95)):
        rows.append(
            Row(
                case="events",
                metric=f"progress → WebSocket {metric}",
                impasto=pick(ours),
                unit="ms",
                baseline=pick(baseline),
                baseline_name="bare WebSocket",
                notes=f"{len(ours)} events",
            )
        )
    return rows


def _impasto_latencies(count: int) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="impasto-bench-") as folder:
        root = Path(folder)
        (root / "nodes").mkdir()
        (root / "nodes" / "bench_nodes.py").write_text(PACK)
        server = impasto_server(root)
        try:
            graph = {"nodes": {"t": {"id": "t", "type": "bench_ticker", "ticks": count}}, "edges": []}
            url = f"ws://127.0.0.1:{server.port}/api/v1/events?types=node_progress,queue_item_status_changed"
            with connect(url) as socket:
                httpx.post(f"{server.url}/api/v1/queue/enqueue", json={"graph": graph}).raise_for_status()
                return _collect(socket, _item_finished)
        finally:
            server.stop()


def _item_finished(event: dict[str, Any]) -> bool:
    return event.get("type") == "queue_item_status_changed" and event.get("status") in ("completed", "failed")


def _bare_latencies(count: int) -> list[float]:
    port = free_port()
    server = Server([sys.executable, "-c", BARE_WS, str(port), str(count)], port)
    try:
        with connect(f"ws://127.0.0.1:{port}/ws") as socket:
            return _collect(socket, lambda _e: False)
    finally:
        server.stop()


def _collect(socket: ClientConnection, done: Callable[[dict[str, Any]], bool]) -> list[float]:
    """Latencies in ms of the progress events received until ``done`` or the connection closes."""
    latencies = []
    while True:
        try:
            message = socket.recv(timeout=30)
        except (ConnectionClosed, TimeoutError):
            break
        received = time.time()
        event = json.loads(message)
        if done(event):
            break
        if "timestamp" in event and event.get("type", "node_progress") == "node_progress":
            sent = datetime.fromisoformat(event["timestamp"]).astimezone(UTC).timestamp()
            latencies.append((received - sent) * 1000)
    return latencies


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
