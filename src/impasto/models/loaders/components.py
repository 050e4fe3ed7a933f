"""Standalone components: VAEs, ControlNets, T2I-Adapters and text/image encoder folders.

Diffusers folders are loaded with the class their ``config.json`` names. Single files (VAE, ControlNet)
go through diffusers' single-file conversion with a shipped config for their base, or the record's
``details["config_path"]`` (a folder holding ``config.json`` or ``<component>/config.json``).
T2I-Adapters exist only as diffusers folders here: diffusers has no converter for TencentARC's originals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impasto.models.configs import component_config_for
from impasto.models.loaders.base import (
    Loader,
    LoadRequest,
    ModelLoadError,
    SubModel,
    UnsupportedModelError,
    prepare_module,
)
from impasto.models.loaders.checkpoint import single_file
from impasto.models.loaders.files import read_json, read_state_dict
from impasto.models.loaders.main import TOKENIZERS, component_class, repo_variant
from impasto.models.loaders.registry import register_loader
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_SINGLE_FILE_BASES = (BaseModelType.SD1, BaseModelType.SD2, BaseModelType.SDXL, BaseModelType.FLUX)
_ENCODER_PARTS = (SubModel.TEXT_ENCODER, SubModel.TEXT_ENCODER_2, *TOKENIZERS)


def component_folder(path: Path, component: str) -> Path:
    """The folder holding a component's ``config.json``: the path itself or its ``<component>/``."""
    for folder in (path, path / component):
        if (folder / "config.json").is_file():
            return folder
    raise ModelLoadError(f"{path} has no config.json (nor {component}/config.json)")


def load_diffusers_component(folder: Path, request: LoadRequest) -> Any:
    """A diffusers model folder, instantiated as the class its config names."""
    config = read_json(folder / "config.json")
    cls = component_class("diffusers", str(config.get("_class_name", "")))
    kwargs: dict[str, Any] = {"dtype": request.dtype, "local_files_only": True}
    variant = repo_variant(folder)
    if variant:
        kwargs["variant"] = variant
    return prepare_module(cls.from_pretrained(folder, **kwargs))


def single_file_component(request: LoadRequest, component: str, prefixes: tuple[str, ...] | None) -> Any:
    """A component stored as one file, converted with a local config (the record's or the shipped one)."""
    config = request.config_path or component_config_for(request.record.base, component)
    if config is None:
        raise UnsupportedModelError(f"no shipped {component} config for base {request.record.base}")
    folder = component_folder(config, component)
    subfolder = component if folder != config else ""
    config_class = read_json(folder / "config.json").get("_class_name", "")
    state = read_state_dict(request.path, prefixes)
    if not state:
        raise ModelLoadError(f"{request.path} holds no {component} weights")
    cls = component_class("diffusers", str(config_class))
    return prepare_module(single_file(cls, state, config, subfolder, request))


@register_loader(ModelType.VAE, BaseModelType.ANY, ModelFormat.DIFFUSERS)
class DiffusersVaeLoader(Loader):
    """A VAE folder (``config.json`` + weights), or a pipeline folder's ``vae/``."""

    def load(self, request: LoadRequest) -> Any:
        return load_diffusers_component(component_folder(request.path, "vae"), request)


@register_loader(ModelType.VAE, _SINGLE_FILE_BASES, ModelFormat.CHECKPOINT)
class VaeCheckpointLoader(Loader):
    """A VAE file in the original layout (``encoder.down...``), bare or under ``first_stage_model.``."""

    def load(self, request: LoadRequest) -> Any:
        return single_file_component(request, "vae", None)


@register_loader(ModelType.CONTROLNET, BaseModelType.ANY, ModelFormat.DIFFUSERS)
class DiffusersControlNetLoader(Loader):
    """A ControlNet folder (ControlNetModel, or any ControlNet class diffusers has)."""

    def load(self, request: LoadRequest) -> Any:
        return load_diffusers_component(component_folder(request.path, "controlnet"), request)


@register_loader(ModelType.CONTROLNET, _SINGLE_FILE_BASES[:3], ModelFormat.CHECKPOINT)
class ControlNetCheckpointLoader(Loader):
    """A ControlNet file: lllyasviel's original layout (``control_model.``) or diffusers' keys."""

    def load(self, request: LoadRequest) -> Any:
        return single_file_component(request, "controlnet", None)


@register_loader(ModelType.T2I_ADAPTER, BaseModelType.ANY, ModelFormat.DIFFUSERS)
class DiffusersT2IAdapterLoader(Loader):
    """A T2I-Adapter folder."""

    def load(self, request: LoadRequest) -> Any:
        return load_diffusers_component(component_folder(request.path, "adapter"), request)


@register_loader(ModelType.T5_ENCODER, BaseModelType.ANY, ModelFormat.TRANSFORMERS)
@register_loader(ModelType.CLIP_EMBED, BaseModelType.ANY, (ModelFormat.TRANSFORMERS, ModelFormat.DIFFUSERS))
@register_loader(ModelType.CLIP_VISION, BaseModelType.ANY, (ModelFormat.TRANSFORMERS, ModelFormat.DIFFUSERS))
class EncoderFolderLoader(Loader):
    """A transformers encoder folder: one model (``config.json`` naming its class) loaded whole, or
    ``text_encoder*/`` and ``tokenizer*/`` subfolders loaded as submodels (FLUX's T5 and CLIP-L)."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        if (request.path / "config.json").is_file():
            return []
        return [part for part in _ENCODER_PARTS if (request.path / part.value).is_dir()]

    def load(self, request: LoadRequest) -> Any:
        parts = self.submodels(request)
        if not parts:
            return _transformers_model(request.path, request)
        part = request.require_submodel(parts)
        folder = request.path / part.value
        if part in TOKENIZERS:
            from transformers import AutoTokenizer

            return AutoTokenizer.from_pretrained(folder, local_files_only=True)
        return _transformers_model(folder, request)


def _transformers_model(folder: Path, request: LoadRequest) -> Any:
    architectures = read_json(folder / "config.json").get("architectures") or []
    if not architectures:
        raise ModelLoadError(f"{folder}/config.json names no model class (`architectures`)")
    cls = component_class("transformers", str(architectures[0]))
    return prepare_module(cls.from_pretrained(folder, dtype=request.dtype, local_files_only=True))
