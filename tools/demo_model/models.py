"""Architecture of the demo model: tiny SD-1.x components sized to render 64x64 in well under 2 s on a CPU.

The sizes come from an earlier CPU study (see the issue): a 4x VAE (64x64x3 ↔ 16x16x4), a ~1.7 M
parameter UNet with cross-attention only at 8x8 and 4x4, and a 2-layer, 64-wide CLIP text encoder.
"""

from __future__ import annotations

from typing import Any, TypeVar

import torch
from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
from diffusers.schedulers.scheduling_ddpm import DDPMScheduler
from diffusers.schedulers.scheduling_dpmsolver_multistep import DPMSolverMultistepScheduler
from transformers import CLIPTextConfig, CLIPTextModel

from tools.demo_model.scenes import IMAGE_SIZE, MAX_TOKENS
from tools.demo_model.tokenizer import BOS_ID, EOS_ID, VOCAB_SIZE

LATENT_SIZE = IMAGE_SIZE // 4
TEXT_DIM = 64

# The SD-1.x training noise schedule.
NOISE_SCHEDULE: dict[str, Any] = {
    "num_train_timesteps": 1000,
    "beta_start": 0.00085,
    "beta_end": 0.012,
    "beta_schedule": "scaled_linear",
    "prediction_type": "epsilon",
}


ModuleT = TypeVar("ModuleT", bound=torch.nn.Module)


def move(module: ModuleT, device: torch.device) -> ModuleT:
    """``module.to(device)`` via ``nn.Module.to``: diffusers' decorated ``to`` adds only checks for quantized
    or offloaded models (none here) and confuses type checkers."""
    return torch.nn.Module.to(module, device)


def token_embedding(text_encoder: CLIPTextModel) -> torch.nn.Embedding:
    """The text encoder's token-embedding layer."""
    embedding = text_encoder.get_input_embeddings()
    if not isinstance(embedding, torch.nn.Embedding):
        raise TypeError(f"unexpected token embedding {type(embedding).__name__}")
    return embedding


def build_vae() -> AutoencoderKL:
    """AutoencoderKL with a downsampling factor of 4; ``scaling_factor`` is set after training."""
    vae: AutoencoderKL = AutoencoderKL(
        in_channels=3,
        out_channels=3,
        down_block_types=("DownEncoderBlock2D",) * 3,
        up_block_types=("UpDecoderBlock2D",) * 3,
        block_out_channels=(16, 32, 64),
        layers_per_block=1,
        latent_channels=4,
        norm_num_groups=8,
        sample_size=IMAGE_SIZE,
    )
    return vae


def build_unet() -> UNet2DConditionModel:
    """UNet on 16x16x4 latents; cross-attention only at the 8x8 and 4x4 resolutions and in the middle."""
    unet: UNet2DConditionModel = UNet2DConditionModel(
        sample_size=LATENT_SIZE,
        in_channels=4,
        out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
        block_out_channels=(32, 64, 64),
        layers_per_block=1,
        cross_attention_dim=TEXT_DIM,
        attention_head_dim=4,  # diffusers reads this as the number of heads: 4 heads of 16 channels
        norm_num_groups=8,
    )
    return unet


def build_text_encoder() -> CLIPTextModel:
    """A 2-layer CLIP text transformer over the full CLIP vocabulary with a 16-token context."""
    config = CLIPTextConfig(
        vocab_size=VOCAB_SIZE,
        hidden_size=TEXT_DIM,
        intermediate_size=4 * TEXT_DIM,
        num_hidden_layers=2,
        num_attention_heads=2,
        max_position_embeddings=MAX_TOKENS,
        projection_dim=TEXT_DIM,
        bos_token_id=BOS_ID,
        eos_token_id=EOS_ID,
        pad_token_id=EOS_ID,
    )
    return CLIPTextModel(config)


def zero_unused_embeddings(text_encoder: CLIPTextModel, keep: torch.Tensor) -> None:
    """Zero the token-embedding rows not in ``keep``: they are never looked up, and zeros compress well."""
    weight = token_embedding(text_encoder).weight
    mask = torch.ones(weight.shape[0], dtype=torch.bool, device=weight.device)
    mask[keep.to(weight.device)] = False
    with torch.no_grad():
        weight[mask] = 0


def training_scheduler() -> DDPMScheduler:
    """The forward-noising schedule used in training."""
    scheduler: DDPMScheduler = DDPMScheduler(**NOISE_SCHEDULE)
    return scheduler


def inference_scheduler() -> DPMSolverMultistepScheduler:
    """The sampler shipped with the model and used for evaluation: DPM-Solver++(2M), trailing spacing.

    Trailing spacing starts sampling at t=999, the noisiest training step, which suits few steps.
    """
    scheduler: DPMSolverMultistepScheduler = DPMSolverMultistepScheduler(
        **NOISE_SCHEDULE, timestep_spacing="trailing", steps_offset=1
    )
    return scheduler


def count_parameters(module: torch.nn.Module) -> int:
    """Number of parameters of ``module``."""
    return sum(p.numel() for p in module.parameters())
