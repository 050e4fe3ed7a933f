"""Loaders: installed models in, diffusers / transformers / spandrel objects out, through the cache.

Importing this package does not import torch; the loader modules are imported on the first load.
"""

from impasto.models.loaders.base import (
    Loader,
    LoadRequest,
    ModelLoadError,
    SubModel,
    UnsupportedModelError,
)
from impasto.models.loaders.registry import loader_for, register_loader, registered_loaders
from impasto.models.loaders.service import LoadedModel, ModelLoader

__all__ = [
    "LoadRequest",
    "LoadedModel",
    "Loader",
    "ModelLoadError",
    "ModelLoader",
    "SubModel",
    "UnsupportedModelError",
    "loader_for",
    "register_loader",
    "registered_loaders",
]
