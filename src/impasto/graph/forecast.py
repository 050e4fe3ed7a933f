"""What a graph will compute, known before it runs: image sizes and the heavy passes made at them.

A node that makes or changes images or latents may implement :meth:`BaseNode.work_forecast`: given its
typed-in values and what feeds its connected inputs, it says the size of what it outputs (an
:class:`Extent`, in pixels; latents count as the image they decode to) and the heavy passes it makes
(denoising, VAE decoding and encoding, model upscaling). :func:`forecast` walks a prepared graph in order
and collects the passes, so a caller can refuse work too large for its limits or its machine before the
graph is queued. Nothing runs and no model is loaded.

A size that depends on a value known only while running (an edge from a math node, a node without a
forecast) is unknown; nodes check their real sizes again when they run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from impasto.graph.validation import PreparedGraph, PreparedNode

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extent:
    """A size in pixels, and the node inputs that set it (for messages and editors)."""

    width: int
    height: int
    node_id: str | None = None
    fields: tuple[str, ...] = ()

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def scaled(self, factor: float, node_id: str, *fields: str) -> Extent:
        """This extent times ``factor`` along each side (at least one pixel), set by a node's inputs."""
        width, height = (max(1, round(side * factor)) for side in (self.width, self.height))
        return Extent(width, height, node_id, fields)

    def set_by(self) -> str:
        """``node 'noise' (width, height)``: where the size was given."""
        if self.node_id is None:
            return "an unknown input"
        where = f" ({', '.join(self.fields)})" if self.fields else ""
        return f"node '{self.node_id}'{where}"


class PassKind(StrEnum):
    """A heavy operation whose memory and time grow with the image."""

    DENOISE = "denoise"
    DECODE = "decode"
    ENCODE = "encode"
    UPSCALE = "upscale"


@dataclass(frozen=True)
class Pass:
    """One heavy operation a node makes, at a size."""

    kind: PassKind
    extent: Extent
    node_id: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    """What else decides its cost: ``tiled`` for VAE passes; ``model``, ``tile_size``, ``scale`` for
    upscaling."""


@dataclass(frozen=True)
class Forecast:
    """What a node outputs (its size, if known) and the heavy passes it makes."""

    extent: Extent | None = None
    passes: tuple[Pass, ...] = ()


ImageSizes = Callable[[str], tuple[int, int] | None]
"""The size of a stored image by name (None: unknown)."""


class ForecastInputs:
    """What a node's forecast sees: its values and the extents of what feeds its connected inputs."""

    def __init__(
        self,
        node: PreparedNode,
        values: Mapping[str, Any],
        extents: Mapping[str, Extent | None],
        image_sizes: ImageSizes | None,
        read: set[tuple[str, str]],
    ) -> None:
        self.node_id = node.id
        self._node = node
        self._values = values
        self._extents = extents
        self._image_sizes = image_sizes
        self._read = read

    def value(self, name: str) -> Any:
        """The input's typed-in (or batch) value, its default when it has none, None when connected."""
        if name in self._extents:
            return None
        self._read.add((self.node_id, name))
        if name in self._values:
            return self._values[name]
        spec = self._node.spec.inputs.get(name)
        return None if spec is None or spec.required else spec.default

    def extent(self, name: str) -> Extent | None:
        """The extent of what feeds the connected input ``name`` (None: not connected, or unknown)."""
        return self._extents.get(name)

    def connected(self, name: str) -> bool:
        return name in self._extents

    def size(self, *names: str) -> Extent | None:
        """The extent given by two typed-in integer inputs (``size("width", "height")``)."""
        width, height = (self.value(name) for name in names)
        if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
            return Extent(width, height, self.node_id, names)
        return None

    def stored_image(self, name: str) -> Extent | None:
        """The extent of the stored image a typed-in image input names."""
        value = self.value(name)
        image_name = value.get("image_name") if isinstance(value, Mapping) else None
        if not isinstance(image_name, str) or self._image_sizes is None:
            return None
        found = self._image_sizes(image_name)
        return Extent(found[0], found[1], self.node_id, (name,)) if found is not None else None


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
        inputs = ForecastInputs(node, node_values, fed, image_sizes, result.read)
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
