"""VAE training: reconstruction + edge + small KL, then a decoder-only fine-tune, then the latent scale.

Flat-colored shapes make blur the VAE's main failure, and blurred edges cost the evaluation its shape
accuracy, so the loss adds an L1 term on image gradients. The decoder fine-tune trains on the encoder's
posterior means, which are exactly what the diffusion model learns to produce.
"""

from __future__ import annotations

import contextlib
import logging
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F  # noqa: N812
from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL

from tools.demo_model.checkpoint import rng_state, set_rng_state, write_json
from tools.demo_model.data import SceneStream
from tools.demo_model.models import move
from tools.demo_model.scenes import stream_seed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VaeSettings:
    """Hyperparameters of one VAE phase."""

    seed: int
    batch_size: int
    lr: float
    warmup_steps: int = 100
    kl_weight: float = 1e-4  # per latent element, against per-pixel L1
    edge_weight: float = 0.5
    grad_clip: float = 1.0
    amp: str = "none"  # "bf16": autocast the forward passes on CUDA


def narrow_posterior(vae: AutoencoderKL, log_variance: float = -6.0) -> None:
    """Start the posterior nearly deterministic (std ~0.05 instead of ~1).

    The decoder then sees clean latents from the first step, and the exported VAE's ``sample()`` (used by
    img2img) stays close to its mean; the small KL term alone would take many steps to get there.
    """
    conv = vae.quant_conv
    if conv is None or conv.bias is None:
        raise ValueError("the VAE has no quant_conv to initialize")
    half = int(vae.config["latent_channels"])
    with torch.no_grad():
        conv.weight[half:] *= 0.1
        conv.bias[half:] = log_variance


def autocast(device: torch.device, amp: str) -> contextlib.AbstractContextManager[Any]:
    """bf16 autocast on CUDA when asked, otherwise nothing."""
    if amp == "bf16" and device.type == "cuda":
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def make_adamw(
    params: list[torch.nn.Parameter], lr: float, weight_decay: float, device: torch.device
) -> torch.optim.AdamW:
    """AdamW, fused into a few kernels on CUDA (the step is launch-bound there)."""
    return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay, fused=device.type == "cuda")


def reconstruction_loss(recon: torch.Tensor, target: torch.Tensor, edge_weight: float) -> torch.Tensor:
    """L1 on pixels plus L1 on horizontal and vertical differences, which rewards sharp edges."""
    loss = F.l1_loss(recon, target)
    for dim in (2, 3):
        loss = loss + edge_weight * F.l1_loss(recon.diff(dim=dim), target.diff(dim=dim))
    return loss


def psnr(recon: torch.Tensor, target: torch.Tensor) -> float:
    """PSNR in dB of images in [-1, 1]."""
    mse = ((recon.clamp(-1, 1) - target) / 2).square().mean().item()
    return 10 * math.log10(1 / max(mse, 1e-12))


class VaeTrainer:
    """Trains the whole VAE (``decoder_only=False``) or only its decoder on posterior means."""

    def __init__(
        self, vae: AutoencoderKL, settings: VaeSettings, device: torch.device, decoder_only: bool
    ) -> None:
        self.name = "vae-decoder" if decoder_only else "vae"
        self.vae, self.settings, self.device, self.decoder_only = (
            move(vae, device),
            settings,
            device,
            decoder_only,
        )
        self.hparams = {"phase": self.name, **asdict(settings)}
        self.vae.train()
        self.vae.requires_grad_(True)
        if decoder_only:
            self.vae.encoder.requires_grad_(False)
            if self.vae.quant_conv is not None:
                self.vae.quant_conv.requires_grad_(False)
        self.params = [p for p in self.vae.parameters() if p.requires_grad]
        self.optimizer = make_adamw(self.params, settings.lr, 0.0, device)
        self.stream = SceneStream(settings.seed, self.name, settings.batch_size, device)
        self.generator = torch.Generator(device).manual_seed(
            stream_seed(settings.seed, self.name + "-noise", 0)
        )
        self.lr_scale = 1.0

    def train_step(self, step: int) -> torch.Tensor:
        """One optimizer step on a fresh batch."""
        s = self.settings
        for group in self.optimizer.param_groups:
            group["lr"] = s.lr * self.lr_scale * min(1.0, (step + 1) / s.warmup_steps)
        x = self.stream.images(step)  # (B, 3, 64, 64)
        with autocast(self.device, s.amp):
            if self.decoder_only:
                with torch.no_grad():
                    z = self.vae.encode(x).latent_dist.mode()
                loss = reconstruction_loss(self.vae.decode(z).sample.float(), x, s.edge_weight)
            else:
                posterior = self.vae.encode(x).latent_dist
                recon = self.vae.decode(posterior.sample(generator=self.generator)).sample.float()
                kl = posterior.kl().mean() / posterior.mean[0].numel()
                loss = reconstruction_loss(recon, x, s.edge_weight) + s.kl_weight * kl
        self.optimizer.zero_grad(set_to_none=True)
        torch.autograd.backward(loss)
        torch.nn.utils.clip_grad_norm_(self.params, s.grad_clip)
        self.optimizer.step()
        return loss.detach()

    def state_dict(self) -> dict[str, Any]:
        """VAE weights and the noise generator's state."""
        return {"vae": self.vae.state_dict(), "rng": rng_state(self.generator)}

    def optimizer_state(self) -> dict[str, Any]:
        """AdamW state."""
        return self.optimizer.state_dict()

    def load_state(self, state: dict[str, Any], optim: dict[str, Any]) -> None:
        """Restore a checkpoint."""
        self.vae.load_state_dict(state["vae"])
        self.optimizer.load_state_dict(optim)
        set_rng_state(state["rng"], self.generator)

    def set_lr_scale(self, scale: float) -> None:
        """Scale the learning rate (after a divergence)."""
        self.lr_scale = scale


@torch.no_grad()
def latent_scale_and_psnr(
    vae: AutoencoderKL, seed: int, device: torch.device, batches: int, batch_size: int
) -> tuple[float, float]:
    """(1 / std of posterior-mean latents, reconstruction PSNR in dB) on a held-aside stream."""
    vae.eval()
    stream = SceneStream(seed, "vae-eval", batch_size, device)
    latents, scores = [], []
    for i in range(batches):
        x = stream.images(i)
        z = vae.encode(x).latent_dist.mode()
        latents.append(z.float())
        scores.append(psnr(vae.decode(z).sample.float(), x))
    std = torch.cat(latents).std().item()
    return 1.0 / std, sum(scores) / len(scores)


def finalize_vae(
    vae: AutoencoderKL, out_dir: Path, seed: int, device: torch.device, batch_size: int
) -> dict[str, float]:
    """Set ``scaling_factor`` from the measured latent std and save the VAE (fp32) with its stats."""
    scale, score = latent_scale_and_psnr(vae, seed, device, batches=8, batch_size=batch_size)
    vae.register_to_config(scaling_factor=scale)  # type: ignore[no-untyped-call]
    vae.save_pretrained(str(out_dir))
    stats = {"scaling_factor": scale, "psnr_db": round(score, 2)}
    write_json(out_dir / "stats.json", stats)
    log.info("VAE: scaling_factor %.4f, reconstruction PSNR %.2f dB", scale, score)
    return stats
