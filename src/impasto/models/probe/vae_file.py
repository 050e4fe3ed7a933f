"""VAEs stored as one file (original ``encoder.down.0.block...`` or diffusers ``encoder.down_blocks...``).

16 latent channels (the decoder's input) mean FLUX. SD 1.x/2.x and SDXL VAEs share one architecture
and differ only in their trained weights, so a single file cannot be told apart by its tensors. The
rule: SAI model-spec metadata naming SDXL, else a file name with an "xl" word in it ("sdxl_vae",
"xl-vae-fp16-fix"), means SDXL; anything else is taken as SD 1.x (which SD 2.x also uses).
``details["base_from"]`` says which of these decided.
"""

from __future__ import annotations

import re

from impasto.models.probe.base import Candidate, Found
from impasto.models.probe.weights import Weights
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

_PREFIXES = ("", "first_stage_model.", "vae.")
FLUX_LATENT_CHANNELS = 16
_XL_NAME = re.compile(r"(^|[^a-z])(sd)?xl([^a-z]|$)")


def match_vae_file(candidate: Candidate) -> Found | None:
    """A standalone VAE: encoder and decoder, nothing of a UNet."""
    weights = candidate.weights
    if weights.has_prefix("model.diffusion_model."):
        return None
    for prefix in _PREFIXES:
        decoder_in = weights.shape(prefix + "decoder.conv_in.weight")
        if decoder_in is not None and weights.has(prefix + "encoder.conv_in.weight"):
            latent = decoder_in[1]
            base, base_from = _base(candidate, weights, latent)
            layout = "diffusers" if weights.has_prefix(prefix + "encoder.down_blocks.") else "ldm"
            return Found(
                base=base,
                type=ModelType.VAE,
                format=ModelFormat.CHECKPOINT,
                details={"latent_channels": latent, "layout": layout, "base_from": base_from},
            )
    return None


def _base(candidate: Candidate, weights: Weights, latent: int) -> tuple[BaseModelType, str]:
    if latent == FLUX_LATENT_CHANNELS:
        return BaseModelType.FLUX, "latent channels"
    if latent != 4:
        raise candidate.unrecognised(f"a VAE with {latent} latent channels")
    architecture = weights.metadata.get("modelspec.architecture", "").lower()
    if architecture:
        return (BaseModelType.SDXL if "xl" in architecture else BaseModelType.SD1), "metadata"
    if _XL_NAME.search(candidate.name.lower()):
        return BaseModelType.SDXL, "file name"
    return BaseModelType.SD1, "default"
