"""End-to-end text to image: Impasto's HTTP API against the raw diffusers pipeline on the same model.

Impasto runs as a real ``impasto serve`` subprocess on a temporary root (the bundled demo model, plus the
SD-1.5-shaped 64-channel model the model_cache case builds, installed in place). One sample is the time
from sending ``POST /api/v1/generate`` to receiving the item's ``completed`` event on the WebSocket, by
which time the PNG (with metadata and thumbnail) is stored. The baseline is ``StableDiffusionPipeline``
in this process on the same folder, size, steps, scheduler and guidance, saving its PNG to disk. Both use
the same number of torch threads; every sample uses a new seed, so the noise and denoise nodes run while
the prompt encoding is served from the node cache (the pipeline encodes the prompt on every call).

Also measured: which nodes run when only the seed changes, and that second run's latency against the
cold first one; and the throughput of 20 queued images against 20 pipeline calls.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from websockets.sync.client import ClientConnection, connect

from bench.cases.model_cache import _mid_model
from bench.harness import Row, alternate, compare_row, timed
from bench.servers import Server, free_port
from impasto.models.starters import BUNDLED_DIR

PROMPT = "a red circle on a blue background"
THROUGHPUT_IMAGES = 20


@dataclass(frozen=True)
class Target:
    """One model and the settings both sides generate with."""

    label: str
    folder: Path
    size: int
    steps: int
    cfg_scale: float
    scheduler: str

    def request(self, key: str, seed: int, count: int = 1) -> dict[str, Any]:
        return {
            "prompt": PROMPT, "model": key, "width": self.size, "height": self.size, "steps": self.steps,
            "cfg_scale": self.cfg_scale, "scheduler": self.scheduler, "seed": seed, "count": count,
        }  # fmt: skip


def run(quick: bool) -> list[Row]:
    import torch

    targets = [
        Target("demo model 64 px", BUNDLED_DIR / "impasto-shapes", 64, 20, 5.0, "dpmpp_2m"),
        Target("SD-shaped 64-ch 64 px", _mid_model(), 64, 20, 7.5, "euler"),
    ]
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="impasto-bench-") as folder:
        root = Path(folder)
        keys = _prepare_root(root, [t.folder for t in targets])
        server = _server(root, torch.get_num_threads())
        try:
            with Studio(server) as studio:
                rows = _seed_rerun(studio, targets[0], keys[0])
                for target, key in zip(targets, keys, strict=True):
                    rows.append(_end_to_end(studio, target, key, repeats))
                rows.append(_throughput(studio, targets[0], keys[0], 1 if quick else 2))
        finally:
            server.stop()
    return rows


class Studio:
    """A running server and an event stream of its queue items' states."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=120)
        self.socket: ClientConnection | None = None
        self.done: dict[int, str] = {}

    def __enter__(self) -> Studio:
        url = f"ws://127.0.0.1:{self.server.port}/api/v1/events?types=queue_item_status_changed"
        self.socket = connect(url)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.socket is not None:
            self.socket.close()
        self.http.close()

    def generate(self, body: dict[str, Any]) -> list[int]:
        """Enqueue and wait for every item's completed event; answers the item ids."""
        response = self.http.post("/api/v1/generate", json=body)
        response.raise_for_status()
        item_ids: list[int] = response.json()["item_ids"]
        for item_id in item_ids:
            self._wait(item_id)
        return item_ids

    def _wait(self, item_id: int) -> None:
        assert self.socket is not None
        while item_id not in self.done:
            event = json.loads(self.socket.recv(timeout=300))
            if event.get("status") in ("completed", "failed", "canceled"):
                self.done[event["item_id"]] = event["status"]
        if self.done[item_id] != "completed":
            item = self.http.get(f"/api/v1/queue/items/{item_id}").json()
            raise RuntimeError(f"item {item_id} {item['status']}: {item.get('error_message')}")

    def item(self, item_id: int) -> dict[str, Any]:
        result: dict[str, Any] = self.http.get(f"/api/v1/queue/items/{item_id}").json()
        return result


def _prepare_root(root: Path, folders: list[Path]) -> list[str]:
    """Install the models in place (the demo model is installed by the server as on any fresh root)."""
    from impasto.config import load_config
    from impasto.models.install.place import SilentSink, install_files
    from impasto.services import build_services

    services = build_services(load_config(root, environ={}))
    try:
        keys = []
        for folder in folders:
            existing = services.models.find_by_path(folder)
            record = existing or install_files(
                services.models, folder, placement="inplace", source=str(folder), source_type="path",
                sink=SilentSink(),
            )  # fmt: skip
            keys.append(record.key)
        return keys
    finally:
        services.close()


def _server(root: Path, threads: int) -> Server:
    port = free_port()
    command = [sys.executable, "-m", "impasto", "serve", "--root", str(root), "--port", str(port)]
    env = {"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)}
    return Server(command, port, env={**os.environ, **env})


class Pipeline:
    """The diffusers baseline: one pipeline call and a PNG written, per image."""

    def __init__(self, target: Target, out: Path) -> None:
        import torch
        from diffusers import StableDiffusionPipeline

        from impasto.generation.schedulers import make_scheduler

        self.target = target
        self.out = out
        self.pipe: Any = StableDiffusionPipeline.from_pretrained(  # type: ignore[no-untyped-call]
            target.folder, local_files_only=True, safety_checker=None, requires_safety_checker=False
        )
        self.pipe.scheduler = make_scheduler(target.scheduler, self.pipe.scheduler.config)
        self.pipe.set_progress_bar_config(disable=True)
        self.torch = torch
        self.seed = 0

    def __call__(self) -> float:
        self.seed += 1
        generator = self.torch.Generator().manual_seed(self.seed)
        t = self.target

        def once() -> None:
            image = self.pipe(
                PROMPT, height=t.size, width=t.size, num_inference_steps=t.steps, guidance_scale=t.cfg_scale,
                generator=generator,
            ).images[0]  # fmt: skip
            image.save(self.out / f"{self.seed}.png")

        return timed(once)


def _end_to_end(studio: Studio, target: Target, key: str, repeats: int) -> Row:
    seeds = iter(range(1000, 2000))
    with tempfile.TemporaryDirectory() as out:
        baseline = Pipeline(target, Path(out))
        samples = alternate(
            baseline, lambda: timed(lambda: studio.generate(target.request(key, next(seeds)))), repeats
        )
    metric = f"txt2img via HTTP ({target.label}, {target.steps} steps)"
    return compare_row(
        "generation", metric, "diffusers pipeline", samples,
        target="≤ 1.15", notes=f"{target.scheduler}, CFG {target.cfg_scale}",
    )  # fmt: skip


def _seed_rerun(studio: Studio, target: Target, key: str) -> list[Row]:
    first = timed(lambda: studio.generate(target.request(key, 1)))
    holder: list[int] = []
    second = timed(lambda: holder.extend(studio.generate(target.request(key, 2))))
    executed = studio.item(holder[0])["result"]["executed_nodes"]
    return [
        Row(
            case="generation", metric="new seed only: second run vs cold first run", impasto=second, unit="s",
            baseline=first, baseline_name="first run (loads, encodes)",
            notes="ran: " + ", ".join(executed),
        )
    ]  # fmt: skip


def _throughput(studio: Studio, target: Target, key: str, rounds: int) -> Row:
    seeds = iter(range(5000, 100_000, THROUGHPUT_IMAGES))
    with tempfile.TemporaryDirectory() as out:
        baseline = Pipeline(target, Path(out))
        baseline()  # the first call of a fresh pipeline is slower

        def calls() -> float:
            return sum(baseline() for _ in range(THROUGHPUT_IMAGES)) / THROUGHPUT_IMAGES

        def queued() -> float:
            body = target.request(key, next(seeds), count=THROUGHPUT_IMAGES)
            return timed(lambda: studio.generate(body)) / THROUGHPUT_IMAGES

        samples = alternate(calls, queued, rounds, warmup=0)
    metric = f"{THROUGHPUT_IMAGES} queued images, per image ({target.label})"
    return compare_row(
        "generation", metric, "pipeline calls", samples, notes=f"one POST with count={THROUGHPUT_IMAGES}"
    )
