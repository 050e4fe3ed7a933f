"""Main models stored as diffusers folders: each submodel (unet or transformer, text encoders, tokenizers,
vae, scheduler) is loaded on its own from its subfolder, as the class ``model_index.json`` names.

Only classes of diffusers and transformers are instantiated, so a folder cannot make the loader import
arbitrary code. The same helpers load the components of single-file checkpoints' config folders.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from impasto.models.loaders.base import (
    Loader,
    LoadRequest,
    ModelLoadError,
    SubModel,
    prepare_module,
)
from impasto.models.loaders.files import read_json
from impasto.models.loaders.registry import register_loader
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_LIBRARIES = ("diffusers", "transformers")
_WEIGHT_SUFFIXES = (".safetensors", ".bin")
TOKENIZERS = (SubModel.TOKENIZER, SubModel.TOKENIZER_2, SubModel.TOKENIZER_3)
ComponentIndex = dict[SubModel, tuple[str, str]]


def pipeline_index(folder: Path) -> ComponentIndex:
    """The loadable components ``model_index.json`` lists: submodel → (library, class name)."""
    index = read_json(folder / "model_index.json")
    known = {member.value for member in SubModel}
    parts: ComponentIndex = {}
    for name, value in index.items():
        if name in known and isinstance(value, list) and len(value) == 2 and value[0] in _LIBRARIES:
            parts[SubModel(name)] = (str(value[0]), str(value[1]))
    return parts


def component_class(library: str, class_name: str) -> Any:
    """A diffusers or transformers class by name (nothing else may be named)."""
    if library not in _LIBRARIES:
        raise ModelLoadError(f"components from {library!r} are not loaded; only {', '.join(_LIBRARIES)}")
    cls = getattr(importlib.import_module(library), class_name, None)
    if not isinstance(cls, type) or not hasattr(cls, "from_pretrained"):
        raise ModelLoadError(f"{library} has no loadable class {class_name!r}")
    return cls


def repo_variant(folder: Path) -> str | None:
    """The weights variant a component folder holds ("fp16" for ``model.fp16.safetensors``), or None.

    diffusers only finds variant-named files when told the variant; plain files win when both exist.
    """
    names = [p.name for p in folder.iterdir() if p.suffix in _WEIGHT_SUFFIXES] if folder.is_dir() else []
    if not names or any(name.count(".") == 1 for name in names):  # model.safetensors, model-0001-of-0002...
        return None
    return sorted(name.split(".")[-2] for name in names)[0]


def load_component(folder: Path, submodel: SubModel, entry: tuple[str, str], request: LoadRequest) -> Any:
    """One component of a diffusers-format folder, on the CPU in the requested dtype."""
    cls = component_class(*entry)
    if submodel is SubModel.SCHEDULER:
        return cls.from_pretrained(folder, subfolder="scheduler")
    sub = folder / submodel.value
    if submodel in TOKENIZERS:
        return cls.from_pretrained(sub, local_files_only=True)
    kwargs: dict[str, Any] = {"dtype": request.dtype, "local_files_only": True}
    variant = repo_variant(sub)
    if variant:
        kwargs["variant"] = variant
    return prepare_module(cls.from_pretrained(sub, **kwargs))


@register_loader(ModelType.MAIN, BaseModelType.ANY, ModelFormat.DIFFUSERS)
class DiffusersMainLoader(Loader):
    """Any diffusers pipeline folder (SD 1.x, 2.x, SDXL, refiner, SD3, FLUX)."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        index = pipeline_index(request.path)
        return [sub for sub in SubModel if sub in index and (request.path / sub.value).is_dir()]

    def load(self, request: LoadRequest) -> Any:
        submodel = request.require_submodel(self.submodels(request))
        return load_component(request.path, submodel, pipeline_index(request.path)[submodel], request)
