"""The fuzzing gate: schemathesis drives a real ``impasto serve`` from its own ``/openapi.json``.

Every documented operation gets generated requests, valid and invalid, and every response is checked:
no 5xx, only documented status codes, bodies and content types as documented, ``Allow`` on 405, valid
requests accepted and invalid ones refused (settings and the few exceptions, with their reasons:
``schemathesis.toml`` beside this file). Afterwards the server's log must hold no traceback.

The server runs over a fresh root with the bundled demo model, so generation requests are planned against
a real model; its queue is paused, so nothing generated runs. Downloads do not leave the machine (a DNS
lookup of a fuzzed host aside): Hugging Face is offline and URLs go to a proxy that is not there, so
install jobs fail at once.

A failure prints the seed and the commands that repeat it. The same run again (same seed, same requests):

    IMPASTO_FUZZ_SEED=<seed> python -m pytest tests/api/test_fuzz.py

or against a server of your own, started in its root (an empty folder) with its queue paused::

    cd /tmp/scratch && IMPASTO_ROOT=$PWD HF_HUB_OFFLINE=1 impasto serve --port 9090
    curl -X POST http://127.0.0.1:9090/api/v1/queue/pause
    python -m schemathesis.cli --config-file tests/api/schemathesis.toml \\
        run http://127.0.0.1:9090/openapi.json --seed <seed>

Each failure is listed with a ``curl`` command that sends the request again.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import impasto

from ..images.helpers import png_bytes
from ..test_server_process import Server

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = int(os.environ.get("IMPASTO_FUZZ_SEED", "1"))
RUN_TIMEOUT_S = 540
# Nothing may reach the network: the hub is offline and http(s) goes to a closed local port.
OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "IMPASTO_DOWNLOAD_RETRIES": "0",
}


def fuzz_command(url: str) -> list[str]:
    """The schemathesis run of the gate against the server at ``url``."""
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "run",
        f"{url}/openapi.json",
        "--seed",
        str(SEED),
        "--no-color",
    ]


@pytest.mark.timeout(RUN_TIMEOUT_S + 120)
def test_fuzzing_finds_no_server_error_and_no_undocumented_answer(tmp_path: Path) -> None:
    root = tmp_path / "root"  # a fresh root: the bundled demo model is installed on start
    root.mkdir()
    source = str(Path(impasto.__file__).resolve().parents[1])
    env = {
        **OFFLINE,
        "HOME": str(root),
        "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")])),
    }
    server = Server(root, env=env, cwd=root)
    try:
        prepare(server.url)
        command = fuzz_command(server.url)
        run = subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False
        )
    finally:
        server.stop(signal.SIGTERM)
    if run.returncode != 0:
        pytest.fail(f"schemathesis found problems; {_replay()}\n{_failures(run.stdout + run.stderr)}", False)
    tracebacks = _tracebacks(server.output())
    if tracebacks:
        pytest.fail(
            f"the server logged {len(tracebacks)} tracebacks; {_replay()}\n" + "\n".join(tracebacks), False
        )


def prepare(url: str) -> None:
    """Pause the queue, check the demo model is there and put two images (one on a board) in the
    gallery, so that listings answer records to check and later requests can name them."""
    with httpx.Client(base_url=url, timeout=30) as client:
        assert client.post("/api/v1/queue/pause").json()["paused"] is True
        assert client.get("/api/v1/models").json()["default_key"] is not None
        board = client.post("/api/v1/boards", json={"board_name": "fuzzed"}).json()["board_id"]
        for color, form in (("teal", {}), ("orange", {"board_id": board})):
            files = {"file": ("image.png", png_bytes(color=color))}
            assert client.post("/api/v1/images/upload", files=files, data=form).status_code == 201


def _replay() -> str:
    """How to repeat the run: this test with the seed, or the schemathesis command against a server."""
    return (
        f"seed {SEED}. To repeat: IMPASTO_FUZZ_SEED={SEED} python -m pytest {_relative(__file__)}; or, "
        f"against a server of your own (see that file's docstring): python -m schemathesis.cli "
        f"--config-file {_relative(str(CONFIG))} run http://127.0.0.1:9090/openapi.json --seed {SEED}"
    )


def _failures(report: str) -> str:
    """The report from its first failure on (the progress lines before it say nothing)."""
    start = re.search(r"^=+ FAILURES =+$", report, re.MULTILINE)
    return report[start.start() :] if start else report[-20_000:]


def _tracebacks(log: str) -> list[str]:
    """Each traceback in the server's log with the log line before it (which names the request)."""
    lines = log.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback")]
    return ["\n".join(lines[max(0, i - 1) : i + 40]) for i in starts]


def _relative(path: str) -> str:
    """``path`` relative to the working directory when it is below it (as pytest names tests)."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(Path.cwd())) if resolved.is_relative_to(Path.cwd()) else str(resolved)
