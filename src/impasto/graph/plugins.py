"""Loading custom node packs: folders in ``<root>/nodes/`` and the ``impasto.nodes`` entry points.

A pack is a Python package (a folder with ``__init__.py``) or a single ``.py`` file whose import registers
nodes with ``@node``. A pack that fails to import, or that clashes with a node type already registered, is
reported and skipped: the nodes it managed to register are removed again, so nothing half-loaded stays,
and Impasto starts regardless.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType

from impasto.graph.node import NodeRegistry, loading_pack

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "impasto.nodes"
MODULE_PREFIX = "impasto_node_packs"


@dataclass
class PackReport:
    """The outcome of loading one node pack."""

    name: str
    source: str
    location: str
    loaded: bool
    nodes: list[str] = field(default_factory=list)
    error: str | None = None


def load_node_packs(
    nodes_dir: Path | None, registry: NodeRegistry, *, include_entry_points: bool = True
) -> list[PackReport]:
    """Load every pack from ``nodes_dir`` and the entry points; never raises for a broken pack."""
    reports = []
    if nodes_dir is not None and nodes_dir.is_dir():
        for path in sorted(nodes_dir.iterdir()):
            if _is_pack(path):
                reports.append(_load(path.stem, "folder", str(path), partial(_import_path, path), registry))
    if include_entry_points:
        for entry in entry_points(group=ENTRY_POINT_GROUP):
            reports.append(
                _load(entry.name, "entry_point", entry.value, partial(_load_entry, entry), registry)
            )
    for report in reports:
        if report.loaded:
            logger.info("loaded node pack %s (%d nodes)", report.name, len(report.nodes))
        else:
            logger.error("node pack %s (%s) was skipped: %s", report.name, report.location, report.error)
    return reports


def _is_pack(path: Path) -> bool:
    if path.name.startswith((".", "_")):
        return False
    return (path.is_dir() and (path / "__init__.py").is_file()) or (path.is_file() and path.suffix == ".py")


def _load(
    name: str, source: str, location: str, importer: Callable[[], object], registry: NodeRegistry
) -> PackReport:
    before = {spec.type for spec in registry}
    try:
        with loading_pack(name, registry):
            importer()
    except BaseException as exc:  # a pack may even call sys.exit(); it must not stop start-up
        if isinstance(exc, KeyboardInterrupt):
            raise
        for type_id in {spec.type for spec in registry} - before:
            registry.unregister(type_id)
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return PackReport(name, source, location, loaded=False, error=detail)
    added = sorted({spec.type for spec in registry} - before)
    return PackReport(name, source, location, loaded=True, nodes=added)


def _import_path(path: Path) -> ModuleType:
    """Execute a pack afresh (each registry that loads it gets its own node classes)."""
    parent = sys.modules.setdefault(MODULE_PREFIX, ModuleType(MODULE_PREFIX))
    parent.__path__ = []
    module_name = f"{MODULE_PREFIX}.{path.stem}"
    for loaded in [key for key in sys.modules if key == module_name or key.startswith(module_name + ".")]:
        del sys.modules[loaded]
    if path.is_dir():
        spec = importlib.util.spec_from_file_location(
            module_name, path / "__init__.py", submodule_search_locations=[str(path)]
        )
    else:
        spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def _load_entry(entry: EntryPoint) -> object:
    loaded = entry.load()
    if callable(loaded) and not isinstance(loaded, ModuleType):
        return loaded()
    return loaded
