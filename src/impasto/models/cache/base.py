"""The model cache's interface: what loaders, generation code and the API may ask of it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from impasto.errors import NotFoundError
from impasto.models.cache.stats import CacheStats, EmptyResult

T = TypeVar("T")


class ModelNotCachedError(NotFoundError):
    """A model was locked or queried that is not in the cache (load it first)."""

    code = "model_not_cached"


class ModelCacheBase(ABC):
    """Keeps loaded models in RAM and on the execution device within budgets, least recently used out."""

    @abstractmethod
    def get_or_load(self, key: str, submodel: str | None, load: Callable[[], T]) -> T:
        """The cached object for (key, submodel), calling ``load`` (once, across threads) on a miss."""

    @abstractmethod
    def put(self, key: str, submodel: str | None, obj: Any) -> None:
        """Add (or replace) an object that lives in RAM, evicting others to stay in the RAM budget."""

    @abstractmethod
    def contains(self, key: str, submodel: str | None = None) -> bool:
        """Whether (key, submodel) is cached."""

    @abstractmethod
    def lock(self, key: str, submodel: str | None = None) -> AbstractContextManager[Any]:
        """Move a cached model to the execution device and keep it there (never evicted) while held."""

    @abstractmethod
    def drop(self, key: str) -> int:
        """Forget every part of a model (its record changed or was deleted); returns entries dropped."""

    @abstractmethod
    def empty(self) -> EmptyResult:
        """Drop everything not in use."""

    @abstractmethod
    def stats(self) -> CacheStats:
        """Budgets, usage, counters and entries."""
