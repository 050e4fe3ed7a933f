"""The image store one graph run sees: what its nodes save carries the run's queue item, graph and workflow.

Every image gets the queue item id and node id in its record. Final (non-intermediate) images also get
the executed graph (``impasto_graph``) and, when the graph came from the workflow editor, the workflow
(``impasto_workflow``), so the image alone is enough to run the generation again. Generation metadata
handed over by a node becomes ``impasto_metadata`` and, if configured, the A1111 ``parameters`` chunk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from PIL import Image

from impasto.images.metadata.chunks import generation_chunks
from impasto.images.models import ImageCategory, ImageFacts, ImageOrigin, ImageRecord


class ImageWriter(Protocol):
    """What a run's image store needs of the images service (its ``ImageStorage`` side)."""

    def store(
        self, image: Image.Image, facts: ImageFacts, chunks: Mapping[str, str], *, strict_board: bool
    ) -> ImageRecord: ...

    def load(self, name: str) -> Image.Image: ...


class RunImages:
    """Implements the node context's ``ImageStore`` for one run, on top of the images service."""

    def __init__(
        self,
        storage: ImageWriter,
        item_id: int | None,
        graph: Mapping[str, Any] | None,
        workflow: Mapping[str, Any] | None,
        *,
        write_a1111: bool,
    ) -> None:
        self.storage = storage
        self.item_id = item_id
        self.graph = graph
        self.workflow = workflow
        self.write_a1111 = write_a1111

    def save(
        self,
        image: Image.Image,
        *,
        node_id: str | None = None,
        intermediate: bool = True,
        category: str = "general",
        board_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> str:
        """Store an image a node made; returns its name."""
        final = not intermediate
        chunks = generation_chunks(
            metadata,
            self.graph if final else None,
            self.workflow if final else None,
            a1111=self.write_a1111,
        )
        facts = ImageFacts(
            origin=ImageOrigin.GENERATED,
            category=ImageCategory(category),
            intermediate=intermediate,
            board_id=board_id,
            queue_item_id=self.item_id,
            node_id=node_id,
        )
        return self.storage.store(image, facts, chunks, strict_board=False).image_name

    def load(self, name: str) -> Image.Image:
        """Open a stored image by name; raises ``NotFoundError`` if there is none."""
        return self.storage.load(name)
