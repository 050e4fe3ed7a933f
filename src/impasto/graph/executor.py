"""Running a prepared graph: topological order, iterate/collect expansion and the structural cache.

Each node runs once per *binding*: an assignment of an element index to every ``iterate`` in its
iteration context (see :mod:`impasto.graph.validation`). Bindings are only known while running, because
a list's length is known once the node producing it has run, so expansion happens here, node by node.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from impasto.errors import ImpastoError
from impasto.graph.cache import NodeCache, signature
from impasto.graph.context import CanceledError, ExecutionServices, NodeContext
from impasto.graph.model import Edge, Graph
from impasto.graph.node import BaseOutput, NodeRegistry
from impasto.graph.special import COLLECT, ITERATE, CollectOutput, IterateOutput
from impasto.graph.validation import Context, PreparedGraph, PreparedNode, prepare

Binding = tuple[tuple[str, int], ...]
"""``((iterate_node_id, index), ...)`` ordered like the node's iteration context."""


class NodeError(ImpastoError):
    """A node failed while running; carries the node, the error's type and its traceback."""

    code = "node_failed"
    status_code = 500

    def __init__(self, node_id: str, node_type: str, error_type: str, message: str, trace: str) -> None:
        super().__init__(
            f"node '{node_id}' ({node_type}) failed: {error_type}: {message}",
            details={"node_id": node_id, "node_type": node_type, "error_type": error_type},
        )
        self.node_id = node_id
        self.node_type = node_type
        self.error_type = error_type
        self.error_message = message
        self.trace = trace


@dataclass(frozen=True)
class NodeRun:
    """One run (or cache hit) of one node for one binding."""

    node_id: str
    node_type: str
    binding: Binding
    output: BaseOutput
    cached: bool
    signature: str

    def output_json(self) -> dict[str, Any]:
        return dict(to_jsonable_python(self.output.model_dump()))


@dataclass
class ExecutionResult:
    """Everything a graph run produced, in execution order."""

    runs: list[NodeRun] = field(default_factory=list)

    @property
    def executed_nodes(self) -> list[str]:
        """Ids of the nodes that actually ran (at least once)."""
        return _unique(run.node_id for run in self.runs if not run.cached)

    @property
    def cached_nodes(self) -> list[str]:
        """Ids of the nodes all of whose results came from the cache."""
        executed = set(self.executed_nodes)
        return _unique(run.node_id for run in self.runs if run.cached and run.node_id not in executed)

    def outputs(self) -> dict[str, Any]:
        """Outputs by node id: one object, or a list in iteration order for nodes that ran several times."""
        grouped: dict[str, list[NodeRun]] = {}
        for run in self.runs:
            grouped.setdefault(run.node_id, []).append(run)
        return {
            node_id: runs[0].output_json() if not runs[0].binding else [r.output_json() for r in runs]
            for node_id, runs in grouped.items()
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "outputs": self.outputs(),
            "executed_nodes": self.executed_nodes,
            "cached_nodes": self.cached_nodes,
        }


class ExecutionListener(Protocol):
    """Receives node lifecycle notices (the queue worker turns them into events)."""

    def node_started(self, node_id: str, node_type: str, binding: Binding) -> None: ...

    def node_completed(self, run: NodeRun) -> None: ...

    def node_failed(self, error: NodeError) -> None: ...


class Executor:
    """Runs graphs against one node registry and (optionally) one shared cache."""

    def __init__(self, registry: NodeRegistry, cache: NodeCache | None = None) -> None:
        self.registry = registry
        self.cache = cache

    def run(
        self,
        graph: Graph | PreparedGraph,
        services: ExecutionServices,
        listener: ExecutionListener | None = None,
    ) -> ExecutionResult:
        """Run every node; raises ``GraphValidationError``, :class:`NodeError` or ``CanceledError``."""
        prepared = graph if isinstance(graph, PreparedGraph) else prepare(graph, self.registry)
        return _GraphRun(prepared, services, self.cache, listener).run()


class _GraphRun:
    def __init__(
        self,
        graph: PreparedGraph,
        services: ExecutionServices,
        cache: NodeCache | None,
        listener: ExecutionListener | None,
    ) -> None:
        self.graph = graph
        self.services = services
        self.cache = cache
        self.listener = listener
        self.instances: dict[tuple[str, Binding], tuple[BaseOutput, str]] = {}
        self.lengths: dict[tuple[str, Binding], int] = {}
        self.result = ExecutionResult()

    def run(self) -> ExecutionResult:
        for node_id in self.graph.order:
            node = self.graph.nodes[node_id]
            if node.spec.type == ITERATE:
                for binding in self._bindings(self.graph.in_context[node_id]):
                    self._expand_iterate(node, binding)
            elif node.spec.type == COLLECT:
                for binding in self._bindings(self.graph.out_context[node_id]):
                    self._collect(node, binding)
            else:
                for binding in self._bindings(self.graph.in_context[node_id]):
                    self.services.cancel.raise_if_canceled()
                    self._run_node(node, binding)
        return self.result

    # -- bindings -----------------------------------------------------------------------------
    def _bindings(self, context: Context) -> list[Binding]:
        bindings: list[Binding] = [()]
        for iterate_id in context:
            outer = self.graph.in_context[iterate_id]
            bindings = [
                (*binding, (iterate_id, index))
                for binding in bindings
                for index in range(self.lengths[(iterate_id, _restrict(binding, outer))])
            ]
        return bindings

    def _source(self, edge: Edge, binding: Binding) -> tuple[Any, str]:
        """The value an edge delivers under a binding, and the signature of where it came from."""
        source = edge.source.node_id
        output, sig = self.instances[(source, _restrict(binding, self.graph.out_context[source]))]
        return getattr(output, edge.source.field), sig

    # -- the three kinds of node ----------------------------------------------------------------
    def _expand_iterate(self, node: PreparedNode, binding: Binding) -> None:
        if node.incoming:
            collection, source_sig = self._source(node.incoming[0], binding)
        else:
            collection = node.constants.get("collection") or []
            source_sig = signature(collection)
        items = list(collection)
        base = signature({"type": ITERATE, "source": source_sig})
        self.lengths[(node.id, binding)] = len(items)
        for index, item in enumerate(items):
            output = IterateOutput(item=item, index=index, total=len(items))
            self.instances[(node.id, (*binding, (node.id, index)))] = (output, signature([base, index]))

    def _collect(self, node: PreparedNode, binding: Binding) -> None:
        closing = self.graph.in_context[node.id][-1:]
        if closing:
            iterate_id = closing[0]
            count = self.lengths[(iterate_id, _restrict(binding, self.graph.in_context[iterate_id]))]
            inner = [(*binding, (iterate_id, index)) for index in range(count)]
        else:
            inner = [binding]
        values: list[Any] = []
        sources: list[str] = []
        for inner_binding in inner:
            for edge in node.incoming:
                value, sig = self._source(edge, inner_binding)
                values.append(value)
                sources.append(f"{sig}.{edge.source.field}")
        sig = signature({"type": COLLECT, "sources": sources})
        cached = self.cache.get(sig) if self.cache is not None else None
        if cached is not None:
            self._record(node, binding, cached, sig, cached=True)
            return
        output = CollectOutput(collection=values)
        if self.cache is not None:
            self.cache.put(sig, output)
        self._record(node, binding, output, sig, cached=False)

    def _run_node(self, node: PreparedNode, binding: Binding) -> None:
        values, sig = self._inputs_and_signature(node, binding)
        cached = self.cache.get(sig) if self.cache is not None and self._cacheable(node) else None
        if cached is not None:
            self._record(node, binding, cached, sig, cached=True)
            return
        if self.listener is not None:
            self.listener.node_started(node.id, node.spec.type, binding)
        output = self._invoke(node, values)
        if self.cache is not None and self._cacheable(node):
            self.cache.put(sig, output)
        self._record(node, binding, output, sig, cached=False)

    def _inputs_and_signature(self, node: PreparedNode, binding: Binding) -> tuple[dict[str, Any], str]:
        connected = {edge.destination.field for edge in node.incoming}
        constants = {k: v for k, v in node.constants.items() if k not in connected and k != "use_cache"}
        values = dict(constants)
        upstream: dict[str, str] = {}
        for edge in node.incoming:
            values[edge.destination.field], source_sig = self._source(edge, binding)
            upstream[edge.destination.field] = f"{source_sig}.{edge.source.field}"
        payload: dict[str, Any] = {
            "type": node.spec.type,
            "version": node.spec.version,
            "constants": constants,
            "upstream": upstream,
        }
        if not self._cacheable(node):
            payload["nonce"] = uuid.uuid4().hex  # what follows an uncached node must re-run too
        return values, signature(payload)

    def _cacheable(self, node: PreparedNode) -> bool:
        return node.spec.cacheable and node.constants.get("use_cache", True) is not False

    def _invoke(self, node: PreparedNode, values: dict[str, Any]) -> BaseOutput:
        spec = node.spec
        try:
            instance = spec.node_class.model_validate({**values, "id": node.id})
            context = NodeContext(self.services, node.id, spec.type, intermediate=instance.is_intermediate)
            output = instance.invoke(context)
        except CanceledError:
            raise
        except Exception as exc:
            error = _node_error(node, exc)
            if self.listener is not None:
                self.listener.node_failed(error)
            raise error from exc
        if not isinstance(output, spec.output_class):
            error = NodeError(
                node.id,
                spec.type,
                "InvalidOutput",
                f"returned {type(output).__name__}, expected {spec.output_class.__name__}",
                "",
            )
            if self.listener is not None:
                self.listener.node_failed(error)
            raise error
        return output

    def _record(
        self, node: PreparedNode, binding: Binding, output: BaseOutput, sig: str, cached: bool
    ) -> None:
        self.instances[(node.id, binding)] = (output, sig)
        run = NodeRun(node.id, node.spec.type, binding, output, cached, sig)
        self.result.runs.append(run)
        if self.listener is not None:
            self.listener.node_completed(run)


def _node_error(node: PreparedNode, exc: Exception) -> NodeError:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        field_name = ".".join(str(part) for part in first["loc"])
        message = f"input '{field_name}' = {first.get('input')!r}: {first['msg']}"
        return NodeError(node.id, node.spec.type, "InvalidInput", message, "")
    message = exc.message if isinstance(exc, ImpastoError) else str(exc)
    return NodeError(node.id, node.spec.type, type(exc).__name__, message, traceback.format_exc())


def _restrict(binding: Binding, context: Context) -> Binding:
    return tuple(pair for pair in binding if pair[0] in context)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
