"""Main models stored as one original-layout file (SD 1.x, SD 2.x, SDXL, SDXL refiner), loaded
fully offline with diffusers' single-file conversion and a config folder shipped in the package.

Each submodel reads only its own tensors (by key prefix) from a safetensors file, so asking for the VAE
does not read the UNet. ``details["config_path"]`` on the record replaces the shipped config folder (a
fine-tune with a changed architecture, or the tiny models of the tests).

FLUX files have their own loaders (:mod:`.flux`), which share the helpers here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impasto.models.configs import config_folder, config_name_for
from impasto.models.loaders.base import (
    Loader,
    LoadRequest,
    ModelLoadError,
    SubModel,
    UnsupportedModelError,
    prepare_module,
)
from impasto.models.loaders.clip_tokenizer import tokenizer_from_folder
from impasto.models.loaders.files import StateDict, read_state_dict
from impasto.models.loaders.main import TOKENIZERS, component_class, pipeline_index
from impasto.models.loaders.registry import register_loader
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, PredictionType

UNET_PREFIX = "model.diffusion_model."
VAE_PREFIXES = ("first_stage_model.", "vae.")
TEXT_PREFIXES: dict[tuple[BaseModelType, SubModel], str] = {
    (BaseModelType.SD1, SubModel.TEXT_ENCODER): "cond_stage_model.transformer.",
    (BaseModelType.SD2, SubModel.TEXT_ENCODER): "cond_stage_model.model.",
    (BaseModelType.SDXL, SubModel.TEXT_ENCODER): "conditioner.embedders.0.",
    (BaseModelType.SDXL, SubModel.TEXT_ENCODER_2): "conditioner.embedders.1.",
    (BaseModelType.SDXL_REFINER, SubModel.TEXT_ENCODER_2): "conditioner.embedders.0.",
}
_SD_BASES = (BaseModelType.SD1, BaseModelType.SD2, BaseModelType.SDXL, BaseModelType.SDXL_REFINER)


def checkpoint_config(request: LoadRequest) -> Path:
    """The diffusers-format config folder for a single-file main model: the record's, else shipped."""
    if request.config_path is not None:
        if not (request.config_path / "model_index.json").is_file():
            raise ModelLoadError(f"config_path {request.config_path} is not a diffusers-format folder")
        return request.config_path
    record = request.record
    name = config_name_for(record.base, record.variant, record.prediction_type)
    if name is None:
        raise UnsupportedModelError(f"no shipped config for {record.base} single-file models")
    return config_folder(name)


def load_scheduler(config: Path, entry: tuple[str, str], prediction: PredictionType | None) -> Any:
    """The config's scheduler, with the prediction type identification found if it differs."""
    scheduler = component_class(*entry).from_pretrained(config, subfolder="scheduler")
    wanted = prediction.value if prediction in (PredictionType.EPSILON, PredictionType.V_PREDICTION) else None
    if wanted and scheduler.config.get("prediction_type") != wanted:
        scheduler = type(scheduler).from_config(scheduler.config, prediction_type=wanted)
    return scheduler


@register_loader(ModelType.MAIN, _SD_BASES, ModelFormat.CHECKPOINT)
class StableDiffusionCheckpointLoader(Loader):
    """SD 1.x / 2.x / SDXL / refiner single files: every submodel the config folder names."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        index = pipeline_index(checkpoint_config(request))
        return [sub for sub in SubModel if sub in index]

    def load(self, request: LoadRequest) -> Any:
        submodel = request.require_submodel(self.submodels(request))
        config = checkpoint_config(request)
        entry = pipeline_index(config)[submodel]
        if submodel is SubModel.SCHEDULER:
            return load_scheduler(config, entry, request.record.prediction_type)
        if submodel in TOKENIZERS:
            return tokenizer_from_folder(config / submodel.value)
        if submodel in (SubModel.TEXT_ENCODER, SubModel.TEXT_ENCODER_2):
            return self._text_encoder(request, config, submodel, entry)
        prefixes = (UNET_PREFIX,) if submodel is SubModel.UNET else VAE_PREFIXES
        state = _read(request, prefixes)
        cls = component_class(*entry)
        return prepare_module(single_file(cls, state, config, submodel.value, request))

    def _text_encoder(
        self, request: LoadRequest, config: Path, submodel: SubModel, entry: tuple[str, str]
    ) -> Any:
        from diffusers.loaders.single_file_utils import create_diffusers_clip_model_from_ldm

        prefix = TEXT_PREFIXES[(request.record.base, submodel)]
        state = _read(request, (prefix,))
        try:
            model = create_diffusers_clip_model_from_ldm(  # type: ignore[no-untyped-call]
                component_class(*entry),
                state,
                subfolder=submodel.value,
                config=str(config),
                torch_dtype=request.dtype,
                local_files_only=True,
            )
        except ValueError as exc:
            raise ModelLoadError(f"{request.path}: its {submodel} could not be converted: {exc}") from exc
        return prepare_module(model)


def single_file(cls: Any, state: StateDict, config: Path, subfolder: str, request: LoadRequest) -> Any:
    """``cls.from_single_file`` on tensors already read, offline, with a local config folder."""
    try:
        return cls.from_single_file(
            state, config=str(config), subfolder=subfolder, dtype=request.dtype, local_files_only=True
        )
    except (ValueError, KeyError, RuntimeError) as exc:
        raise ModelLoadError(f"{request.path}: its {subfolder} could not be loaded: {exc}") from exc


def _read(request: LoadRequest, prefixes: tuple[str, ...]) -> StateDict:
    state = read_state_dict(request.path, prefixes)
    if not state:
        raise ModelLoadError(
            f"{request.path} has no {request.submodel} weights (no keys starting with {', '.join(prefixes)})"
        )
    return state
