"""The heavy passes of a whole graph, forecast before it runs.

:func:`forecast` walks a prepared graph in order, asks each node's :meth:`BaseNode.work_forecast` (see
:mod:`impasto.graph.forecast`) with the sizes flowing in along its edges, and collects the passes, so a
caller can refuse work too large for its limits or its machine before the graph is queued.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from impasto.graph.forecast import Extent, Forecast, ForecastInputs, ImageSizes, Pass
from impasto.graph.validation import PreparedGraph, PreparedNode

logger = logging.getLogger(__name__)


@dataclass
class GraphForecast:
    """Every pass of a graph, and which typed-in inputs the forecasts read."""

    passes: list[Pass] = field(default_factory=list)
    read: set[tuple[str, str]] = field(default_factory=set)


def forecast(
    prepared: PreparedGraph,
    values: Mapping[tuple[str, str], Any] | None = None,
    image_sizes: ImageSizes | None = None,
) -> GraphForecast:
    """The passes of a prepared graph, with ``values`` (``(node_id, field)``) replacing typed-in inputs."""
    overrides = values or {}
    extents: dict[str, Extent | None] = {}
    result = GraphForecast()
    for node_id in prepared.order:
        node = prepared.nodes[node_id]
        node_values = {**node.constants}
        node_values.update({f: v for (n, f), v in overrides.items() if n == node_id})
        fed = {edge.destination.field: extents.get(edge.source.node_id) for edge in node.incoming}
        defaults = {name: spec.default for name, spec in node.spec.inputs.items() if not spec.required}
        inputs = ForecastInputs(node_id, defaults, node_values, fed, image_sizes, result.read)
        found = _node_forecast(node, inputs)
        extents[node_id] = found.extent
        result.passes.extend(found.passes)
    return result


def _node_forecast(node: PreparedNode, inputs: ForecastInputs) -> Forecast:
    hook = getattr(node.spec.node_class, "work_forecast", None)
    if not callable(hook):
        return Forecast()
    try:
        found = hook(inputs)
    except Exception:  # a node's bad forecast must not stop the graph: it is checked again when it runs
        logger.warning("the forecast of node '%s' (%s) failed", node.id, node.spec.type, exc_info=True)
        return Forecast()
    return found if isinstance(found, Forecast) else Forecast()


def batch_variants(
    read: set[tuple[str, str]], groups: list[list[tuple[str, str, list[Any]]]]
) -> Iterator[dict[tuple[str, str], Any]]:
    """Value sets worth forecasting for a batch: each distinct row of each group that sets an input a
    forecast read (groups are zipped lists of ``(node_id, field, items)``; other inputs keep their value).
    """
    seen: set[str] = set()
    for group in groups:
        relevant = [(node_id, name, items) for node_id, name, items in group if (node_id, name) in read]
        if not relevant:
            continue
        for index in range(len(relevant[0][2])):
            row = {(node_id, name): items[index] for node_id, name, items in relevant}
            key = repr(sorted(row.items(), key=lambda item: item[0]))
            if key not in seen:
                seen.add(key)
                yield row
