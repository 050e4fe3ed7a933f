"""FLUX.1 main models stored as one file: BFL's transformer (bare or under ``model.diffusion_model.``),
city96's GGUF transformers, ComfyUI/Forge "all in one" files and bitsandbytes NF4 files.

The transformer is converted from BFL's layout by :mod:`.flux_convert` with its architecture read from
the tensors, so any width or depth loads offline into ``FluxTransformer2DModel``. GGUF transformers stay
quantised (diffusers' GGUF layers dequantise each weight when it is used); NF4 transformers are
dequantised on loading (:mod:`.nf4`), without bitsandbytes. An all-in-one file also holds
the VAE (``vae.``/``first_stage_model.``, original layout), CLIP-L (``text_encoders.clip_l.transformer.``)
and T5 (``text_encoders.t5xxl.transformer.``); each is offered as a submodel only when the file has it.
The scheduler comes from the shipped config of the variant (or ``details["config_path"]``); so do the
tokenizers, T5's being the T5 v1.1 tokenizer Impasto ships unless that folder holds its own.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import torch

from impasto.models.loaders.base import Loader, LoadRequest, ModelLoadError, SubModel, prepare_module
from impasto.models.loaders.checkpoint import checkpoint_config, load_scheduler, single_file
from impasto.models.loaders.files import StateDict, read_json, read_state_dict
from impasto.models.loaders.flux_convert import bfl_to_diffusers, flux_config_from_bfl, is_bfl
from impasto.models.loaders.gguf_file import read_gguf_quantised
from impasto.models.loaders.main import component_class, pipeline_index
from impasto.models.loaders.nf4 import dequantise_state, is_quantised
from impasto.models.loaders.registry import register_loader
from impasto.models.loaders.text_encoders import (
    build_clip,
    build_t5,
    clip_tokenizer_for,
    strip_prefix,
    t5_tokenizer_for,
)
from impasto.models.probe.weights import read_weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

TRANSFORMER_PREFIX = "model.diffusion_model."
CLIP_PREFIX = "text_encoders.clip_l.transformer."
T5_PREFIX = "text_encoders.t5xxl.transformer."
VAE_PREFIXES = ("vae.", "first_stage_model.")
_BUNDLED = {  # submodel → the key prefixes that hold it in an all-in-one file
    SubModel.VAE: VAE_PREFIXES,
    SubModel.TEXT_ENCODER: (CLIP_PREFIX,),
    SubModel.TEXT_ENCODER_2: (T5_PREFIX,),
}
_TOKENIZER_OF = {SubModel.TEXT_ENCODER: SubModel.TOKENIZER, SubModel.TEXT_ENCODER_2: SubModel.TOKENIZER_2}


def bundled_parts(keys: list[str]) -> list[SubModel]:
    """The parts besides the transformer that an all-in-one file holds, with their tokenizers."""
    parts = []
    for part, prefixes in _BUNDLED.items():
        if any(key.startswith(prefixes) for key in keys):
            parts += [part, *([_TOKENIZER_OF[part]] if part in _TOKENIZER_OF else [])]
    return parts


def transformer_state(state: StateDict) -> StateDict:
    """The transformer's tensors: those under ``model.diffusion_model.`` if any are, else all."""
    if any(key.startswith(TRANSFORMER_PREFIX) for key in state):
        return strip_prefix(state, TRANSFORMER_PREFIX)
    return state


def build_transformer(state: StateDict, request: LoadRequest, *, quantised: bool = False) -> Any:
    """A ``FluxTransformer2DModel`` from BFL- or diffusers-layout tensors, never downloading anything.

    BFL files get their config from their shapes (rotary axes from the config folder when they fit);
    diffusers-layout files use the config folder's. diffusers wants a config *folder* for quantised
    loading, so the derived config is written to a temporary one.
    """
    shipped = read_json(checkpoint_config(request) / "transformer" / "config.json")
    if is_bfl(state):
        shapes = {key: logical_shape(tensor) for key, tensor in state.items()}
        axes = tuple(shipped.get("axes_dims_rope") or ())
        config = {"_class_name": "FluxTransformer2DModel", **flux_config_from_bfl(shapes, axes)}
        state = bfl_to_diffusers(state)
    else:
        config = shipped
    kwargs: dict[str, Any] = {"torch_dtype": request.dtype, "local_files_only": True}
    if quantised:
        from diffusers import GGUFQuantizationConfig

        kwargs["quantization_config"] = GGUFQuantizationConfig(compute_dtype=request.dtype)  # type: ignore[no-untyped-call]
    cls = component_class("diffusers", "FluxTransformer2DModel")
    with tempfile.TemporaryDirectory(prefix="impasto-flux-") as folder:
        (Path(folder) / "transformer").mkdir()
        (Path(folder) / "transformer" / "config.json").write_text(json.dumps(config), encoding="utf-8")
        try:
            model = cls.from_single_file(state, config=folder, subfolder="transformer", **kwargs)
        except (ValueError, KeyError, RuntimeError) as exc:
            raise ModelLoadError(f"{request.path}: its transformer could not be loaded: {exc}") from exc
    return prepare_module(model)


def logical_shape(tensor: torch.Tensor) -> tuple[int, ...]:
    """A tensor's shape as the model sees it; a quantised GGUF weight's last dimension counts bytes."""
    return tuple(getattr(tensor, "quant_shape", tensor.shape))


@register_loader(ModelType.MAIN, BaseModelType.FLUX, ModelFormat.CHECKPOINT)
class FluxCheckpointLoader(Loader):
    """A FLUX.1 transformer file (BFL or diffusers layout) and the scheduler of its variant; all-in-one
    files add the VAE, CLIP-L and T5 they hold, with their tokenizers."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        weights = read_weights(request.path) if request.path.is_file() else None
        parts = {
            SubModel.TRANSFORMER,
            SubModel.SCHEDULER,
            *(bundled_parts(list(weights.shapes)) if weights else []),
        }
        return [part for part in SubModel if part in parts]

    def load(self, request: LoadRequest) -> Any:
        submodel = request.require_submodel(self.submodels(request))
        config = checkpoint_config(request)
        if submodel is SubModel.SCHEDULER:
            return load_scheduler(config, pipeline_index(config)[submodel], None)
        if submodel is SubModel.TOKENIZER:
            return clip_tokenizer_for(request)
        if submodel is SubModel.TOKENIZER_2:
            return t5_tokenizer_for(request)
        if submodel is SubModel.TRANSFORMER:
            return self.transformer(request)
        state = read_state_dict(request.path, _BUNDLED[submodel])
        if submodel is SubModel.TEXT_ENCODER:
            return build_clip(strip_prefix(state, CLIP_PREFIX), request)
        if submodel is SubModel.TEXT_ENCODER_2:
            return build_t5(strip_prefix(state, T5_PREFIX), request)
        prefix = next(p for p in VAE_PREFIXES if any(k.startswith(p) for k in state))
        vae = component_class(*pipeline_index(config)[SubModel.VAE])
        return prepare_module(single_file(vae, strip_prefix(state, prefix), config, "vae", request))

    def transformer(self, request: LoadRequest) -> Any:
        return build_transformer(self.transformer_tensors(request), request)

    def transformer_tensors(self, request: LoadRequest) -> StateDict:
        """The transformer's tensors: all of the file's, or those under ``model.diffusion_model.``."""
        weights = read_weights(request.path)
        prefixed = weights is not None and weights.has_prefix(TRANSFORMER_PREFIX)
        state = read_state_dict(request.path, (TRANSFORMER_PREFIX,) if prefixed else None)
        return transformer_state(state)


@register_loader(ModelType.MAIN, BaseModelType.FLUX, ModelFormat.GGUF)
class FluxGgufLoader(Loader):
    """A GGUF FLUX.1 transformer (F16, BF16, Q8_0, Q4_0, Q4_K...; BFL names) and its scheduler."""

    def submodels(self, request: LoadRequest) -> list[SubModel]:
        return [SubModel.TRANSFORMER, SubModel.SCHEDULER]

    def load(self, request: LoadRequest) -> Any:
        submodel = request.require_submodel(self.submodels(request))
        config = checkpoint_config(request)
        if submodel is SubModel.SCHEDULER:
            return load_scheduler(config, pipeline_index(config)[submodel], None)
        state = transformer_state(read_gguf_quantised(request.path))
        quantised = any(hasattr(tensor, "quant_type") for tensor in state.values())
        return build_transformer(state, request, quantised=quantised)


@register_loader(ModelType.MAIN, BaseModelType.FLUX, ModelFormat.BNB_NF4)
class FluxNf4Loader(FluxCheckpointLoader):
    """A bitsandbytes NF4 file: lllyasviel's all-in-one ``flux1-dev-bnb-nf4`` (v1 with nested absmaxes,
    v2 without) or InvokeAI's bare quantised transformer. The 4-bit weights are dequantised by
    :mod:`.nf4` into ordinary ones of the requested dtype, so it loads on any machine, CPU included, and
    takes the memory of the unquantised transformer; the other parts load like an all-in-one file's."""

    def transformer(self, request: LoadRequest) -> Any:
        state = self.transformer_tensors(request)
        if not is_quantised(state):
            raise ModelLoadError(f"{request.path.name} was recorded as NF4 but holds no 4-bit weights")
        return build_transformer(dequantise_state(state, request.dtype), request)
