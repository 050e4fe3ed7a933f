"""``impasto models ...`` run as a real subprocess against a temporary root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from .factory import A1111_TREE, write_a1111_tree, write_lora
from .install_helpers import LoopbackServer, Served
from .test_install_hf import cache_repo

torch.set_num_threads(1)


def impasto(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("IMPASTO_", "HF_"))}
    clean |= {"OMP_NUM_THREADS": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "impasto", "models", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=180,
        env=clean,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def lora(tmp_path: Path) -> Path:
    return write_lora(tmp_path / "tiny-style.safetensors")


def test_install_list_info_remove(root: Path, lora: Path) -> None:
    installed = impasto(root, "install", str(lora))
    assert installed.returncode == 0, installed.stderr
    assert "installed 'tiny-style' (sd-1 lora" in installed.stdout
    listed = json.loads(impasto(root, "list", "--json").stdout)
    assert [(m["name"], m["owned"]) for m in listed] == [("tiny-style", True)]
    key = listed[0]["key"]
    assert json.loads(impasto(root, "list", "--json", "--type", "main").stdout) == []
    info = json.loads(impasto(root, "info", "tiny-style").stdout)
    assert info["key"] == key
    assert info["exists"] is True
    assert Path(info["resolved_path"]).is_file()
    table = impasto(root, "list")
    assert "tiny-style" in table.stdout
    assert "1 model(s)" in table.stdout
    removed = impasto(root, "remove", key[:8])
    assert f"removed 'tiny-style' ({key}); files deleted" in removed.stdout
    assert not Path(info["resolved_path"]).exists()


def test_errors_are_one_line(root: Path, lora: Path, tmp_path: Path) -> None:
    assert "not an existing file or folder" in one_line_error(
        impasto(root, "install", str(tmp_path / "nope.bin"))
    )
    assert impasto(root, "install", str(lora), "--inplace").returncode == 0
    duplicate = one_line_error(impasto(root, "install", str(lora), "--inplace"))
    assert "installed already as 'tiny-style'" in duplicate
    assert "no installed model" in one_line_error(impasto(root, "info", "missing"))


def test_scan_and_install_an_a1111_tree_in_place(root: Path, tmp_path: Path) -> None:
    tree = write_a1111_tree(tmp_path / "webui")
    result = impasto(root, "scan", str(tree), "--install")
    assert result.returncode == 0, result.stderr
    assert f"{len(A1111_TREE)} candidate(s) in an AUTOMATIC1111 tree" in result.stdout
    assert f"installed {len(A1111_TREE)} of {len(A1111_TREE)} model(s)" in result.stdout
    listed = json.loads(impasto(root, "list", "--json").stdout)
    assert all(not m["owned"] and m["path"].startswith(str(tree)) for m in listed)
    assert not any(p.is_file() for p in (root / "models").rglob("*"))


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


def test_install_from_a_url_and_from_the_hub_cache(
    root: Path, lora: Path, tmp_path: Path, server: LoopbackServer
) -> None:
    server.files["/files/url-style.safetensors"] = Served(lora.read_bytes())
    url = server.url("/files/url-style.safetensors")
    refused = one_line_error(impasto(root, "install", url))
    assert "allow_private_downloads" in refused
    allowed = impasto(root, "install", url, env={"IMPASTO_ALLOW_PRIVATE_DOWNLOADS": "true"})
    assert allowed.returncode == 0, allowed.stderr
    assert "installed 'url-style'" in allowed.stdout
    cache = tmp_path / "hub"
    cache_repo(cache, "someone/hub-style", {"hub-style.safetensors": lora})
    hub_env = {"HF_HUB_OFFLINE": "1", "IMPASTO_HF_CACHE_DIR": str(cache)}
    from_hub = impasto(root, "install", "someone/hub-style", env=hub_env)
    assert from_hub.returncode == 0, from_hub.stderr
    listed = json.loads(impasto(root, "list", "--json").stdout)
    assert sorted((m["name"], m["source_type"]) for m in listed) == [
        ("hub-style", "hf"),
        ("url-style", "url"),
    ]
