"""Image-to-image models spandrel knows: upscalers (ESRGAN, RealESRGAN, SwinIR, ...) and LaMa, an
inpainter. spandrel recognises the architecture from the state dict and returns a descriptor (the module
plus its scale and size requirements): an ``ImageModelDescriptor`` called with an image, or, for an
inpainter, a ``MaskedImageModelDescriptor`` called with an image and a mask. Both are recorded as
``upscaler`` models, told apart by ``details["purpose"]``."""

from __future__ import annotations

from typing import Any

import torch

from impasto.models.loaders.base import Loader, LoadRequest, ModelLoadError, prepare_module
from impasto.models.loaders.files import read_state_dict
from impasto.models.loaders.registry import register_loader
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType


@register_loader(ModelType.UPSCALER, BaseModelType.ANY, ModelFormat.SPANDREL)
class SpandrelLoader(Loader):
    """Any single-image model spandrel supports (upscaler or inpainter), in the requested dtype where the
    architecture can."""

    def load(self, request: LoadRequest) -> Any:
        import spandrel  # type: ignore[import-untyped]

        state = read_state_dict(request.path)
        try:
            descriptor = spandrel.ModelLoader().load_from_state_dict(state)
        except spandrel.UnsupportedModelError as exc:
            raise ModelLoadError(f"{request.path}: not an upscaler architecture spandrel knows") from exc
        if not isinstance(descriptor, spandrel.ImageModelDescriptor | spandrel.MaskedImageModelDescriptor):
            raise ModelLoadError(f"{request.path}: a {descriptor.purpose} model, not an image-to-image one")
        descriptor.to(_supported_dtype(descriptor, request.dtype))
        prepare_module(descriptor.model)
        return descriptor


def _supported_dtype(descriptor: Any, wanted: torch.dtype) -> torch.dtype:
    """Half precision only where the architecture supports it (some produce NaNs in float16)."""
    if wanted is torch.float16 and not descriptor.supports_half:
        return torch.float32
    if wanted is torch.bfloat16 and not descriptor.supports_bfloat16:
        return torch.float32
    return wanted
