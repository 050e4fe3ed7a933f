"""Server cold start to the first health answer, and resident memory once idle (targets ≤ 3 s, ≤ 400 MiB).

The baseline is a bare FastAPI app on uvicorn answering the same route: the unavoidable cost of the web
stack, so the ratio shows what Impasto's own start-up adds.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.harness import Row, alternate, compare_row
from bench.servers import Server, bare_server, impasto_server

IDLE_S = 1.0


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="impasto-bench-") as folder:
        root = Path(folder)
        _stopped(impasto_server(root))  # first start sets the root up (database, demo model)
        rss: dict[str, list[float]] = {"bare": [], "impasto": []}

        def start(name: str) -> float:
            server = impasto_server(root) if name == "impasto" else bare_server()
            time.sleep(IDLE_S)
            rss[name].append(server.rss_bytes() / 1024**2)
            _stopped(server)
            return server.started_in

        samples = alternate(lambda: start("bare"), lambda: start("impasto"), 2 if quick else 4, 0)
    return [
        compare_row("startup", "cold start to health", "bare FastAPI", samples, target="≤ 3 s"),
        compare_row(
            "startup",
            "idle RSS",
            "bare FastAPI",
            (rss["bare"], rss["impasto"]),
            unit="MiB",
            target="≤ 400 MiB",
        ),
    ]


def _stopped(server: Server) -> None:
    server.stop()
