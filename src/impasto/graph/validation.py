"""Checking a graph against the node registry and preparing it for execution.

Validation never raises on a bad graph: it returns every :class:`GraphIssue` it finds, so an editor can
mark all of them at once. :func:`prepare` runs the same checks and, when there are none, returns a
:class:`PreparedGraph` holding what execution needs: a topological order, each node's constants and
incoming edges, the inferred type of every output, and each node's iteration context.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from impasto.errors import InvalidInputError
from impasto.graph.fields import Input
from impasto.graph.model import Edge, Graph, GraphIssue
from impasto.graph.node import RESERVED_FIELDS, NodeRegistry, NodeSpec
from impasto.graph.special import COLLECT, ITERATE
from impasto.graph.types import ANY, can_connect, common_type, element_of, list_of

Context = tuple[str, ...]


class GraphValidationError(InvalidInputError):
    """A graph has problems; ``details`` lists each as ``{code, node_id, field, message}``."""

    code = "invalid_graph"

    def __init__(self, issues: list[GraphIssue]) -> None:
        first = issues[0].message if issues else "invalid graph"
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(f"invalid graph: {first}{more}", details=[i.model_dump() for i in issues])
        self.issues = issues


@dataclass
class PreparedNode:
    """A node ready to run: its spec, its constant inputs and the edges that feed it."""

    id: str
    spec: NodeSpec
    constants: dict[str, Any]
    incoming: list[Edge] = field(default_factory=list)


@dataclass
class PreparedGraph:
    """A validated graph in the form the executor consumes."""

    nodes: dict[str, PreparedNode]
    order: list[str]
    output_types: dict[tuple[str, str], str]
    in_context: dict[str, Context]
    out_context: dict[str, Context]


def validate(graph: Graph, registry: NodeRegistry) -> list[GraphIssue]:
    """Every problem in ``graph`` (an empty list when it can run)."""
    return _Checker(graph, registry).run()[0]


def prepare(graph: Graph, registry: NodeRegistry) -> PreparedGraph:
    """The executable form of ``graph``; raises :class:`GraphValidationError` listing its problems."""
    issues, prepared = _Checker(graph, registry).run()
    if issues or prepared is None:
        raise GraphValidationError(issues)
    return prepared


class _Checker:
    def __init__(self, graph: Graph, registry: NodeRegistry) -> None:
        self.graph = graph
        self.registry = registry
        self.issues: list[GraphIssue] = []
        self.nodes: dict[str, PreparedNode] = {}
        self.rejected: dict[str, set[str]] = {}  # inputs whose edge was refused (not also "missing")

    def issue(self, code: str, message: str, node_id: str | None = None, field: str | None = None) -> None:
        self.issues.append(GraphIssue(code=code, message=message, node_id=node_id, field=field))

    def run(self) -> tuple[list[GraphIssue], PreparedGraph | None]:
        self._check_nodes()
        self._check_edges()
        self._check_constants()
        order = self._topological_order()
        if order is None:
            return self.issues, None
        output_types = self._check_types(order)
        in_ctx, out_ctx = _iteration_contexts(self.nodes, order)
        if self.issues:
            return self.issues, None
        return [], PreparedGraph(self.nodes, order, output_types, in_ctx, out_ctx)

    # -- nodes and edges ----------------------------------------------------------------------
    def _check_nodes(self) -> None:
        for key, data in self.graph.nodes.items():
            node_id = data.get("id", key)
            if node_id != key:
                self.issue("invalid_node", f"node '{key}' has id '{node_id}'; they must match", key)
                continue
            type_id = data.get("type")
            if not isinstance(type_id, str):
                self.issue("invalid_node", f"node '{key}' has no 'type'", key)
                continue
            spec = self.registry.get(type_id)
            if spec is None:
                self.issue("unknown_node_type", f"node '{key}' has unknown type '{type_id}'", key)
                continue
            constants = {k: v for k, v in data.items() if k not in ("id", "type")}
            self.nodes[key] = PreparedNode(key, spec, constants)

    def _check_edges(self) -> None:
        seen: set[tuple[str, str]] = set()
        for edge in self.graph.edges:
            if not self._edge_ends_exist(edge):
                self.rejected.setdefault(edge.destination.node_id, set()).add(edge.destination.field)
                continue
            target = self.nodes[edge.destination.node_id]
            key = (edge.destination.node_id, edge.destination.field)
            if key in seen and target.spec.type != COLLECT:
                self.issue(
                    "duplicate_input",
                    f"input '{key[1]}' of node '{key[0]}' has more than one incoming edge",
                    *key,
                )
                continue
            seen.add(key)
            target.incoming.append(edge)

    def _edge_ends_exist(self, edge: Edge) -> bool:
        src, dst = edge.source, edge.destination
        for end, role in ((src, "source"), (dst, "destination")):
            if end.node_id not in self.graph.nodes:
                self.issue("unknown_node", f"edge {role} refers to missing node '{end.node_id}'", end.node_id)
                return False
        if src.node_id not in self.nodes or dst.node_id not in self.nodes:
            return False  # already reported as a bad node
        source_spec, target_spec = self.nodes[src.node_id].spec, self.nodes[dst.node_id].spec
        if src.field not in source_spec.outputs:
            outputs = ", ".join(source_spec.outputs)
            self.issue(
                "unknown_field",
                f"node '{src.node_id}' ({source_spec.type}) has no output '{src.field}'; outputs: {outputs}",
                src.node_id,
                src.field,
            )
            return False
        target_field = target_spec.inputs.get(dst.field)
        if target_field is None:
            inputs = ", ".join(target_spec.inputs)
            self.issue(
                "unknown_field",
                f"node '{dst.node_id}' ({target_spec.type}) has no input '{dst.field}'; inputs: {inputs}",
                dst.node_id,
                dst.field,
            )
            return False
        if target_field.input is Input.DIRECT:
            self.issue(
                "not_connectable",
                f"input '{dst.field}' of node '{dst.node_id}' takes a typed value, not a connection",
                dst.node_id,
                dst.field,
            )
            return False
        return True

    # -- constant inputs ----------------------------------------------------------------------
    def _check_constants(self) -> None:
        for node in self.nodes.values():
            connected = {edge.destination.field for edge in node.incoming}
            self._check_direct_only(node, connected)
            data = {k: v for k, v in node.constants.items() if k not in connected}
            try:
                node.spec.node_class.model_validate({**data, "id": node.id})
            except ValidationError as exc:
                self._report_constant_errors(node, exc, connected)

    def _check_direct_only(self, node: PreparedNode, connected: set[str]) -> None:
        for name, spec in node.spec.inputs.items():
            given = node.constants.get(name) is not None
            if spec.input is Input.CONNECTION and given and name not in connected:
                self.issue(
                    "not_direct",
                    f"input '{name}' of node '{node.id}' must come from a connection, not a typed value",
                    node.id,
                    name,
                )

    def _report_constant_errors(self, node: PreparedNode, exc: ValidationError, connected: set[str]) -> None:
        reported: set[str] = set()
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else ""
            if name in connected or name in reported or name in self.rejected.get(node.id, set()):
                continue
            reported.add(name)
            if error["type"] == "missing" and len(error["loc"]) == 1:
                self.issue("missing_input", f"node '{node.id}' needs a value for '{name}'", node.id, name)
            elif error["type"] == "extra_forbidden" and name not in RESERVED_FIELDS:
                known = ", ".join(node.spec.inputs)
                self.issue(
                    "unknown_field",
                    f"node '{node.id}' ({node.spec.type}) has no input '{name}'; inputs: {known}",
                    node.id,
                    name,
                )
            else:
                where = ".".join(str(part) for part in error["loc"])
                value = node.constants.get(name) if len(error["loc"]) > 1 else error.get("input")
                self.issue(
                    "invalid_value",
                    f"node '{node.id}' input '{where}' = {value!r}: {error['msg']}",
                    node.id,
                    name,
                )

    # -- order and types ----------------------------------------------------------------------
    def _topological_order(self) -> list[str] | None:
        dependents: dict[str, list[str]] = defaultdict(list)
        pending = dict.fromkeys(self.nodes, 0)
        for node in self.nodes.values():
            for source in {edge.source.node_id for edge in node.incoming}:
                dependents[source].append(node.id)
                pending[node.id] += 1
        ready = [node_id for node_id in self.nodes if pending[node_id] == 0]
        order: list[str] = []
        while ready:
            current = ready.pop(0)
            order.append(current)
            for child in dependents[current]:
                pending[child] -= 1
                if pending[child] == 0:
                    ready.append(child)
        if len(order) < len(self.nodes):
            stuck = sorted(node_id for node_id, count in pending.items() if count > 0)
            for node_id in stuck:
                self.issue("cycle", f"node '{node_id}' is part of a cycle: {', '.join(stuck)}", node_id)
            return None
        return order

    def _check_types(self, order: list[str]) -> dict[tuple[str, str], str]:
        types: dict[tuple[str, str], str] = {}
        for node_id in order:
            node = self.nodes[node_id]
            for name, spec in node.spec.outputs.items():
                types[(node_id, name)] = spec.type
            for edge in node.incoming:
                self._check_edge_type(edge, types)
            if node.spec.type == ITERATE:
                self._infer_iterate(node, types)
            elif node.spec.type == COLLECT:
                self._infer_collect(node, types)
        return types

    def _check_edge_type(self, edge: Edge, types: dict[tuple[str, str], str]) -> None:
        target = self.nodes[edge.destination.node_id]
        if target.spec.type in (COLLECT, ITERATE):
            return  # checked when their types are inferred (_infer_collect, _infer_iterate)
        source_type = types[(edge.source.node_id, edge.source.field)]
        target_type = target.spec.inputs[edge.destination.field].type
        if not can_connect(source_type, target_type):
            self.issue(
                "type_mismatch",
                f"cannot connect {edge.source.node_id}.{edge.source.field} ({source_type}) to "
                f"{edge.destination.node_id}.{edge.destination.field} ({target_type})",
                edge.destination.node_id,
                edge.destination.field,
            )

    def _infer_iterate(self, node: PreparedNode, types: dict[tuple[str, str], str]) -> None:
        feeding = [e for e in node.incoming if e.destination.field == "collection"]
        if not feeding:
            return  # a typed-in list was checked with the constants; a missing one is missing_input
        source_type = types[(feeding[0].source.node_id, feeding[0].source.field)]
        item = element_of(source_type)
        if item is None:
            self.issue(
                "bad_iterate",
                f"iterate '{node.id}' needs a list, but its collection is {source_type}",
                node.id,
                "collection",
            )
            return
        types[(node.id, "item")] = item

    def _infer_collect(self, node: PreparedNode, types: dict[tuple[str, str], str]) -> None:
        if not node.incoming:
            self.issue("bad_collect", f"collect '{node.id}' has no incoming edge on 'item'", node.id, "item")
            return
        item_types = [types[(e.source.node_id, e.source.field)] for e in node.incoming]
        common = common_type(item_types)
        if common is None:
            self.issue(
                "bad_collect",
                f"collect '{node.id}' receives values of different types: "
                + ", ".join(sorted(set(item_types))),
                node.id,
                "item",
            )
            return
        types[(node.id, "collection")] = list_of(common) if common != ANY else list_of(ANY)


def _iteration_contexts(
    nodes: dict[str, PreparedNode], order: list[str]
) -> tuple[dict[str, Context], dict[str, Context]]:
    """Which iterate nodes each node runs under (ordered outermost first).

    A node runs once per combination of the iterations of its inputs. ``iterate`` opens a new level for
    what follows it; ``collect`` closes the innermost level of what feeds it.
    """
    position = {node_id: index for index, node_id in enumerate(order)}
    in_ctx: dict[str, Context] = {}
    out_ctx: dict[str, Context] = {}
    for node_id in order:
        node = nodes[node_id]
        merged: set[str] = set()
        for edge in node.incoming:
            merged.update(out_ctx[edge.source.node_id])
        context = tuple(sorted(merged, key=position.__getitem__))
        in_ctx[node_id] = context
        if node.spec.type == ITERATE:
            out_ctx[node_id] = (*context, node_id)
        elif node.spec.type == COLLECT:
            out_ctx[node_id] = context[:-1]
        else:
            out_ctx[node_id] = context
    return in_ctx, out_ctx
