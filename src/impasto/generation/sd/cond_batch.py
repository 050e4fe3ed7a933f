"""Positive and negative conditioning as the UNet receives them: one batch (negative first, like diffusers).

The prompt nodes may store conditionings of different token lengths (long prompts are encoded in windows);
the shorter one is padded with zeros and an encoder attention mask hides the padding from cross-attention,
so padding changes nothing. With equal lengths no mask is passed at all, exactly as in diffusers' pipelines.
SDXL adds the pooled text embedding and the size (or, for the refiner, aesthetic score) conditioning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError
from impasto.generation.sd.cond_data import BasicConditioning, Conditioning, SDXLConditioning

if TYPE_CHECKING:
    import torch

REFINER_POSITIVE_SCORE = 6.0
REFINER_NEGATIVE_SCORE = 2.5


class ConditioningMismatchError(InvalidInputError):
    """The conditioning does not fit the UNet (SD 1.x prompts for an SDXL model, other widths...)."""

    code = "conditioning_mismatch"


@dataclass
class ConditioningBatch:
    """What one UNet call needs besides the latents, for the (negative, positive) pair or positive alone."""

    embeds: torch.Tensor  # (B, tokens, width), B = 2 (negative, positive) or 1 (positive)
    attention_mask: torch.Tensor | None  # (B, tokens), 1 = attend; None when nothing is padded
    added_cond: dict[str, torch.Tensor] | None  # SDXL: text_embeds (B, 1280), time_ids (B, 5 or 6)

    def positive_only(self) -> ConditioningBatch:
        """The positive half (for steps that skip the negative pass)."""
        if self.embeds.shape[0] == 1:
            return self
        added = {k: v[1:] for k, v in self.added_cond.items()} if self.added_cond else None
        mask = self.attention_mask[1:] if self.attention_mask is not None else None
        return ConditioningBatch(self.embeds[1:], mask, added)

    def rows(self) -> list[ConditioningBatch]:
        """Each entry alone, without its padding (for models that take no encoder attention mask)."""
        count = self.embeds.shape[0]
        mask = self.attention_mask
        lengths = [None] * count if mask is None else [int(n) for n in mask.sum(dim=1).round().tolist()]
        return [self._row(i, length) for i, length in enumerate(lengths)]

    def _row(self, index: int, length: int | None) -> ConditioningBatch:
        embeds = self.embeds[index : index + 1, :length]
        added = {k: v[index : index + 1] for k, v in self.added_cond.items()} if self.added_cond else None
        return ConditioningBatch(embeds, None, added)

    def unet_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``UNet2DConditionModel.forward``."""
        kwargs: dict[str, Any] = {"encoder_hidden_states": self.embeds}
        if self.attention_mask is not None:
            kwargs["encoder_attention_mask"] = self.attention_mask
        if self.added_cond is not None:
            kwargs["added_cond_kwargs"] = self.added_cond
        return kwargs


def batch_conditioning(
    positive: Conditioning,
    negative: Conditioning,
    unet_config: Any,
    *,
    device: torch.device,
    dtype: torch.dtype,
) -> ConditioningBatch:
    """The (negative, positive) batch for a UNet with ``unet_config``, checked against it."""
    _check_kind(positive, negative, unet_config)
    width = int(unet_config.cross_attention_dim)
    for name, cond in (("positive", positive), ("negative", negative)):
        if cond.embeds.shape[-1] != width:
            raise ConditioningMismatchError(
                f"the {name} conditioning is {cond.embeds.shape[-1]} wide but this UNet expects {width}; "
                "the prompt was encoded with another model's text encoder"
            )
    embeds, mask = _pad_pair(negative.embeds, positive.embeds)
    added = None
    if isinstance(positive, SDXLConditioning) and isinstance(negative, SDXLConditioning):
        added = _sdxl_added_cond(positive, negative, unet_config)
    batch = ConditioningBatch(embeds, mask, added)
    batch.embeds = batch.embeds.to(device=device, dtype=dtype)
    if batch.attention_mask is not None:
        batch.attention_mask = batch.attention_mask.to(device=device, dtype=dtype)
    if batch.added_cond is not None:
        batch.added_cond = {k: v.to(device=device, dtype=dtype) for k, v in batch.added_cond.items()}
    return batch


def _check_kind(positive: Conditioning, negative: Conditioning, unet_config: Any) -> None:
    sdxl_unet = getattr(unet_config, "addition_embed_type", None) == "text_time"
    for name, cond in (("positive", positive), ("negative", negative)):
        if sdxl_unet and isinstance(cond, BasicConditioning):
            raise ConditioningMismatchError(
                f"the {name} conditioning has no pooled embedding or size conditioning, which this SDXL "
                "UNet needs: encode the prompt with the SDXL prompt node"
            )
        if not sdxl_unet and isinstance(cond, SDXLConditioning):
            raise ConditioningMismatchError(
                f"the {name} conditioning is SDXL conditioning but the UNet is not an SDXL UNet"
            )


def _pad_pair(negative: torch.Tensor, positive: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Stack (1, n, w) and (1, m, w) into (2, max(n, m), w), zero-padded, with a mask if they differ."""
    import torch

    length = max(negative.shape[1], positive.shape[1])
    if negative.shape[1] == positive.shape[1]:
        return torch.cat([negative, positive]), None
    padded, masks = [], []
    for tensor in (negative, positive):
        missing = length - tensor.shape[1]
        padded.append(torch.nn.functional.pad(tensor, (0, 0, 0, missing)))
        mask = torch.ones(1, length, dtype=tensor.dtype)
        if missing:
            mask[:, -missing:] = 0
        masks.append(mask)
    return torch.cat(padded), torch.cat(masks)


def _sdxl_added_cond(
    positive: SDXLConditioning, negative: SDXLConditioning, unet_config: Any
) -> dict[str, torch.Tensor]:
    """Pooled embeddings and time ids: size + crop + target (base) or size + crop + score (refiner)."""
    import torch

    pooled_width = positive.pooled.shape[-1]
    time_width = int(unet_config.addition_time_embed_dim)
    expected = int(unet_config.projection_class_embeddings_input_dim)
    count = (expected - pooled_width) // time_width
    if count not in (5, 6) or count * time_width + pooled_width != expected:
        raise ConditioningMismatchError(
            f"the pooled embedding is {pooled_width} wide, which does not fit this UNet's added conditioning"
        )
    refiner = count == 5
    rows = [
        _time_ids(cond, refiner, default_score)
        for cond, default_score in ((negative, REFINER_NEGATIVE_SCORE), (positive, REFINER_POSITIVE_SCORE))
    ]
    return {
        "text_embeds": torch.cat([negative.pooled, positive.pooled]),
        "time_ids": torch.tensor(rows, dtype=positive.pooled.dtype),
    }


def _time_ids(cond: SDXLConditioning, refiner: bool, default_score: float) -> list[float]:
    head = [*cond.original_size, *cond.crop_top_left]
    if refiner:
        score = cond.aesthetic_score if cond.aesthetic_score is not None else default_score
        return [float(v) for v in (*head, score)]
    return [float(v) for v in (*head, *cond.target_size)]
