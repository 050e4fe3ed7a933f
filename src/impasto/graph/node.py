"""Node registration: the ``@node`` decorator and the registries it fills.

A node class (see :mod:`impasto.graph.base`) gets its identity (type id, title, category, tags, semantic
version) in the ``@node`` decorator, which builds its :class:`NodeSpec` and adds it to a registry. Every
registry starts with the two nodes the executor handles itself (:mod:`impasto.graph.special`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from impasto.graph.base import (
    RESERVED_FIELDS,
    BaseNode,
    BaseOutput,
    FieldSpec,
    NodeDefinitionError,
    NodeSpec,
    build_spec,
)
from impasto.graph.special import COLLECT, ITERATE, CollectNode, IterateNode

__all__ = [
    "RESERVED_FIELDS",
    "BaseNode",
    "BaseOutput",
    "FieldSpec",
    "NodeDefinitionError",
    "NodeRegistry",
    "NodeSpec",
    "build_spec",
    "current_pack",
    "default_registry",
    "loading_pack",
    "node",
]


N = TypeVar("N", bound=type[BaseNode])


class NodeRegistry:
    """The node types known to one process (built-ins, custom packs and test stubs)."""

    def __init__(self) -> None:
        self._specs: dict[str, NodeSpec] = {}
        self._lock = threading.Lock()
        _register_special_nodes(self)

    def register(self, spec: NodeSpec, *, replace: bool = False) -> None:
        with self._lock:
            existing = self._specs.get(spec.type)
            if existing is not None and not replace and existing.node_class is not spec.node_class:
                raise NodeDefinitionError(
                    f"node type '{spec.type}' is already registered by {existing.pack}"
                    f" ({existing.node_class.__module__}.{existing.node_class.__qualname__})"
                )
            self._specs[spec.type] = spec

    def unregister(self, type_id: str) -> None:
        with self._lock:
            self._specs.pop(type_id, None)

    def get(self, type_id: str) -> NodeSpec | None:
        return self._specs.get(type_id)

    def __contains__(self, type_id: object) -> bool:
        return type_id in self._specs

    def __iter__(self) -> Iterator[NodeSpec]:
        return iter(sorted(self._specs.values(), key=lambda s: (s.category, s.type)))

    def __len__(self) -> int:
        return len(self._specs)

    def copy(self) -> NodeRegistry:
        clone = NodeRegistry()
        clone._specs = dict(self._specs)
        return clone

    def adopt(self, other: NodeRegistry) -> None:
        """Take ``other``'s node types in place of these, in one step: whoever holds this registry (the
        queue, the executor, the workflow library) sees the new set, never a half-changed one."""
        with self._lock:
            self._specs = dict(other._specs)


_loading_pack: ContextVar[tuple[str, NodeRegistry] | None] = ContextVar("impasto_loading_pack", default=None)


def current_pack() -> str:
    """The custom node pack being loaded right now (``builtin`` otherwise)."""
    loading = _loading_pack.get()
    return loading[0] if loading is not None else "builtin"


@contextmanager
def loading_pack(name: str, registry: NodeRegistry) -> Iterator[None]:
    """While a pack is imported, ``@node`` without an explicit registry registers into ``registry``."""
    token = _loading_pack.set((name, registry))
    try:
        yield
    finally:
        _loading_pack.reset(token)


def node(
    type_id: str,
    *,
    title: str,
    category: str,
    version: str = "1.0.0",
    tags: Sequence[str] = (),
    cacheable: bool = True,
    registry: NodeRegistry | None = None,
) -> Callable[[N], N]:
    """Register a node class under ``type_id``.

    ``cacheable=False`` marks nodes whose result must not be reused (random values, side effects).
    """

    def decorate(cls: N) -> N:
        spec = build_spec(cls, type_id, title, category, version, tuple(tags), cacheable, current_pack())
        cls.spec = spec
        loading = _loading_pack.get()
        target = registry or (loading[1] if loading is not None else default_registry)
        target.register(spec)
        return cls

    return decorate


def _register_special_nodes(registry: NodeRegistry) -> None:
    """Add iterate and collect to a registry (every registry has them)."""
    for type_id, cls, title in ((ITERATE, IterateNode, "Iterate"), (COLLECT, CollectNode, "Collect")):
        spec = build_spec(
            cls, type_id, title, "collections", "1.0.0", ("iterate", "collect"), False, "builtin"
        )
        cls.spec = spec
        registry.register(spec)


default_registry = NodeRegistry()
"""The registry that ``@node`` uses unless told otherwise: built-in nodes and custom packs."""
