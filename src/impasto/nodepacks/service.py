"""The node packs of a running server: list them, install one, remove one, and reload them in place.

A reload imports every folder pack afresh into a copy of the built-in registry and, once that is done,
swaps the copy's node types into the live registry, so validation, the queue and the editor see the new
nodes at once; the node cache is cleared, as a reloaded node may compute something else. Packs installed
as Python packages (entry points) keep the nodes they registered at start-up: Python imports a package
once, so only a restart loads a changed one. A reload waits for an idle queue (a running graph keeps the
node classes it started with, but a pending one should not switch half-way).
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from impasto.errors import ConflictError, NotFoundError
from impasto.graph.cache import NodeCache
from impasto.graph.node import NodeRegistry, default_registry
from impasto.graph.plugins import PackReport, load_node_packs
from impasto.nodepacks.sources import check_name, check_url, clone, name_from_url, unzip

logger = logging.getLogger(__name__)


class PackExistsError(ConflictError):
    """A pack of this name is installed already (remove it first to replace it)."""

    code = "pack_exists"


@dataclass
class PackState:
    """The packs as now loaded, and those whose files changed since (installed or removed: a reload
    loads or drops them)."""

    packs: list[PackReport]
    pending: list[str]
    message: str


class NodePackService:
    """Node packs in ``nodes_dir``; keeps ``reports`` (the list the server lists packs from) current."""

    def __init__(
        self,
        nodes_dir: Path,
        source_dirs: tuple[Path, ...],
        registry: NodeRegistry,
        cache: NodeCache,
        reports: list[PackReport],
        queue_busy: Callable[[], bool],
        allow_private: bool = False,
    ) -> None:
        self.nodes_dir = nodes_dir
        self.source_dirs = tuple(folder.resolve() for folder in source_dirs)
        self.registry = registry
        self.cache = cache
        self.reports = reports
        self.queue_busy = queue_busy
        self.allow_private = allow_private
        self._lock = threading.Lock()

    def install_git(self, url: str, name: str | None) -> PackReport:
        """Clone a repository as the pack ``name`` (default: the repository's name); not loaded yet."""
        check_url(url, self.source_dirs, self.allow_private)
        target = self._new_target(name or name_from_url(url))
        clone(url, target)
        return PackReport(target.name, "folder", str(target), loaded=False, error="installed; not loaded yet")

    def install_zip(self, data: bytes, name: str) -> PackReport:
        """Unpack a zip as the pack ``name``; not loaded yet."""
        target = self._new_target(name)
        unzip(data, target)
        return PackReport(target.name, "folder", str(target), loaded=False, error="installed; not loaded yet")

    def uninstall(self, name: str) -> None:
        """Delete a folder pack's files (its nodes stay registered until the next reload or restart)."""
        check_name(name)
        for path in (self.nodes_dir / name, self.nodes_dir / f"{name}.py"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
                return
            if path.is_file() or path.is_symlink():
                path.unlink()
                return
        raise NotFoundError(f"no node pack named {name!r} is in {self.nodes_dir}", {"name": name})

    def reload(self) -> PackState:
        """Import the folder packs afresh and put their nodes in the live registry (see the module)."""
        with self._lock:
            if self.queue_busy():
                raise ConflictError("node packs reload only while the queue is idle; pause it or wait")
            fresh = default_registry.copy()
            kept = [report for report in self.reports if report.source == "entry_point"]
            for report in kept:
                for type_id in report.nodes:
                    spec = self.registry.get(type_id)
                    if spec is not None:
                        fresh.register(spec)
            reports = load_node_packs(self.nodes_dir, fresh, include_entry_points=False) + kept
            self.registry.adopt(fresh)
            self.cache.clear()
            self.reports[:] = reports
        logger.info("reloaded node packs: %s", ", ".join(report.name for report in reports) or "none")
        return self.state(
            "Reloaded the packs in the node-packs folder."
            + (" Packs installed as Python packages load again only after a restart." if kept else "")
        )

    def state(self, message: str) -> PackState:
        return PackState(list(self.reports), self._stale(), message)

    def _stale(self) -> list[str]:
        """Folder packs whose files changed since they were loaded: gone, or not loaded at all."""
        on_disk = {path.stem for path in self.nodes_dir.iterdir()} if self.nodes_dir.is_dir() else set()
        listed = {report.name for report in self.reports if report.source == "folder"}
        return sorted(listed ^ {name for name in on_disk if not name.startswith((".", "_"))})

    def _new_target(self, name: str) -> Path:
        check_name(name)
        self.nodes_dir.mkdir(parents=True, exist_ok=True)
        if (self.nodes_dir / name).exists() or (self.nodes_dir / f"{name}.py").exists():
            raise PackExistsError(f"a node pack named {name!r} is installed already", {"name": name})
        return self.nodes_dir / name
