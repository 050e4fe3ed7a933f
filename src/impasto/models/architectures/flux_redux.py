"""The FLUX.1 Redux image embedder: SigLIP image tokens in, FLUX text-stream tokens out.

BFL's model is two linear layers with a SiLU between them: ``redux_up`` widens each 1152-wide SigLIP token
to 3 x 4096, ``redux_down`` narrows it to 4096, the width of the T5 tokens the FLUX transformer reads.
The layers are sized from the file, so a file of other widths loads as it is and the widths are checked
where the model is used.
"""

from __future__ import annotations

import torch
from torch import nn


class FluxReduxEmbedder(nn.Module):
    """``redux_down(silu(redux_up(x)))``: (B, N, image_width) → (B, N, width)."""

    def __init__(self, image_width: int, hidden: int, width: int) -> None:
        super().__init__()
        self.redux_up = nn.Linear(image_width, hidden)
        self.redux_down = nn.Linear(hidden, width)

    @property
    def image_width(self) -> int:
        """The width of the image tokens it takes (the SigLIP encoder's hidden size)."""
        return int(self.redux_up.in_features)

    @property
    def width(self) -> int:
        """The width of the tokens it gives (the FLUX transformer's text width)."""
        return int(self.redux_down.out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.redux_down(nn.functional.silu(self.redux_up(x)))  # type: ignore[no-any-return]

    @classmethod
    def from_state_dict(cls, state: dict[str, torch.Tensor]) -> FluxReduxEmbedder:
        """The embedder holding exactly ``state``'s tensors (built without initialising random weights)."""
        hidden, image_width = state["redux_up.weight"].shape
        width = state["redux_down.weight"].shape[0]
        with torch.device("meta"):
            module = cls(int(image_width), int(hidden), int(width))
        module.load_state_dict(state, strict=True, assign=True)
        return module
