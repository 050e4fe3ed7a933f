"""What a node will compute, known before it runs: image sizes and the heavy passes made at them.

A node that makes or changes images or latents may implement :meth:`BaseNode.work_forecast`: given its
typed-in values and what feeds its connected inputs, it says the size of what it outputs (an
:class:`Extent`, in pixels; latents count as the image they decode to) and the heavy passes it makes
(denoising, VAE decoding and encoding, model upscaling). :func:`impasto.graph.passes.forecast` walks a
prepared graph in order and collects the passes, so a caller can refuse work too large for its limits or
its machine before the graph is queued. Nothing runs and no model is loaded.

A size that depends on a value known only while running (an edge from a math node, a node without a
forecast) is unknown; nodes check their real sizes again when they run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


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
        node_id: str,
        defaults: Mapping[str, Any],
        values: Mapping[str, Any],
        extents: Mapping[str, Extent | None],
        image_sizes: ImageSizes | None,
        read: set[tuple[str, str]],
    ) -> None:
        self.node_id = node_id
        self._defaults = defaults
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
        return self._defaults.get(name)

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
