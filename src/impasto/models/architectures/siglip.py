"""A SigLIP vision encoder as a loaded model: the vision tower and the image processor that feeds it.

The tower is transformers' ``SiglipVisionModel``. A whole SigLIP model's folder (text tower included, as
``google/siglip-so400m-patch14-384`` is published) loads into it too: its weights keep the vision tower
under the same ``vision_model.`` names, and :class:`SiglipVisionTower` leaves the text tower's weights
unread without reporting each of them as unexpected. Images are prepared by transformers'
``SiglipImageProcessor`` with the folder's ``preprocessor_config.json``, or with SigLIP's defaults (bicubic
resize to the encoder's square size, pixel values scaled to [-1, 1]) when the folder has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from transformers import SiglipVisionModel


class SiglipVisionTower(SiglipVisionModel):  # type: ignore[no-untyped-call]
    """transformers' SigLIP vision model, which skips a whole model's text-tower weights quietly."""

    _keys_to_ignore_on_load_unexpected = [r"^text_model\.", r"^logit_(scale|bias)$"]


@dataclass
class SiglipEncoder:
    """A loaded SigLIP vision tower with its image processor (the cache moves ``model`` to the device)."""

    model: Any  # SiglipVisionModel (an nn.Module: what the cache moves)
    processor: Any  # transformers.SiglipImageProcessor

    @property
    def image_size(self) -> int:
        """Pixels per side of the square images the tower reads."""
        return int(self.model.config.image_size)

    @property
    def hidden_size(self) -> int:
        """The width of each image token it gives."""
        return int(self.model.config.hidden_size)

    @property
    def grid(self) -> int:
        """Patches per side: the tower gives ``grid * grid`` tokens (27 for so400m at 384 px)."""
        return self.image_size // int(self.model.config.patch_size)
