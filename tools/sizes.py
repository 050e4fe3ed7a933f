"""List the largest Python files and functions; fail when one is far past the house limits.

Files should stay under ~500 lines and functions near 15 (review anything over ~80). This keeps the
numbers visible in every `make lint` and stops the worst growth outright.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOTS = ("src", "tools", "bench")
MAX_FILE_LINES = 550
MAX_FUNCTION_LINES = 100
SHOW = 5


def python_files() -> list[Path]:
    return [path for root in ROOTS if Path(root).is_dir() for path in sorted(Path(root).rglob("*.py"))]


def function_sizes(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    sizes = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno is not None:
            sizes.append((node.end_lineno - node.lineno + 1, f"{path}:{node.lineno} {node.name}"))
    return sizes


def main() -> int:
    files = [(len(path.read_text(encoding="utf-8").splitlines()), str(path)) for path in python_files()]
    functions = [size for path in python_files() for size in function_sizes(path)]
    files.sort(reverse=True)
    functions.sort(reverse=True)
    out = sys.stdout
    out.write("largest files: " + ", ".join(f"{name} ({lines})" for lines, name in files[:SHOW]) + "\n")
    out.write(
        "largest functions: " + ", ".join(f"{name} ({lines})" for lines, name in functions[:SHOW]) + "\n"
    )
    too_big = [
        f"{name}: {lines} lines (limit {MAX_FILE_LINES})" for lines, name in files if lines > MAX_FILE_LINES
    ]
    too_big += [
        f"{name}: {lines} lines (limit {MAX_FUNCTION_LINES})"
        for lines, name in functions
        if lines > MAX_FUNCTION_LINES
    ]
    for problem in too_big:
        out.write(f"too large: {problem}\n")
    return 1 if too_big else 0


if __name__ == "__main__":
    sys.exit(main())
