"""Which stored images the unfinished queue items still need.

Clearing intermediate images must not break work that is waiting: a pending item's graph may name an
image (an uploaded mask or control image kept out of the gallery, or an output of an earlier run), and
a running item is still writing its own. Graphs are plain JSON here, so any ``{"image_name": ...}``
value at any depth counts; that also covers custom nodes with their own image fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from impasto.queue.models import ItemStatus, QueueItemSummary
from impasto.queue.service import QueueService

PAGE = 500


@dataclass
class ImagesInUse:
    """Running items (whose new images are kept) and the image names unfinished graphs refer to."""

    running_item_ids: list[int] = field(default_factory=list)
    image_names: set[str] = field(default_factory=set)


def images_in_use(queue: QueueService) -> ImagesInUse:
    """Read every pending and running item once (a rare maintenance call, so simplicity wins)."""
    found = ImagesInUse()
    for summary in _unfinished(queue):
        if summary.status == ItemStatus.IN_PROGRESS:
            found.running_item_ids.append(summary.item_id)
        graph = queue.get(summary.item_id).executed_graph()
        found.image_names.update(image_names(graph.nodes))
    return found


def _unfinished(queue: QueueService) -> Iterator[QueueItemSummary]:
    offset = 0
    while True:
        page = queue.list_items(offset, PAGE, [ItemStatus.PENDING, ItemStatus.IN_PROGRESS])
        yield from page.items
        offset += len(page.items)
        if not page.items or offset >= page.total:
            return


def image_names(value: Any) -> Iterator[str]:
    """Every ``image_name`` string inside a JSON-like value."""
    if isinstance(value, dict):
        name = value.get("image_name")
        if isinstance(name, str):
            yield name
        for item in value.values():
            yield from image_names(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from image_names(item)
