"""What a node is: a small pydantic model with one ``invoke(ctx)`` method, and the spec derived from it.

A node class declares its inputs as fields (see :mod:`impasto.graph.fields`) and its output as the return
annotation of ``invoke``. :func:`build_spec` checks the class and turns it into a :class:`NodeSpec`, the
data that validation, the executor and clients use, so nothing downstream needs to introspect classes
again. Registering specs is :mod:`impasto.graph.node`'s work.
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, get_type_hints

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
RESERVED_FIELDS = frozenset({"id", "type", "use_cache", "is_intermediate"})


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
    is_intermediate: bool | None = Field(
        None,
        description="Store the images this node makes as intermediate (hidden from the gallery) when true, "
        "as gallery images when false; unset, the node decides (only saving nodes make gallery images).",
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
