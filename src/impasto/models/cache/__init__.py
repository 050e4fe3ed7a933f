"""The model cache: loaded models kept in RAM and on the execution device, within budgets.

Importing this package does not import torch; the cache does so when it first holds a model.
"""

from impasto.models.cache.base import ModelCacheBase, ModelNotCachedError
from impasto.models.cache.cache import ModelCache
from impasto.models.cache.devices import resolve_device, resolve_dtype
from impasto.models.cache.stats import CacheEntryInfo, CacheStats, EmptyResult

__all__ = [
    "CacheEntryInfo",
    "CacheStats",
    "EmptyResult",
    "ModelCache",
    "ModelCacheBase",
    "ModelNotCachedError",
    "resolve_device",
    "resolve_dtype",
]
