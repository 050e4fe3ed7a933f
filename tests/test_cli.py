"""The `impasto` command: run, queue, config and version, with one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from impasto import __version__
from impasto.config import load_config
from impasto.queue.models import Batch
from impasto.services import build_services

EXAMPLE = Path(__file__).parents[1] / "examples" / "graphs" / "counting.json"


def impasto(*args: str, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMPASTO_")}
    if root is not None:
        env["IMPASTO_ROOT"] = str(root)
    return subprocess.run(
        [sys.executable, "-m", "impasto", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version() -> None:
    assert impasto("version").stdout.strip() == __version__


def test_run_prints_outputs_as_json(root: Path) -> None:
    result = impasto("run", str(EXAMPLE), "--root", str(root))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["outputs"]["labels"] == {"collection": ["item 10", "item 20", "item 30"]}
    assert data["executed_nodes"] == ["numbers", "factor", "times", "as_text", "label", "labels"]


def test_run_accepts_an_enqueue_body_and_honours_impasto_root(root: Path, tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_text(json.dumps({"graph": json.loads(EXAMPLE.read_text()), "runs": 1}))
    result = impasto("run", str(body), root=root)
    assert result.returncode == 0, result.stderr
    assert (root / "databases").is_dir()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "does not exist"),
        ("{not json", "not readable JSON"),
        ('{"nodes": {"a": {"id": "a", "type": "nope"}}, "edges": []}', "unknown type 'nope'"),
        (
            '{"nodes": {"a": {"id": "a", "type": "divide", "a": 1, "b": 0}}, "edges": []}',
            "node 'a' (divide) failed",
        ),
    ],
)
def test_run_errors_are_one_line(root: Path, tmp_path: Path, content: str | None, fragment: str) -> None:
    graph = tmp_path / "graph.json"
    if content is not None:
        graph.write_text(content)
    assert fragment in one_line_error(impasto("run", str(graph), "--root", str(root)))


def test_queue_list_cancel_retry(root: Path) -> None:
    services = build_services(load_config(root, environ={}))
    ids = services.queue.enqueue(Batch(graph=json.loads(EXAMPLE.read_text()), runs=2)).item_ids
    services.db.dispose()
    listed = impasto("queue", "list", "--root", str(root), "--json")
    assert [item["item_id"] for item in json.loads(listed.stdout)["items"]] == ids[::-1]
    table = impasto("queue", "list", "--root", str(root))
    assert "pending" in table.stdout
    assert "2 item(s)" in table.stdout
    canceled = impasto("queue", "cancel", str(ids[0]), "--root", str(root))
    assert f"canceled 1 item(s): {ids[0]}" in canceled.stdout
    only = impasto("queue", "list", "--status", "canceled", "--json", "--root", str(root))
    assert [item["item_id"] for item in json.loads(only.stdout)["items"]] == [ids[0]]
    retried = impasto("queue", "retry", str(ids[0]), str(ids[1]), "--root", str(root))
    assert "retried 1 item(s)" in retried.stdout
    assert f"not failed or canceled: [{ids[1]}]" in retried.stdout
    assert "canceled 2 item(s)" in impasto("queue", "cancel", "--all", "--root", str(root)).stdout


def test_queue_errors(root: Path) -> None:
    assert "give item ids" in one_line_error(impasto("queue", "cancel", "--root", str(root)))
    assert "unknown status 'done'" in one_line_error(
        impasto("queue", "list", "--status", "done", "--root", str(root))
    )


def test_config_show_and_validate(root: Path, tmp_path: Path) -> None:
    (root / "impasto.yaml").write_text("port: 9191\n")
    shown = impasto("config", "show", "--root", str(root))
    assert "port: 9191" in shown.stdout
    assert json.loads(impasto("config", "show", "--json", "--root", str(root)).stdout)["port"] == 9191
    assert "valid (1 setting(s))" in impasto("config", "validate", "--root", str(root)).stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("port: -1\nfoo: 1\n")
    line = one_line_error(impasto("config", "validate", str(bad), "--root", str(root)))
    assert "`port` = -1" in line
    assert "unknown key `foo`" in line
