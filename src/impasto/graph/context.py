"""The narrow window through which a node sees the world while it runs.

Nodes never get the service container. They get images and tensors by name, models by key, a way to
report progress, a cancellation check, a logger and the configuration. The engine builds one
:class:`NodeContext` per node run from an :class:`ExecutionServices` bundle supplied by its caller (the
queue worker, the CLI or a test), which is what keeps the engine free of torch, FastAPI and storage.
"""

from __future__ import annotations

import base64
import io
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PIL.Image import Image

    from impasto.config import ImpastoConfig


class CanceledError(Exception):
    """Raised inside a node when its queue item was canceled; the engine stops the graph."""


class ImageStore(Protocol):
    """Where nodes put and find images; edges carry only the names."""

    def save(
        self,
        image: Image,
        *,
        node_id: str | None = None,
        intermediate: bool = True,
        category: str = "general",
        board_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> str:
        """Store an image and return its unique name.

        Intermediate images are kept but hidden from the gallery. ``category`` is one of general, mask,
        control, user or other; ``board_id`` adds the image to a board; ``metadata`` (the JSON of a
        ``GenerationMetadata``) is written into the file for recall.
        """
        ...

    def load(self, name: str) -> Image:
        """Open a stored image by name; raises ``NotFoundError`` if there is none."""
        ...


class TensorStore(Protocol):
    """Where nodes put large numeric values (latents, conditioning) between runs."""

    def save(self, value: Any) -> str:
        """Store a value and return its unique name."""
        ...

    def load(self, name: str) -> Any:
        """The value stored under ``name``; raises ``NotFoundError`` if there is none."""
        ...


class ModelProvider(Protocol):
    """Installed models by key, for the nodes that need them."""

    def record(self, key: str) -> Any:
        """The installed model's record; raises ``NotFoundError`` if there is none."""
        ...

    def load(self, key: str, submodel: str | None = None) -> Any:
        """The model (or one part of a main model), loaded through the model cache.

        The result must be locked (``with loaded.lock() as model:``) while it is in use, which moves it to
        the execution device and keeps the cache from evicting it.
        """
        ...

    def search(
        self, *, type: str | None = None, base: str | None = None, name: str | None = None
    ) -> list[Any]:
        """Installed model records matching every given field (``name``: contains, any case)."""
        ...


@dataclass(frozen=True)
class Progress:
    """One progress report of a running node."""

    percentage: float | None = None
    message: str | None = None
    preview: dict[str, Any] | None = None


ProgressSink = Callable[[str, str, Progress], None]


class CancelToken:
    """Cooperative cancellation shared by the worker and the nodes of one queue item.

    ``poll`` lets a worker also notice cancellations made by another process (the CLI or a second
    server) by looking at the stored item status; it is called at most every ``poll_interval`` seconds.
    """

    def __init__(self, poll: Callable[[], bool] | None = None, poll_interval: float = 0.5) -> None:
        self._event = threading.Event()
        self._poll = poll
        self._poll_interval = poll_interval
        self._last_poll = 0.0
        self.reason: str | None = None

    def cancel(self, reason: str = "canceled") -> None:
        self.reason = self.reason or reason
        self._event.set()

    def is_canceled(self) -> bool:
        if self._event.is_set():
            return True
        now = time.monotonic()
        if self._poll is not None and now - self._last_poll >= self._poll_interval:
            self._last_poll = now
            if self._poll():
                self.cancel("canceled")
        return self._event.is_set()

    def raise_if_canceled(self) -> None:
        if self.is_canceled():
            raise CanceledError(self.reason or "canceled")


@dataclass
class ExecutionServices:
    """What a graph run may use; supplied by whoever runs the graph."""

    config: ImpastoConfig
    images: ImageStore
    tensors: TensorStore | None = None
    models: ModelProvider | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    progress_sink: ProgressSink | None = None
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("impasto.nodes"))
    item_id: int | None = None


class _FixedIntermediate:
    """An image store whose saves are all intermediate, or all not, whatever the node asks: the node's
    ``is_intermediate`` setting wins over the node's own choice."""

    def __init__(self, images: ImageStore, intermediate: bool) -> None:
        self._images = images
        self._intermediate = intermediate

    def save(self, image: Image, **options: Any) -> str:
        return self._images.save(image, **{**options, "intermediate": self._intermediate})

    def load(self, name: str) -> Image:
        return self._images.load(name)


class NodeContext:
    """The services one node run may use."""

    def __init__(
        self, services: ExecutionServices, node_id: str, node_type: str, intermediate: bool | None = None
    ) -> None:
        self._services = services
        self.node_id = node_id
        self.node_type = node_type
        self.images: ImageStore = (
            services.images if intermediate is None else _FixedIntermediate(services.images, intermediate)
        )
        self.config = services.config
        self.logger = logging.LoggerAdapter(services.logger, {"node_id": node_id, "node_type": node_type})

    @property
    def tensors(self) -> TensorStore:
        """Large numeric values by name."""
        if self._services.tensors is None:
            raise RuntimeError("this graph run has no tensor store")
        return self._services.tensors

    @property
    def models(self) -> ModelProvider:
        """Installed models by key."""
        if self._services.models is None:
            raise RuntimeError("this graph run has no model manager")
        return self._services.models

    @property
    def item_id(self) -> int | None:
        return self._services.item_id

    def progress(
        self, percentage: float | None = None, message: str | None = None, preview: Image | None = None
    ) -> None:
        """Report progress (0-100), an optional message and an optional preview image."""
        sink = self._services.progress_sink
        if sink is None:
            return
        encoded = encode_preview(preview) if preview is not None else None
        sink(self.node_id, self.node_type, Progress(percentage, message, encoded))

    def is_canceled(self) -> bool:
        return self._services.cancel.is_canceled()

    def raise_if_canceled(self) -> None:
        """Stop the node (raising :class:`CanceledError`) if its item was canceled."""
        self._services.cancel.raise_if_canceled()


def encode_preview(image: Image, max_side: int = 256) -> dict[str, Any]:
    """A small JPEG data URL of an image, for progress events."""
    preview = image.convert("RGB")
    if max(preview.size) > max_side:
        preview.thumbnail((max_side, max_side))
    buffer = io.BytesIO()
    preview.save(buffer, format="JPEG", quality=80)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {"width": preview.width, "height": preview.height, "data_url": f"data:image/jpeg;base64,{data}"}
