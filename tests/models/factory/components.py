"""Tiny, seeded diffusers and transformers components with the real discriminating widths.

Everything not used to tell models apart is as small as the classes allow (one or two layers, a few
channels), but what identification and pipelines rely on is real: text widths 768 / 1024 / 1280 (and
so cross-attention 768 / 1024 / 2048 / 1280), pooled width 1280, FLUX's 4096-wide T5 context, 64 / 384
transformer input channels, 4 / 16 latent channels and a VAE that scales by 8.
"""

from __future__ import annotations

from typing import Any

import torch
from diffusers import (
    AutoencoderKL,
    ControlNetModel,
    FluxControlNetModel,
    FluxTransformer2DModel,
    T2IAdapter,
    UNet2DConditionModel,
)
from transformers import (
    CLIPTextConfig,
    CLIPTextModel,
    CLIPTextModelWithProjection,
    T5Config,
    T5EncoderModel,
)

from .tokenizers import CLIP_BOS_ID, CLIP_EOS_ID, CLIP_MAX_LENGTH, CLIP_VOCAB_SIZE, t5_vocab_size

SD1_TEXT_WIDTH = 768
SD2_TEXT_WIDTH = 1024
SDXL_G_WIDTH = 1280
SDXL_CROSS_WIDTH = SD1_TEXT_WIDTH + SDXL_G_WIDTH
T5_WIDTH = 4096
FLUX_IN_CHANNELS = 64
FLUX_FILL_IN_CHANNELS = 384
SDXL_TIME_EMBED = 8

UNET_CHANNELS = (32, 64)
VAE_CHANNELS = (8, 16, 16, 16)  # four blocks: the VAE scales by 8 like the real ones


def build(cls: Any, /, **kwargs: Any) -> Any:
    """Construct a diffusers class; handled as ``Any`` because their constructors are untyped (wrapped
    by ``register_to_config``) and mypy cannot resolve their base classes."""
    return cls(**kwargs)


def seeded(seed: int) -> None:
    """Make the next construction deterministic."""
    torch.manual_seed(seed)


def fill_zeros(module: torch.nn.Module, seed: int) -> None:
    """Give zero-initialised parameters (ControlNet's zero convs...) small random values.

    Zero-initialised modules have no effect at all, which would make tests that apply them vacuous.
    """
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for param in module.parameters():
            if not param.any():
                param.copy_(torch.randn(param.shape, generator=generator) * 0.02)


def sd_unet(cross_width: int, *, in_channels: int = 4, linear_projection: bool = False) -> Any:
    """An SD 1.x / 2.x UNet; two layers per block keep the original key positions (input_blocks.2.1...)."""
    return build(
        UNet2DConditionModel,
        sample_size=8,
        in_channels=in_channels,
        out_channels=4,
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
        block_out_channels=UNET_CHANNELS,
        layers_per_block=2,
        cross_attention_dim=cross_width,
        attention_head_dim=8,
        norm_num_groups=32,
        use_linear_projection=linear_projection,
    )


def sdxl_unet(*, refiner: bool = False, in_channels: int = 4) -> Any:
    """An SDXL (or refiner) UNet: text-time embedding, attention from the second block (input_blocks.4.1)."""
    time_ids = 5 if refiner else 6
    return build(
        UNet2DConditionModel,
        sample_size=16,
        in_channels=in_channels,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        block_out_channels=UNET_CHANNELS,
        layers_per_block=2,
        cross_attention_dim=SDXL_G_WIDTH if refiner else SDXL_CROSS_WIDTH,
        attention_head_dim=(2, 4),
        use_linear_projection=True,
        addition_embed_type="text_time",
        addition_time_embed_dim=SDXL_TIME_EMBED,
        projection_class_embeddings_input_dim=time_ids * SDXL_TIME_EMBED + SDXL_G_WIDTH,
        norm_num_groups=32,
    )


def vae(
    *, latent_channels: int = 4, scaling_factor: float = 0.18215, shift_factor: float | None = None
) -> Any:
    """An AutoencoderKL that scales by 8; 16 latent channels and no quant convs for FLUX."""
    flux_like = latent_channels == 16
    return build(
        AutoencoderKL,
        in_channels=3,
        out_channels=3,
        down_block_types=("DownEncoderBlock2D",) * len(VAE_CHANNELS),
        up_block_types=("UpDecoderBlock2D",) * len(VAE_CHANNELS),
        block_out_channels=VAE_CHANNELS,
        layers_per_block=1,
        latent_channels=latent_channels,
        norm_num_groups=8,
        sample_size=64,
        scaling_factor=scaling_factor,
        shift_factor=shift_factor,
        use_quant_conv=not flux_like,
        use_post_quant_conv=not flux_like,
    )


def clip_config(width: int, *, projection: int | None = None, pad_id: int = CLIP_EOS_ID) -> CLIPTextConfig:
    """One-layer CLIP text config of ``width`` (64-wide heads, as in the real encoders)."""
    return CLIPTextConfig(
        vocab_size=CLIP_VOCAB_SIZE,
        hidden_size=width,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=width // 64,
        max_position_embeddings=CLIP_MAX_LENGTH,
        projection_dim=projection or width,
        hidden_act="quick_gelu" if width == SD1_TEXT_WIDTH else "gelu",
        bos_token_id=CLIP_BOS_ID,
        eos_token_id=CLIP_EOS_ID,
        pad_token_id=pad_id,
    )


def clip_text(width: int, *, pad_id: int = CLIP_EOS_ID) -> CLIPTextModel:
    """A CLIP text encoder (SD 1.x ViT-L width 768, SD 2.x OpenCLIP-H width 1024)."""
    return CLIPTextModel(clip_config(width, pad_id=pad_id))


def clip_text_projected(width: int = SDXL_G_WIDTH) -> CLIPTextModelWithProjection:
    """SDXL's second encoder: OpenCLIP bigG width with a pooled projection of the same width."""
    return CLIPTextModelWithProjection(clip_config(width, projection=width, pad_id=0))


def t5_encoder() -> T5EncoderModel:
    """A one-layer T5 v1.1-style encoder with FLUX's 4096-wide output."""
    config = T5Config(
        vocab_size=t5_vocab_size(),
        d_model=T5_WIDTH,
        d_kv=8,
        d_ff=16,
        num_layers=1,
        num_heads=2,
        relative_attention_num_buckets=8,
        feed_forward_proj="gated-gelu",
        is_encoder_decoder=False,
        use_cache=False,
    )
    return T5EncoderModel(config)


def flux_transformer(*, guidance: bool, fill: bool = False, layers: int = 1) -> Any:
    """A FLUX transformer: ``layers`` double and single blocks (one of each by default), 2 heads of 16."""
    return build(
        FluxTransformer2DModel,
        patch_size=1,
        in_channels=FLUX_FILL_IN_CHANNELS if fill else FLUX_IN_CHANNELS,
        out_channels=FLUX_IN_CHANNELS,
        num_layers=layers,
        num_single_layers=layers,
        attention_head_dim=16,
        num_attention_heads=2,
        joint_attention_dim=T5_WIDTH,
        pooled_projection_dim=SD1_TEXT_WIDTH,
        guidance_embeds=guidance,
        axes_dims_rope=(4, 6, 6),
    )


def controlnet_for(unet: Any) -> Any:
    """A ControlNet shaped like ``unet`` (what ``ControlNetModel.from_unet`` builds), zero convs filled."""
    from_unet: Any = ControlNetModel.from_unet
    net = from_unet(unet, conditioning_embedding_out_channels=(16, 32, 96, 256))
    fill_zeros(net, seed=1)
    return net


def flux_controlnet() -> Any:
    """A FLUX ControlNet shaped like :func:`flux_transformer` (one double and one single block)."""
    net = build(
        FluxControlNetModel,
        patch_size=1,
        in_channels=FLUX_IN_CHANNELS,
        num_layers=1,
        num_single_layers=1,
        attention_head_dim=16,
        num_attention_heads=2,
        joint_attention_dim=T5_WIDTH,
        pooled_projection_dim=SD1_TEXT_WIDTH,
        axes_dims_rope=(4, 6, 6),
    )
    fill_zeros(net, seed=2)
    return net


def t2i_adapter(*, sdxl: bool) -> Any:
    """A full T2I-Adapter whose feature widths match the tiny UNets' blocks."""
    kwargs: dict[str, Any] = {
        "in_channels": 3,
        "channels": list(UNET_CHANNELS),
        "num_res_blocks": 1,
        "downscale_factor": 16 if sdxl else 8,
        "adapter_type": "full_adapter_xl" if sdxl else "full_adapter",
    }
    return build(T2IAdapter, **kwargs)
