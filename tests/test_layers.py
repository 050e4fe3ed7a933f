"""Dependencies point one way: api → services → graph/nodes → generation → models → storage.

Checked on the source text (imports), so a violation fails here before it becomes a tangle. Every import
statement counts, wherever it is: at the top, under ``TYPE_CHECKING`` or inside a function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "impasto"
FAMILIES = ("sd", "flux", "sd3")
"""The model families: each has its own package under ``generation`` and ``nodes``."""
TORCH_STACK = ["torch", "diffusers", "transformers"]

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
    "builders": ["impasto.api", "impasto.services", "impasto.generation", "fastapi", "torch", "diffusers"],
    "generation": [
        "impasto.api",
        "impasto.services",
        "impasto.queue",
        "impasto.builders",
        "impasto.nodes",
        "fastapi",
    ],
    "models": [
        "impasto.generation",
        "impasto.nodes",
        "impasto.builders",
        "impasto.api",
        "impasto.services",
        "impasto.queue",
        "fastapi",
    ],
    "workflows": [
        *TORCH_STACK,
        "impasto.api",
        "impasto.services",
        "impasto.queue",
        "impasto.generation",
        "fastapi",
    ],
    "prompting": [*TORCH_STACK, "impasto.generation"],
    "sampling": [*TORCH_STACK, "impasto.generation"],
    **{
        f"{layer}.{family}": [f"impasto.{layer}.{other}" for other in FAMILIES if other != family]
        for layer in ("generation", "nodes")
        for family in FAMILIES
    },
}
"""Per package (dotted, below ``impasto``): the modules it must not import. Model families are independent:
they share only their layer's common modules."""


def module_name(path: Path) -> str:
    """``impasto.a.b`` for ``src/impasto/a/b.py`` and ``src/impasto/a/b/__init__.py``."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of the import statements inside ``if TYPE_CHECKING:`` blocks (never run)."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}:
            hidden |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return hidden


def imported_names(path: Path, *, runtime_only: bool = False) -> Iterator[tuple[str, list[str]]]:
    """Each import statement's module (relative ones resolved) and the names it takes from it; with
    ``runtime_only``, without those that only the type checker reads."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_checking_only(tree) if runtime_only else set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield base, [alias.name for alias in node.names]


def imports_of(path: Path) -> set[str]:
    return {module for module, _ in imported_names(path)}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_higher_layers(package: str) -> None:
    problems = []
    for path in sorted(SRC.joinpath(*package.split(".")).rglob("*.py")):
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


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports when it runs, at the top or inside
    a function (``from a import b`` counts as importing ``a.b`` where that is a module, else ``a``).
    Imports under ``if TYPE_CHECKING:`` do not count: two types naming each other are not a circle."""
    paths = {module_name(path): path for path in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for module, members in imported_names(path, runtime_only=True):
            submodules = {f"{module}.{member}" for member in members} & paths.keys()
            targets |= submodules
            if module in paths and (not members or len(submodules) < len(members)):
                targets.add(module)
        graph[name] = targets - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, ..., a]``), or None; depth-first, white/grey/black."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)) is not None:
                return found
        stack.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)) is not None:
            return found
    return None


def test_find_cycle_reports_the_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_package_has_no_import_cycles() -> None:
    graph = import_graph()
    assert "impasto.generation.sd.denoise" in graph["impasto.nodes.sd.denoise"]  # lazy imports count
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])
