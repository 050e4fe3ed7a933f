"""FLUX Redux files and the SigLIP vision encoders Redux reads its reference images with.

A Redux file becomes a :class:`~impasto.models.architectures.flux_redux.FluxReduxEmbedder` holding exactly
its tensors. A SigLIP folder (a vision tower alone, or a whole SigLIP model whose text tower is left
unread) becomes a :class:`~impasto.models.architectures.siglip.SiglipEncoder`: the tower plus the image
processor its folder describes, which must produce images of the size the tower reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from impasto.models.loaders.base import Loader, LoadRequest, ModelLoadError, prepare_module
from impasto.models.loaders.files import read_state_dict
from impasto.models.loaders.registry import register_loader
from impasto.models.probe.flux_redux import REDUX_KEYS
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_PROCESSOR_CONFIG = "preprocessor_config.json"


@register_loader(ModelType.FLUX_REDUX, BaseModelType.FLUX, ModelFormat.CHECKPOINT)
class FluxReduxLoader(Loader):
    """BFL's ``flux1-redux-dev.safetensors`` (``redux_up`` / ``redux_down``)."""

    def load(self, request: LoadRequest) -> Any:
        from impasto.models.architectures.flux_redux import FluxReduxEmbedder

        state = read_state_dict(request.path)
        if set(state) != REDUX_KEYS:
            raise ModelLoadError(
                f"{request.path.name} is not a FLUX Redux file: it holds {', '.join(sorted(state)[:6])}; "
                f"expected exactly {', '.join(sorted(REDUX_KEYS))}"
            )
        state = {k: v.to(request.dtype) for k, v in state.items()}
        try:
            embedder = FluxReduxEmbedder.from_state_dict(state)
        except RuntimeError as exc:
            raise ModelLoadError(f"{request.path.name}: the Redux layers do not fit together: {exc}") from exc
        return prepare_module(embedder)


@register_loader(ModelType.SIGLIP, BaseModelType.ANY, ModelFormat.TRANSFORMERS)
class SiglipLoader(Loader):
    """A transformers SigLIP folder, loaded as its vision tower and image processor."""

    def load(self, request: LoadRequest) -> Any:
        from impasto.models.architectures.siglip import SiglipEncoder, SiglipVisionTower

        tower = SiglipVisionTower.from_pretrained(request.path, dtype=request.dtype, local_files_only=True)
        encoder = SiglipEncoder(prepare_module(tower), processor=None)
        encoder.processor = _processor(request.path, encoder.image_size)
        _check_size(encoder, request.path)
        return encoder


def _processor(folder: Path, image_size: int) -> Any:
    """The folder's image processor, or SigLIP's defaults at the tower's size."""
    from transformers import SiglipImageProcessor

    if (folder / _PROCESSOR_CONFIG).is_file():
        return SiglipImageProcessor.from_pretrained(folder, local_files_only=True)
    return SiglipImageProcessor(size={"height": image_size, "width": image_size})


def _check_size(encoder: Any, folder: Path) -> None:
    size = encoder.processor.size
    made = (size.get("height"), size.get("width")) if encoder.processor.do_resize else None
    if made != (encoder.image_size, encoder.image_size):
        raise ModelLoadError(
            f"{folder / _PROCESSOR_CONFIG} prepares images of {made} (height, width) but the SigLIP tower "
            f"reads {encoder.image_size} x {encoder.image_size} pixels; fix or remove that file"
        )
