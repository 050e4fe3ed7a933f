"""Training batches drawn on the fly: scene parameters from the CPU, pixels and token ids on the device."""

from __future__ import annotations

import torch

from tools.demo_model.raster import render
from tools.demo_model.scenes import SceneBatch, caption_index, scene_chunk

CHUNK_BATCHES = 64  # scene parameters are sampled for this many steps at a time


class SceneStream:
    """Batch ``step`` of a named stream is a pure function of (seed, stream, batch size, step).

    Parameters are sampled on the CPU (identical on every device) a chunk of batches at a time, copied
    to the device in one transfer, then rendered there. Nothing here depends on earlier calls, so a
    resumed run sees exactly the batches an uninterrupted one would.
    """

    def __init__(self, seed: int, stream: str, batch_size: int, device: torch.device) -> None:
        self.seed, self.stream, self.batch_size, self.device = seed, stream, batch_size, device
        self._chunk_index = -1
        self._chunk: SceneBatch | None = None

    def scenes(self, step: int) -> SceneBatch:
        """Scene parameters of batch ``step``, on the device."""
        index, offset = divmod(step, CHUNK_BATCHES)
        if index != self._chunk_index or self._chunk is None:
            n = self.batch_size * CHUNK_BATCHES
            self._chunk = scene_chunk(self.seed, self.stream, index, n).to(self.device)
            self._chunk_index = index
        return self._chunk.slice(offset * self.batch_size, (offset + 1) * self.batch_size)

    def images(self, step: int) -> torch.Tensor:
        """Images of batch ``step`` as (B, 3, 64, 64) in [-1, 1], the VAE's input range."""
        return render(self.scenes(step)) * 2 - 1

    def batch(self, step: int, token_table: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(images in [-1, 1], caption token ids (B, 16)) of batch ``step``; the table lives on the device."""
        scenes = self.scenes(step)
        return render(scenes) * 2 - 1, token_table[caption_index(scenes)]
