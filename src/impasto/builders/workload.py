"""Refusing work too large for its limits or for this machine, before it is queued.

:class:`WorkloadGuard` forecasts the heavy passes of a graph (:mod:`impasto.graph.forecast`), for every
variant of the sizes its batch data set, and refuses with :class:`~impasto.models.limits.TooLargeError`
(HTTP 422):

- a denoise or VAE pass larger than ``max_image_pixels`` allows for the base of a model in the graph
  (a graph with models of several bases is held to the strictest);
- a pass whose estimated working memory (:mod:`impasto.models.footprint`) is more than the execution
  device has in all: denoising with each main model of the graph, VAE passes tiled when they would not
  fit in one go (as they run), model upscaling in its tiles.

The queue asks it before it stores a batch, so enqueued graphs, the generate and upscale routes and the
CLI get the same answers. Sizes that only running tells are checked again by the nodes as they run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from impasto.config import ImpastoConfig
from impasto.errors import InvalidInputError, NotFoundError
from impasto.graph.forecast import Extent, ImageSizes, Pass, PassKind
from impasto.graph.passes import batch_variants, forecast
from impasto.graph.validation import PreparedGraph
from impasto.images.service import ImageLibrary
from impasto.models.cache.devices import DeviceMemory, known_device_memory
from impasto.models.configs import component_config_for
from impasto.models.footprint import (
    CFG_BATCH,
    dtype_bytes,
    read_component_config,
    read_config_file,
    unet_bytes,
    upscale_bytes,
    vae_bytes,
    vae_dtype_bytes,
)
from impasto.models.identity import ModelRecord
from impasto.models.limits import check_pixels, memory_error
from impasto.models.records import ModelRecordService
from impasto.models.taxonomy import BaseModelType, ModelType
from impasto.queue.models import Batch

logger = logging.getLogger(__name__)

Groups = list[list[tuple[str, str, list[Any]]]]
"""Batch data as ``(node_id, field, items)`` lists, zipped within a group."""
VERBS = {
    PassKind.DENOISE: "denoise",
    PassKind.DECODE: "decode",
    PassKind.ENCODE: "encode",
    PassKind.UPSCALE: "upscale",
}


@dataclass
class GraphModels:
    """The installed models a graph names, with the configs its passes are estimated from."""

    bases: set[BaseModelType] = field(default_factory=set)
    unets: list[dict[str, Any]] = field(default_factory=list)
    vaes: list[dict[str, Any]] = field(default_factory=list)
    records: dict[str, ModelRecord] = field(default_factory=dict)


class WorkloadGuard:
    """Checks graphs against ``max_image_pixels`` and the execution device's memory."""

    def __init__(
        self,
        config: ImpastoConfig,
        records: ModelRecordService,
        image_sizes: ImageSizes | None = None,
        memory: Callable[[], DeviceMemory] | None = None,
    ) -> None:
        self.config = config
        self.records = records
        self.image_sizes = image_sizes
        self.memory = memory or (lambda: known_device_memory(config.device))

    def check_batch(self, batch: Batch, prepared: PreparedGraph) -> None:
        """The queue's admission check: the graph with every variant of its batch data."""
        groups = [[(d.node_id, d.field, list(d.items)) for d in group] for group in batch.data]
        self.check(prepared, groups)

    def check(self, prepared: PreparedGraph, groups: Groups | None = None) -> None:
        """Raise :class:`~impasto.models.limits.TooLargeError` for the first pass that is too large."""
        passes = _unique(self._passes(prepared, groups or []))
        if not passes:
            return
        models = self._models(prepared, groups or [])
        memory = self.memory()
        for work in passes:
            self._check_limit(work, models)
        for work in passes:
            self._check_memory(work, models, memory)

    def _passes(self, prepared: PreparedGraph, groups: Groups) -> Iterator[Pass]:
        first = forecast(prepared, image_sizes=self.image_sizes)
        yield from first.passes
        for variant in batch_variants(first.read, groups):
            yield from forecast(prepared, variant, self.image_sizes).passes

    # -- the models of a graph -----------------------------------------------------------------
    def _models(self, prepared: PreparedGraph, groups: Groups) -> GraphModels:
        values: list[Any] = [node.constants for node in prepared.nodes.values()]
        values += [items for group in groups for _, _, items in group]
        found = GraphModels()
        for key in sorted(set(_model_keys(values))):
            try:
                record = self.records.get(key)
            except NotFoundError:
                continue
            found.records[key] = record
            self._add(found, record)
        return found

    def _add(self, found: GraphModels, record: ModelRecord) -> None:
        if record.type not in (ModelType.MAIN, ModelType.VAE):
            return
        found.bases.add(record.base)
        path = self.records.resolve(record)
        vae = read_component_config(record, path, "vae") or _shipped(record.base, "vae")
        if vae is not None:
            found.vaes.append(vae)
        unet = read_component_config(record, path, "unet") if record.type is ModelType.MAIN else None
        if unet is not None:
            found.unets.append(unet)

    # -- checks ----------------------------------------------------------------------------------
    def _check_limit(self, work: Pass, models: GraphModels) -> None:
        if work.kind is PassKind.UPSCALE:
            return  # no diffusion model: the image nodes' own size limits apply
        subject = f"node '{work.node_id}' would {VERBS[work.kind]}"
        extent = work.extent
        for base in sorted(models.bases):
            check_pixels(
                self.config.max_image_pixels, base, extent.width, extent.height, subject,
                origin=f"size set by {extent.set_by()}", **_where(work),
            )  # fmt: skip

    def _check_memory(self, work: Pass, models: GraphModels, memory: DeviceMemory) -> None:
        need, hint = self._estimate(work, models, memory)
        if need > memory.total:
            error = memory_error(
                f"node '{work.node_id}' would {VERBS[work.kind]}",
                work.extent.width, work.extent.height, need, memory.total, memory.name, hint,
            )  # fmt: skip
            error.details.update(_where(work))
            raise error

    def _estimate(self, work: Pass, models: GraphModels, memory: DeviceMemory) -> tuple[int, str]:
        """Estimated working memory of a pass (the largest over the graph's models) and what to change."""
        width, height = work.extent.width, work.extent.height
        precision = self.config.precision
        if work.kind is PassKind.UPSCALE:
            return self._upscale(work, models, memory)
        if work.kind is PassKind.DENOISE:
            factor = max((_factor(vae) for vae in models.vaes), default=8)
            value_bytes = dtype_bytes(precision, memory.kind)
            needs = [
                unet_bytes(unet, width // factor, height // factor, value_bytes=value_bytes, batch=CFG_BATCH)
                for unet in models.unets
            ]
            return max(needs, default=0), "make the image smaller"
        decode = work.kind is PassKind.DECODE
        needs = []
        for vae in models.vaes:
            value_bytes = vae_dtype_bytes(vae, precision, memory.kind)
            whole = vae_bytes(vae, width, height, value_bytes=value_bytes, decode=decode, tiled=False)
            tiled = bool(work.options.get("tiled")) or width * height > self.config.vae_tile_above_pixels
            tiled = tiled or whole > memory.free
            needs.append(vae_bytes(vae, width, height, value_bytes=value_bytes, decode=decode, tiled=tiled))
        return max(needs, default=0), "make the image smaller"

    def _upscale(self, work: Pass, models: GraphModels, memory: DeviceMemory) -> tuple[int, str]:
        model = work.options.get("model")
        key = model.get("key") if isinstance(model, Mapping) else None
        record = models.records.get(key) if isinstance(key, str) else None
        scale = int(record.details.get("scale") or 1) if record is not None else 4
        tile = work.options.get("tile_size")
        tile = tile if isinstance(tile, int) else 512
        value_bytes = dtype_bytes(self.config.precision, memory.kind)
        width, height = work.extent.width, work.extent.height
        need = upscale_bytes(width, height, scale=scale, tile=tile, value_bytes=value_bytes)
        hint = "upscale in tiles (tile_size 512)" if tile == 0 else "use smaller tiles or a smaller image"
        return need, hint


def stored_image_sizes(images: ImageLibrary) -> ImageSizes:
    """Sizes of the gallery's images by name (None for a name that is not a stored image)."""

    def size(name: str) -> tuple[int, int] | None:
        try:
            record = images.get(name)
        except (NotFoundError, InvalidInputError):
            return None
        return record.width, record.height

    return size


def _where(work: Pass) -> dict[str, Any]:
    """Details that point an editor at the inputs that set a pass's size."""
    extent: Extent = work.extent
    return {
        "node_id": extent.node_id or work.node_id,
        "field": extent.fields[0] if extent.fields else None,
        "pass_node_id": work.node_id,
        "pass": str(work.kind),
    }


def _unique(passes: Iterable[Pass]) -> list[Pass]:
    """One of each pass (batch variants repeat the passes that do not depend on them), largest first."""
    seen: dict[tuple[Any, ...], Pass] = {}
    for work in passes:
        key = (work.kind, work.node_id, work.extent.width, work.extent.height, repr(work.options))
        seen.setdefault(key, work)
    return sorted(seen.values(), key=lambda work: -work.extent.pixels)


def _model_keys(value: Any, depth: int = 0) -> Iterator[str]:
    """Keys of every model reference (``{"key": ..., "submodel": ...}``) in typed-in values."""
    if depth > 6:
        return
    if isinstance(value, Mapping):
        key = value.get("key")
        if isinstance(key, str) and set(value) <= {"key", "submodel"}:
            yield key
        for item in value.values():
            yield from _model_keys(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _model_keys(item, depth + 1)


def _shipped(base: BaseModelType, component: str) -> dict[str, Any] | None:
    folder = component_config_for(base, component)
    return None if folder is None else read_config_file(folder / component / "config.json")


def _factor(vae: Mapping[str, Any]) -> int:
    channels = vae.get("block_out_channels")
    return 2 ** (len(channels) - 1) if isinstance(channels, list) and channels else 8
