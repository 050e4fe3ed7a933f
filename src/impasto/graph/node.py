"""Nodes: small pydantic models with one ``invoke(ctx)`` method, registered by a decorator.

A node class declares its inputs as fields (see :mod:`impasto.graph.fields`), its output as the return
annotation of ``invoke``, and its identity (type id, title, category, tags, semantic version) in the
``@node`` decorator. The registry turns each class into a :class:`NodeSpec`, the data that validation, the
executor and clients use, so nothing downstream needs to introspect classes again.
"""

from __future__ import annotations

import builtins
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, get_type_hints

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo
from pydantic_core import to_jsonable_python

from impasto.graph.fields import Input, input_mode, ui_hints
from impasto.graph.types import type_name

if TYPE_CHECKING:
    from impasto.graph.context import NodeContext
    from impasto.graph.forecast import Forecast, ForecastInputs

TYPE_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_.\-]{0,63}$")
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+$")
RESERVED_FIELDS = frozenset({"id", "type", "use_cache"})


class NodeDefinitionError(Exception):
    """A node class is declared wrongly (bad id, missing description, no output type...)."""


class BaseOutput(BaseModel):
    """Base of every node output model; its fields are the node's output sockets."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class BaseNode(BaseModel):
    """Base of every node. Subclasses add input fields and implement :meth:`invoke`."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    id: str = Field(description="The node's id, unique within its graph.")
    use_cache: bool = Field(
        True, description="Reuse a stored result when this node's inputs have not changed."
    )

    spec: ClassVar[NodeSpec]

    def invoke(self, ctx: NodeContext) -> BaseOutput:
        """Run the node. Subclasses narrow the return type to their own output model."""
        raise NotImplementedError(f"{type(self).__name__} does not implement invoke()")

    @classmethod
    def work_forecast(cls, inputs: ForecastInputs) -> Forecast:
        """The size of what this node outputs and the heavy passes it makes, told from its typed-in values
        before the graph runs (see :mod:`impasto.graph.forecast`); nodes that make or change images
        override it. Unknown by default."""
        from impasto.graph.forecast import Forecast

        return Forecast()


@dataclass(frozen=True)
class FieldSpec:
    """One input or output socket."""

    name: str
    type: str
    description: str
    required: bool = False
    default: Any = None
    input: Input = Input.ANY
    ui: dict[str, Any] = field(default_factory=dict)
    annotation: Any = None
    is_input: bool = True


@dataclass(frozen=True)
class NodeSpec:
    """Everything known about a node type, derived once at registration."""

    type: str
    title: str
    category: str
    tags: tuple[str, ...]
    version: str
    description: str
    cacheable: bool
    node_class: builtins.type[BaseNode]
    output_class: builtins.type[BaseOutput]
    inputs: dict[str, FieldSpec]
    outputs: dict[str, FieldSpec]
    pack: str = "builtin"

    def to_schema(self) -> dict[str, Any]:
        """The JSON description served to clients (``GET /api/v1/nodes``)."""
        return {
            "type": self.type,
            "title": self.title,
            "category": self.category,
            "tags": list(self.tags),
            "version": self.version,
            "description": self.description,
            "cacheable": self.cacheable,
            "pack": self.pack,
            "inputs": {name: _field_schema(spec) for name, spec in self.inputs.items()},
            "outputs": {name: _field_schema(spec) for name, spec in self.outputs.items()},
            "output_type": self.output_class.__name__,
            "json_schema": self.node_class.model_json_schema(),
        }


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    data: dict[str, Any] = {"type": spec.type, "description": spec.description}
    if spec.is_input:
        data.update({"required": spec.required, "input": spec.input.value, "ui": spec.ui})
        if not spec.required:
            data["default"] = to_jsonable_python(spec.default)
    return data


N = TypeVar("N", bound=type[BaseNode])


class NodeRegistry:
    """The node types known to one process (built-ins, custom packs and test stubs)."""

    def __init__(self) -> None:
        from impasto.graph.special import register_special_nodes

        self._specs: dict[str, NodeSpec] = {}
        self._lock = threading.Lock()
        register_special_nodes(self)

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


def build_spec(
    cls: type[BaseNode],
    type_id: str,
    title: str,
    category: str,
    version: str,
    tags: tuple[str, ...],
    cacheable: bool,
    pack: str,
) -> NodeSpec:
    """Check a node class and derive its :class:`NodeSpec`, or raise :class:`NodeDefinitionError`."""
    where = f"{cls.__module__}.{cls.__qualname__}"
    if not TYPE_ID_PATTERN.match(type_id):
        raise NodeDefinitionError(f"{where}: type id '{type_id}' must match {TYPE_ID_PATTERN.pattern}")
    if not VERSION_PATTERN.match(version):
        raise NodeDefinitionError(f"{where}: version '{version}' must be MAJOR.MINOR.PATCH")
    description = (cls.__doc__ or "").strip()
    if not description:
        raise NodeDefinitionError(f"{where}: a node needs a docstring; it is the node's help text")
    output_class = _output_class(cls, where)
    return NodeSpec(
        type=type_id,
        title=title,
        category=category,
        tags=tags,
        version=version,
        description=description,
        cacheable=cacheable,
        node_class=cls,
        output_class=output_class,
        inputs=_input_specs(cls, where),
        outputs=_output_specs(output_class, where),
        pack=pack,
    )


def _output_class(cls: type[BaseNode], where: str) -> type[BaseOutput]:
    from impasto.graph.context import NodeContext

    try:
        hints = get_type_hints(cls.invoke, localns={"NodeContext": NodeContext})
    except Exception as exc:
        raise NodeDefinitionError(f"{where}: cannot read invoke()'s annotations: {exc}") from exc
    output = hints.get("return")
    if not (isinstance(output, type) and issubclass(output, BaseOutput)) or output is BaseOutput:
        raise NodeDefinitionError(f"{where}: invoke() must be annotated to return a BaseOutput subclass")
    return output


def _input_specs(cls: type[BaseNode], where: str) -> dict[str, FieldSpec]:
    specs: dict[str, FieldSpec] = {}
    for name, info in cls.model_fields.items():
        if name in RESERVED_FIELDS:
            continue
        specs[name] = _field_spec(name, info, where, is_input=True)
    return specs


def _output_specs(cls: type[BaseOutput], where: str) -> dict[str, FieldSpec]:
    return {name: _field_spec(name, info, where, is_input=False) for name, info in cls.model_fields.items()}


def _field_spec(name: str, info: FieldInfo, where: str, *, is_input: bool) -> FieldSpec:
    if not info.description:
        raise NodeDefinitionError(f"{where}: field '{name}' needs a description")
    extra = info.json_schema_extra
    required = info.is_required()
    return FieldSpec(
        name=name,
        type=type_name(info.annotation),
        description=info.description,
        required=required if is_input else False,
        default=None if required or not is_input else info.get_default(call_default_factory=True),
        input=input_mode(extra) if is_input else Input.CONNECTION,
        ui=ui_hints(extra),
        annotation=info.annotation,
        is_input=is_input,
    )


default_registry = NodeRegistry()
"""The registry that ``@node`` uses unless told otherwise: built-in nodes and custom packs."""
