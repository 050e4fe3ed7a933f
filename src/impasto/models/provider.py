"""The node context's view of the model manager: installed models by key, loaded through the cache."""

from __future__ import annotations

from impasto.models.identity import ModelRecord
from impasto.models.loaders.service import LoadedModel, ModelLoader
from impasto.models.records import ModelFilter, ModelRecordService
from impasto.models.taxonomy import BaseModelType, ModelType


class InstalledModels:
    """Implements the engine's ``ModelProvider`` protocol over the records and the loader."""

    def __init__(self, records: ModelRecordService, loader: ModelLoader) -> None:
        self.records = records
        self.loader = loader

    def record(self, key: str) -> ModelRecord:
        """The installed model's record; raises ``NotFoundError`` if there is none."""
        return self.records.get(key)

    def load(self, key: str, submodel: str | None = None) -> LoadedModel:
        """The model or one of its parts, from the model cache (loaded on first use)."""
        return self.loader.load(self.records.get(key), submodel)

    def search(
        self, *, type: str | None = None, base: str | None = None, name: str | None = None
    ) -> list[ModelRecord]:
        """Installed model records matching every given field (``name``: contains, any case)."""
        where = ModelFilter(
            type=ModelType(type) if type else None, base=BaseModelType(base) if base else None, name=name
        )
        return self.records.list(where)
