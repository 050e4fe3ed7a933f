"""Shared fixtures: a temporary root, its configuration, services and the real app."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

from impasto.config import ImpastoConfig, load_config
from impasto.services import Services, build_services


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A fresh root; the bundled demo model is not installed into it (tests that want it say so).

    Starlette's test client sends ``Host: testserver``, which the studio serves only when told to; tests
    write model files beside the root, in the folder ``model_dirs`` lets the server read.
    """
    path = tmp_path / "root"
    path.mkdir()
    settings = {
        "install_bundled_models": False,
        "allowed_hosts": ["testserver"],
        "model_dirs": [str(tmp_path)],
    }
    (path / "impasto.yaml").write_text(json.dumps(settings))
    return path


@pytest.fixture
def config(root: Path) -> ImpastoConfig:
    return load_config(root, environ={})


@pytest.fixture
def services(config: ImpastoConfig) -> Iterator[Services]:
    built = build_services(config)
    try:
        yield built
    finally:
        built.close()


FIXTURES = Path(__file__).parent / "fixtures"


def install_test_pack(root: Path) -> None:
    """Put the testing node pack (slow and failing nodes) into a root's nodes folder."""
    nodes = root / "nodes"
    nodes.mkdir(exist_ok=True)
    (nodes / "testing_nodes.py").write_text((FIXTURES / "testing_nodes.py").read_text())
