"""Dependencies point one way: api → services → graph/nodes → generation → storage.

Checked on the source text (imports), so a violation fails here before it becomes a tangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "impasto"

FORBIDDEN = {
    "graph": [
        "torch",
        "diffusers",
        "transformers",
        "fastapi",
        "starlette",
        "sqlalchemy",
        "impasto.api",
        "impasto.queue",
        "impasto.storage",
        "impasto.services",
        "impasto.nodes",
        "impasto.images",
    ],
    "nodes": [
        "torch",
        "fastapi",
        "sqlalchemy",
        "impasto.api",
        "impasto.queue",
        "impasto.storage",
        "impasto.services",
    ],
    "storage": [
        "impasto.graph",
        "impasto.nodes",
        "impasto.queue",
        "impasto.api",
        "impasto.services",
        "fastapi",
    ],
    "events": ["impasto.queue", "impasto.api", "impasto.services", "impasto.storage", "fastapi"],
    "queue": ["impasto.api", "impasto.services", "fastapi", "torch"],
    "images": ["impasto.api", "impasto.services", "impasto.queue", "fastapi"],
    "builders": ["impasto.api", "impasto.services", "fastapi", "torch", "diffusers"],
    "generation": [
        "impasto.api",
        "impasto.services",
        "impasto.queue",
        "impasto.builders",
        "impasto.nodes",
        "fastapi",
    ],
}


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_higher_layers(package: str) -> None:
    problems = []
    for path in sorted((SRC / package).rglob("*.py")):
        for name in imports_of(path):
            for banned in FORBIDDEN[package]:
                if name == banned or name.startswith(banned + "."):
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
    assert problems == []


def test_importing_the_engine_and_server_does_not_load_torch() -> None:
    import subprocess
    import sys

    code = "import impasto.services, impasto.api, impasto.nodes, sys; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
