"""Stable Diffusion 3.5 single files (Stability AI's layout), loaded offline with a shipped config folder.

The transformer goes through diffusers' SD3 converter (it reads every size from the tensors) with the
``sd35-medium`` or ``sd35-large`` config, or the record's ``details["config_path"]``; the VAE through its
single-file conversion of the original layout. The text encoders are stored in transformers' own key
layout under ``text_encoders.<name>.transformer.``, so they are built from their config and given the
file's tensors as they are. A CLIP-L without a ``text_projection`` (Stability AI's reference code does
not project its pooled output) gets the identity.

Which parts a file offers follows from its keys: the transformer-only releases need the text encoders
and VAE from elsewhere (the loader node's overrides). T5 needs its SentencePiece tokenizer, which is
not shipped; it is offered only when the config folder has a ``tokenizer_3``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impasto.models.loaders.base import Loader, LoadRequest, ModelLoadError, SubModel, prepare_module
from impasto.models.loaders.checkpoint import checkpoint_config, load_scheduler, single_file
from impasto.models.loaders.clip_tokenizer import tokenizer_from_folder
from impasto.models.loaders.files import StateDict, read_state_dict
from impasto.models.loaders.main import component_class, pipeline_index
from impasto.models.loaders.registry import register_loader
from impasto.models.probe.sd3_file import MARKER
from impasto.models.probe.weights import read_weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

TRANSFORMER_PREFIX = "model.diffusion_model."
VAE_PREFIX = "first_stage_model."
ENCODERS = {  # encoder → (its key prefix in the file, its tokenizer)
    SubModel.TEXT_ENCODER: ("text_encoders.clip_l.transformer.", SubModel.TOKENIZER),
    SubModel.TEXT_ENCODER_2: ("text_encoders.clip_g.transformer.", SubModel.TOKENIZER_2),
    SubModel.TEXT_ENCODER_3: ("text_encoders.t5xxl.transformer.", SubModel.TOKENIZER_3),
}
_TIED = "encoder.embed_tokens.weight"  # T5's input embedding, the same tensor as ``shared.weight``


@register_loader(ModelType.MAIN, BaseModelType.SD3, ModelFormat.CHECKPOINT)
class SD3CheckpointLoader(Loader):
    """An SD 3.5 file: transformer and scheduler always; VAE and text encoders when the file has them."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        weights = read_weights(request.path)
        if weights is None:
            raise ModelLoadError(f"{request.path} is not a weights file")
        config = checkpoint_config(request)
        parts = [SubModel.TRANSFORMER, SubModel.SCHEDULER]
        if weights.has_prefix(VAE_PREFIX):
            parts.append(SubModel.VAE)
        for encoder, (prefix, tokenizer) in ENCODERS.items():
            if weights.has_prefix(prefix) and (config / tokenizer.value).is_dir():
                parts += [encoder, tokenizer]
        return [part for part in SubModel if part in parts]

    def load(self, request: LoadRequest) -> Any:
        submodel = request.require_submodel(self.submodels(request))
        config = checkpoint_config(request)
        entry = pipeline_index(config).get(submodel)
        if entry is None:
            raise ModelLoadError(f"the config folder {config} has no {submodel} in its model_index.json")
        if submodel is SubModel.SCHEDULER:
            return load_scheduler(config, entry, None)
        if submodel in (SubModel.TOKENIZER, SubModel.TOKENIZER_2):
            return tokenizer_from_folder(config / submodel.value)
        if submodel is SubModel.TOKENIZER_3:
            return component_class(*entry).from_pretrained(config / submodel.value, local_files_only=True)
        if submodel in ENCODERS:
            return _text_encoder(request, config, submodel, entry)
        if submodel is SubModel.VAE:
            state = read_state_dict(request.path, (VAE_PREFIX,))
            return prepare_module(single_file(component_class(*entry), state, config, "vae", request))
        return _transformer(request, config, entry)


def _transformer(request: LoadRequest, config: Path, entry: tuple[str, str]) -> Any:
    """The MMDiT, under ``model.diffusion_model.`` or (transformer-only files) bare."""
    weights = read_weights(request.path)
    prefixed = weights is not None and weights.has(TRANSFORMER_PREFIX + MARKER)
    if prefixed:
        state = read_state_dict(request.path, (TRANSFORMER_PREFIX,))
    else:
        others = (VAE_PREFIX, "text_encoders.")
        state = {k: v for k, v in read_state_dict(request.path).items() if not k.startswith(others)}
    if not state:
        raise ModelLoadError(f"{request.path} has no SD 3 transformer weights")
    return prepare_module(single_file(component_class(*entry), state, config, "transformer", request))


def _text_encoder(request: LoadRequest, config: Path, submodel: SubModel, entry: tuple[str, str]) -> Any:
    """A transformers encoder built from its config with the file's tensors (no conversion needed)."""
    import torch
    from accelerate import init_empty_weights  # type: ignore[import-untyped]

    prefix = ENCODERS[submodel][0]
    state: StateDict = {
        key[len(prefix) :]: tensor.to(request.dtype)
        for key, tensor in read_state_dict(request.path, (prefix,)).items()
    }
    cls = component_class(*entry)
    with init_empty_weights():
        model = cls(cls.config_class.from_pretrained(config / submodel.value, local_files_only=True))
    if "text_projection.weight" not in state and hasattr(model, "text_projection"):
        width = model.text_projection.in_features
        state["text_projection.weight"] = torch.eye(width, dtype=request.dtype)
    result = model.load_state_dict(state, strict=False, assign=True)
    missing = [key for key in result.missing_keys if key != _TIED]
    if missing or result.unexpected_keys:
        raise ModelLoadError(
            f"{request.path}: its {submodel} does not match the {config.name} config "
            f"(missing {missing[:5]}, unexpected {result.unexpected_keys[:5]})"
        )
    if _TIED in result.missing_keys:
        model.tie_weights()
    return prepare_module(model)
