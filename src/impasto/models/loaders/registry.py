"""The loader registry: one small loader class per (type, base, format), registered by decorator.

The built-in loader modules import diffusers and transformers, so they are imported on the first lookup
rather than when this package is imported. A loader registered for base ``any`` serves every base for its
type and format unless a more specific one is registered.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from impasto.models.loaders.base import Loader, UnsupportedModelError
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

LoaderKey = tuple[ModelType, BaseModelType, ModelFormat]
L = TypeVar("L", bound=type[Loader])

_BUILTIN_MODULES = (
    "main",
    "checkpoint",
    "flux",
    "sd3",
    "text_encoders",
    "components",
    "adapters",
    "upscaler",
    "preprocessors",
    "redux",
)
_registry: dict[LoaderKey, type[Loader]] = {}


def register_loader(
    type: ModelType,
    bases: BaseModelType | Iterable[BaseModelType],
    formats: ModelFormat | Iterable[ModelFormat],
) -> Callable[[L], L]:
    """Register a loader class for every combination of the given bases and formats."""
    base_list = [bases] if isinstance(bases, BaseModelType) else list(bases)
    format_list = [formats] if isinstance(formats, ModelFormat) else list(formats)

    def decorate(cls: L) -> L:
        for base in base_list:
            for fmt in format_list:
                key = (type, base, fmt)
                if key in _registry and _registry[key] is not cls:
                    raise ValueError(f"a loader for {key} is already registered: {_registry[key].__name__}")
                _registry[key] = cls
        return cls

    return decorate


@functools.cache
def _load_builtins() -> None:
    for name in _BUILTIN_MODULES:
        importlib.import_module(f"impasto.models.loaders.{name}")


def loader_for(type: ModelType, base: BaseModelType, format: ModelFormat) -> Loader:
    """An instance of the loader for this kind of model, or a clear error naming what is supported."""
    _load_builtins()
    cls = _registry.get((type, base, format)) or _registry.get((type, BaseModelType.ANY, format))
    if cls is None:
        supported = sorted(f"{b}/{f}" for t, b, f in _registry if t == type)
        raise UnsupportedModelError(
            f"no loader for {type} models of base {base} in format {format}; "
            f"supported for {type}: {', '.join(supported) or 'nothing yet'}"
        )
    return cls()


def registered_loaders() -> dict[LoaderKey, type[Loader]]:
    """Every registered (type, base, format) and its loader class."""
    _load_builtins()
    return dict(_registry)
