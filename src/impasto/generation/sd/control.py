"""ControlNet and T2I-Adapter units applied inside the denoise loop.

A unit is active from step ``floor(begin * n)`` to step ``ceil(end * n)`` of the run's n steps; the
residuals of the units active at a step are summed. ControlNet control modes are InvokeAI's: "more_prompt"
and "more_control" scale the residuals down towards the shallow blocks (diffusers' guess mode),
"more_control" and "unbalanced" apply the control to the positive half of the guidance batch only, which
strengthens it by the guidance scale; "balanced" does neither. A T2I-Adapter runs once per run, before
the loop, and its features are added to the UNet's down blocks while it is active.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from PIL import Image

if TYPE_CHECKING:
    import torch

    from impasto.generation.sd.cond_batch import ConditioningBatch

ControlMode = Literal["balanced", "more_prompt", "more_control", "unbalanced"]
ResizeMode = Literal["just_resize", "crop_resize", "fill_resize", "just_resize_simple"]
_FEW_COLORS = 64
_BLACK_AND_WHITE = {(0, 0, 0), (255, 255, 255)}


def active(begin: float, end: float, position: tuple[int, int]) -> bool:
    """Whether a unit spanning ``begin``..``end`` (fractions of the run) applies at step ``position``."""
    index, total = position
    return math.floor(begin * total) <= index <= math.ceil(end * total)


@dataclass
class ControlUnit:
    """One ControlNet: the model (locked for the run), its image tensor and when and how it applies."""

    model: Any
    image: torch.Tensor  # (1, 3, H, W) in [0, 1] on the device
    weight: float
    begin: float = 0.0
    end: float = 1.0
    mode: ControlMode = "balanced"

    @property
    def soft(self) -> bool:
        return self.mode in ("more_prompt", "more_control")

    @property
    def positive_only(self) -> bool:
        return self.mode in ("more_control", "unbalanced")


@dataclass
class AdapterUnit:
    """One T2I-Adapter: the model, its image tensor, and its features once computed."""

    model: Any
    image: torch.Tensor  # (1, 3, H, W) in [0, 1] on the device
    weight: float
    begin: float = 0.0
    end: float = 1.0
    features: list[torch.Tensor] = field(default_factory=list)

    def prepare(self) -> None:
        """Run the adapter on its image once (its features do not depend on the step)."""
        import torch

        with torch.no_grad():
            self.features = [f * self.weight for f in self.model(self.image)]


def controlnet_residuals(
    units: list[ControlUnit],
    model_input: torch.Tensor,
    t: torch.Tensor,
    cond: ConditioningBatch,
    position: tuple[int, int],
) -> tuple[list[torch.Tensor] | None, torch.Tensor | None]:
    """The summed down-block and mid-block residuals of the units active at this step."""
    down: list[torch.Tensor] | None = None
    mid: torch.Tensor | None = None
    for unit in units:
        if not active(unit.begin, unit.end, position):
            continue
        unit_down, unit_mid = _run_controlnet(unit, model_input, t, cond)
        if down is None or mid is None:
            down, mid = unit_down, unit_mid
        else:
            down = [a + b for a, b in zip(down, unit_down, strict=True)]
            mid = mid + unit_mid
    return down, mid


def _run_controlnet(
    unit: ControlUnit, model_input: torch.Tensor, t: torch.Tensor, cond: ConditioningBatch
) -> tuple[list[torch.Tensor], torch.Tensor]:
    import torch

    batch = model_input.shape[0]
    positive_only = unit.positive_only and batch > 1
    sample, used = (model_input[1:], cond.positive_only()) if positive_only else (model_input, cond)
    if used.attention_mask is None:
        down, mid = _controlnet_call(unit, sample, t, used)
    else:
        # ControlNetModel takes no encoder attention mask, so prompts of different lengths run one by
        # one without their padding: the same residuals as unpadded prompts, as the UNet sees them.
        parts = [_controlnet_call(unit, sample[i : i + 1], t, row) for i, row in enumerate(used.rows())]
        down = [torch.cat(blocks) for blocks in zip(*(part[0] for part in parts), strict=True)]
        mid = torch.cat([part[1] for part in parts])
    if positive_only:
        down = [torch.cat([torch.zeros_like(d), d]) for d in down]
        mid = torch.cat([torch.zeros_like(mid), mid])
    return list(down), mid


def _controlnet_call(
    unit: ControlUnit, sample: torch.Tensor, t: torch.Tensor, cond: ConditioningBatch
) -> tuple[list[torch.Tensor], torch.Tensor]:
    kwargs: dict[str, Any] = {"encoder_hidden_states": cond.embeds}
    if cond.added_cond is not None:
        kwargs["added_cond_kwargs"] = cond.added_cond
    image = unit.image.expand(sample.shape[0], -1, -1, -1)
    down, mid = unit.model(
        sample, t, controlnet_cond=image, conditioning_scale=unit.weight, guess_mode=unit.soft,
        return_dict=False, **kwargs,
    )  # fmt: skip
    return list(down), mid


def adapter_residuals(units: list[AdapterUnit], batch: int, position: tuple[int, int]) -> list[Any] | None:
    """The summed T2I-Adapter features of the units active at this step, repeated for the batch."""
    summed: list[torch.Tensor] | None = None
    for unit in units:
        if not active(unit.begin, unit.end, position):
            continue
        summed = (
            unit.features if summed is None else [a + b for a, b in zip(summed, unit.features, strict=True)]
        )
    if summed is None:
        return None
    return [f.repeat(batch, 1, 1, 1) for f in summed]  # a new list: the UNet consumes it


def resize_control_image(image: Image.Image, width: int, height: int, mode: ResizeMode) -> Image.Image:
    """Fit a control image to the output size.

    ``just_resize_simple`` stretches it; ``just_resize`` stretches it keeping thin lines of binary maps
    (edges, scribbles) and the exact colors of few-color maps (segmentation); ``crop_resize`` covers the
    size and crops the overflow evenly; ``fill_resize`` fits inside and pads with black (no control).
    """
    image = image.convert("RGB")
    size = (width, height)
    if mode == "just_resize_simple":
        return image.resize(size, Image.Resampling.BICUBIC)
    if mode == "just_resize":
        return _heuristic_resize(image, size)
    cover = mode == "crop_resize"
    scale = (max if cover else min)(width / image.width, height / image.height)
    scaled = _heuristic_resize(
        image, (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    )
    left, top = (scaled.width - width) // 2, (scaled.height - height) // 2
    if cover:
        return scaled.crop((left, top, left + width, top + height))
    canvas = Image.new("RGB", size)
    canvas.paste(scaled, (-left, -top))
    return canvas


def _heuristic_resize(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    colors = image.getcolors(_FEW_COLORS)
    if colors is not None and {color for _, color in colors} <= _BLACK_AND_WHITE:  # edges, scribbles: any
        # ink in an area stays ink, so thin lines survive shrinking
        gray = image.convert("L").resize(size, Image.Resampling.BOX)
        return gray.point(lambda v: 255 if v > 0 else 0).convert("RGB")
    if colors is not None:
        return image.resize(size, Image.Resampling.NEAREST)
    shrinking = size[0] < image.width and size[1] < image.height
    return image.resize(size, Image.Resampling.BOX if shrinking else Image.Resampling.BICUBIC)


def image_tensor(image: Image.Image, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """An RGB image as a (1, 3, H, W) tensor in [0, 1]."""
    import numpy as np
    import torch

    array = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(array).permute(2, 0, 1).unsqueeze(0).to(device=device, dtype=dtype)


ADAPTER_SCALE = 8
"""T2I-Adapters take their image at the pixel size of SD latents: 8 times the latent size."""


def controlnet_scale(model: Any) -> int:
    """How much smaller than its control image a ControlNet's features are (8 for SD ControlNets), so the
    control image is made that much larger than the latents, whatever the VAE's factor."""
    channels = getattr(model.config, "conditioning_embedding_out_channels", (16, 32, 96, 256))
    return int(2 ** (len(channels) - 1))
