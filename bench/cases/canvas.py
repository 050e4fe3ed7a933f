"""Canvas frame rate in Chromium: 20 raster layers of 4096² painted pixels against an empty canvas.

`web/scripts/canvas-fps.mjs` (Node, playwright-core, Debian's Chromium without a GPU) opens the Canvas tab
of a real `impasto serve` and records requestAnimationFrame timestamps while the mouse paints three
strokes, pans with the view tool and zooms with the wheel. The baseline is the same page and gestures on
an empty document, so the ratio shows what the layers cost (higher is better here: frames per second).
Needs the web UI built (`make web`) and `web/node_modules` (`npm ci`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.harness import Row, compare_row
from bench.servers import impasto_server

WEB = Path(__file__).resolve().parents[2] / "web"
SCRIPT = WEB / "scripts" / "canvas-fps.mjs"
LAYERS = 20
SIZE = 4096


def run(quick: bool) -> list[Row]:
    node = shutil.which("node")
    if node is None or not (WEB / "node_modules" / "playwright-core").is_dir():
        raise RuntimeError("the canvas case needs Node.js and web/node_modules (cd web && npm ci)")
    if not (WEB / "dist" / "index.html").is_file():
        raise RuntimeError("the canvas case needs the built web UI (make web)")
    with tempfile.TemporaryDirectory(prefix="impasto-bench-") as folder:
        server = impasto_server(Path(folder))
        try:
            result = _measure(node, server.url, rounds=1 if quick else 2)
        finally:
            server.stop()
    return _rows(result)


def _measure(node: str, url: str, rounds: int) -> dict[str, Any]:
    command = [node, str(SCRIPT), "--url", url, "--layers", str(LAYERS), "--size", str(SIZE)]
    done = subprocess.run(
        [*command, "--rounds", str(rounds)],
        check=False,
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"canvas-fps.mjs failed ({done.returncode}): {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _rows(result: dict[str, Any]) -> list[Row]:
    empty, layers = result["documents"]["empty"], result["documents"]["layers"]
    rows = []
    for phase in ("strokes", "pan", "zoom"):
        base = [sample["fps"] for sample in empty[phase]]
        ours = [sample["fps"] for sample in layers[phase]]
        longest = max(sample["longest_ms"] for sample in layers[phase])
        rows.append(
            compare_row(
                "canvas",
                f"{phase}: frames per second, {LAYERS} layers of {SIZE}²",
                "empty canvas",
                (base, ours),
                unit="fps",
                target="60 fps",
                notes=f"longest frame {longest:.0f} ms",
            )
        )
    return rows
