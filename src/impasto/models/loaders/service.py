"""The model loading service: installed records in, cached torch objects out.

``ModelLoader.load(record, submodel)`` answers from the model cache or reads the files with the loader
registered for the record's (type, base, format), publishing load events through the cache. The returned
:class:`LoadedModel` is a handle: ``with loaded.lock() as unet:`` gives the model on the execution device
and keeps it there (safe from eviction) until the block ends.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from impasto.errors import ImpastoError
from impasto.models.cache.base import ModelCacheBase
from impasto.models.cache.devices import resolve_dtype
from impasto.models.identity import ModelRecord
from impasto.models.loaders.base import LoadRequest, ModelLoadError, SubModel
from impasto.models.loaders.registry import loader_for

if TYPE_CHECKING:
    import torch

    from impasto.config import ImpastoConfig

logger = logging.getLogger(__name__)


@dataclass
class LoadedModel:
    """A loaded model (in RAM) and the way to use it on the execution device."""

    key: str
    submodel: SubModel | None
    model: Any
    cache: ModelCacheBase

    @contextmanager
    def lock(self) -> Iterator[Any]:
        """The model on the execution device, pinned there until the block ends."""
        if not self.cache.contains(self.key, self.submodel):
            self.cache.put(self.key, self.submodel, self.model)  # evicted from RAM since it was loaded
        with self.cache.lock(self.key, self.submodel) as model:
            yield model


class ModelLoader:
    """Loads installed models (or one submodel of a main model) through the model cache."""

    def __init__(self, cache: ModelCacheBase, models_path: Path, *, precision: str = "auto") -> None:
        self.cache = cache
        self.models_path = models_path
        self.precision = precision

    @classmethod
    def from_config(cls, config: ImpastoConfig, cache: ModelCacheBase) -> ModelLoader:
        return cls(cache, config.models_path, precision=config.precision)

    def load(self, record: ModelRecord, submodel: SubModel | str | None = None) -> LoadedModel:
        """The model or submodel from the cache, read from disk on a miss; errors name the model."""
        part = SubModel(submodel) if submodel is not None else None
        request = self._request(record, part)
        loader = loader_for(record.type, record.base, record.format)

        def read() -> Any:
            try:
                return loader.load(request)
            except ImpastoError:
                raise
            except Exception as exc:
                where = f" ({part})" if part else ""
                raise ModelLoadError(
                    f"loading {record.name!r}{where} from {request.path} failed: {type(exc).__name__}: {exc}"
                ) from exc

        model = self.cache.get_or_load(record.key, part, read)
        return LoadedModel(record.key, part, model, self.cache)

    def submodels(self, record: ModelRecord) -> list[SubModel]:
        """The parts a main model is loaded as (empty for models loaded whole)."""
        loader = loader_for(record.type, record.base, record.format)
        return loader.submodels(self._request(record, None))

    def dtype_for(self, record: ModelRecord) -> torch.dtype:
        """The precision this model's weights are loaded in."""
        device = getattr(self.cache, "execution_device", None)
        if device is None:
            import torch

            device = torch.device("cpu")
        return resolve_dtype(self.precision, device, record.base)

    def model_path(self, record: ModelRecord) -> Path:
        """Absolute path of a record's files (owned models are stored relative to the models folder)."""
        path = Path(record.path).expanduser()
        return path if path.is_absolute() else self.models_path / path

    def _request(self, record: ModelRecord, submodel: SubModel | None) -> LoadRequest:
        path = self.model_path(record)
        if not path.exists():
            raise ModelLoadError(f"the files of model {record.name!r} are missing: {path} does not exist")
        return LoadRequest(record, path, submodel, self.dtype_for(record))
