"""Custom node packs: folders, single files and entry points; broken packs are skipped, never fatal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from impasto.graph import NodeRegistry, NodeSpec
from impasto.graph.plugins import load_node_packs

NODE = '''
from impasto.graph import BaseNode, BaseOutput, InputField, NodeContext, OutputField, node


class Out(BaseOutput):
    value: int = OutputField(description="Result.")


@node("{type_id}", title="T", category="custom")
class N(BaseNode):
    """A custom node."""

    x: int = InputField(1, description="X.")

    def invoke(self, ctx: NodeContext) -> Out:
        return Out(value=self.x * {factor})
'''


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_folder_and_file_packs_load(tmp_path: Path) -> None:
    nodes = tmp_path / "nodes"
    write(nodes / "single.py", NODE.format(type_id="single_node", factor=2))
    write(nodes / "pkg" / "__init__.py", "from . import impl\n")
    write(nodes / "pkg" / "impl.py", NODE.format(type_id="pkg_node", factor=3))
    write(nodes / "_private.py", "raise SystemExit('never imported')\n")
    write(nodes / "notes.txt", "not a pack")
    registry = NodeRegistry()
    reports = load_node_packs(nodes, registry, include_entry_points=False)
    assert [(r.name, r.loaded, r.nodes) for r in reports] == [
        ("pkg", True, ["pkg_node"]),
        ("single", True, ["single_node"]),
    ]
    spec = registry.get("pkg_node")
    assert spec is not None
    assert spec.pack == "pkg"


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("raise ImportError('needs numpy 9')\n", "ImportError: needs numpy 9"),
        ("def broken(:\n", "SyntaxError"),
        ("import sys\nsys.exit(3)\n", "SystemExit"),
        (NODE.format(type_id="add", factor=1), "already registered"),
        (NODE.format(type_id="Bad Id", factor=1), "must match"),
    ],
)
def test_broken_pack_is_reported_and_skipped(tmp_path: Path, source: str, fragment: str) -> None:
    nodes = tmp_path / "nodes"
    write(nodes / "broken.py", NODE.format(type_id="half_loaded", factor=1) + source)
    write(nodes / "fine.py", NODE.format(type_id="fine_node", factor=1))
    registry = NodeRegistry()
    registry.register(_builtin_add())
    reports = {r.name: r for r in load_node_packs(nodes, registry, include_entry_points=False)}
    assert reports["broken"].loaded is False
    assert fragment in (reports["broken"].error or "")
    assert "half_loaded" not in registry  # nothing half-loaded stays
    assert reports["fine"].loaded
    assert "fine_node" in registry


def test_entry_point_packs_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    write(site / "ep_nodes.py", NODE.format(type_id="ep_node", factor=5))
    dist = site / "ep_nodes-1.0.dist-info"
    write(dist / "METADATA", "Metadata-Version: 2.1\nName: ep-nodes\nVersion: 1.0\n")
    write(dist / "entry_points.txt", "[impasto.nodes]\nep = ep_nodes\n")
    monkeypatch.syspath_prepend(str(site))
    registry = NodeRegistry()
    reports = load_node_packs(None, registry)
    ours = [r for r in reports if r.name == "ep"]
    assert [(r.source, r.loaded, r.nodes) for r in ours] == [("entry_point", True, ["ep_node"])]
    sys.modules.pop("ep_nodes", None)


def _builtin_add() -> NodeSpec:
    import impasto.nodes  # noqa: F401 - registers the built-ins
    from impasto.graph import default_registry

    spec = default_registry.get("add")
    assert spec is not None
    return spec
