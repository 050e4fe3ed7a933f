"""Joint training of the UNet and the text encoder on latents of on-the-fly scenes.

Recipe (it worked on the CPU study): epsilon prediction on the SD-1.x schedule, min-SNR-5 weighting,
offset noise 0.1, 10% caption dropout to the empty prompt (for classifier-free guidance), AdamW with a
constant learning rate after warm-up, and an EMA of all trained weights, which is what gets exported.
The constant rate makes the schedule independent of the step count, so a run stopped by the clock is
reproduced exactly by ``--unet-steps`` with the steps it did.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import torch
from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
from transformers import CLIPTextModel

from tools.demo_model.checkpoint import rng_state, set_rng_state
from tools.demo_model.data import SceneStream
from tools.demo_model.models import move, token_embedding, training_scheduler
from tools.demo_model.scenes import stream_seed
from tools.demo_model.train_vae import autocast, make_adamw

log = logging.getLogger(__name__)

_TEXT_PREFIXES = (
    "text_encoder.text_model.",
    "text_encoder.",
)  # transformers 5.x moved CLIPTextModel's weights up


@dataclass(frozen=True)
class UnetSettings:
    """Hyperparameters of the UNet phase."""

    seed: int
    batch_size: int
    lr: float
    warmup_steps: int = 500
    ema_decay: float = 0.995
    caption_dropout: float = 0.1
    min_snr_gamma: float = 5.0
    offset_noise: float = 0.1
    weight_decay: float = 0.01
    grad_clip: float = 1.0
    amp: str = "none"


class DiffusionModel(torch.nn.Module):
    """The two trained modules under one root, so weights, EMA and optimizer share one naming."""

    def __init__(self, unet: UNet2DConditionModel, text_encoder: CLIPTextModel) -> None:
        super().__init__()
        self.unet, self.text_encoder = unet, text_encoder

    def token_embedding_name(self) -> str:
        """Name of the token-embedding weight, which differs between transformers versions."""
        weight = token_embedding(self.text_encoder).weight
        return next(n for n, p in self.named_parameters() if p is weight)

    def load_weights(self, weights: dict[str, torch.Tensor]) -> None:
        """Load weights saved under either transformers layout of the text encoder."""
        self.load_state_dict(align_names(weights, list(self.state_dict())))

    def forward(self, noisy: torch.Tensor, t: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
        """Predicted noise (B, 4, 16, 16) for noisy latents, timesteps (B,) and token ids (B, 16)."""
        context = self.text_encoder(ids).last_hidden_state  # (B, 16, 64); no mask, as in the pipeline
        out: torch.Tensor = self.unet(noisy, t, context).sample
        return out


class UnetTrainer:
    """One phase: the UNet and text encoder learn to denoise VAE latents given captions."""

    name = "unet"

    def __init__(
        self,
        model: DiffusionModel,
        vae: AutoencoderKL,
        token_table: torch.Tensor,
        keep_tokens: torch.Tensor,
        settings: UnetSettings,
        device: torch.device,
    ) -> None:
        self.model, self.vae, self.settings, self.device = (
            model.to(device),
            move(vae, device),
            settings,
            device,
        )
        self.hparams = {"phase": self.name, **asdict(settings)}
        self.vae.eval().requires_grad_(False)
        self.model.train()
        self.names = [n for n, _ in model.named_parameters()]
        self.embedding = model.token_embedding_name()
        self.params = list(model.parameters())
        self.param_data = [p.detach() for p in self.params]  # views, updated in place by the optimizer
        self.ema = [p.detach().clone() for p in self.params]
        self.optimizer = make_adamw(self.params, settings.lr, settings.weight_decay, device)
        self.table = token_table.to(device)
        self.keep = keep_tokens.to("cpu")
        self.stream = SceneStream(settings.seed, "unet", settings.batch_size, device)
        self.generator = torch.Generator(device).manual_seed(stream_seed(settings.seed, "unet-noise", 0))
        alphas = training_scheduler().alphas_cumprod.to(device)
        self.alpha_bar = alphas
        self.scaling = float(vae.config["scaling_factor"])
        self.lr_scale = 1.0

    @torch.no_grad()
    def _inputs(self, step: int) -> tuple[torch.Tensor, ...]:
        s, g, b = self.settings, self.generator, self.settings.batch_size
        images, ids = self.stream.batch(step, self.table)
        latents = self.vae.encode(images).latent_dist.mode() * self.scaling  # (B, 4, 16, 16)
        drop = torch.rand(b, generator=g, device=self.device) < s.caption_dropout
        ids = torch.where(drop[:, None], self.table[-1], ids)  # the last row is the empty prompt
        noise = torch.randn(latents.shape, generator=g, device=self.device)
        noise = noise + s.offset_noise * torch.randn((b, 4, 1, 1), generator=g, device=self.device)
        t = torch.randint(0, len(self.alpha_bar), (b,), generator=g, device=self.device)
        a = self.alpha_bar[t][:, None, None, None]
        noisy = a.sqrt() * latents + (1 - a).sqrt() * noise
        snr = self.alpha_bar[t] / (1 - self.alpha_bar[t])
        weight = snr.clamp(max=s.min_snr_gamma) / snr  # min-SNR weighting for epsilon prediction
        return noisy, t, ids, noise, weight

    def train_step(self, step: int) -> torch.Tensor:
        """One optimizer step and EMA update."""
        s = self.settings
        for group in self.optimizer.param_groups:
            group["lr"] = s.lr * self.lr_scale * min(1.0, (step + 1) / s.warmup_steps)
        noisy, t, ids, noise, weight = self._inputs(step)
        with autocast(self.device, s.amp):
            pred: torch.Tensor = self.model(noisy, t, ids)
        loss = (weight * (pred.float() - noise).square().mean(dim=(1, 2, 3))).mean()
        self.optimizer.zero_grad(set_to_none=True)
        torch.autograd.backward(loss)
        torch.nn.utils.clip_grad_norm_(self.params, s.grad_clip)
        self.optimizer.step()
        decay = min(s.ema_decay, (1 + step) / (10 + step))  # short memory at first, while weights move fast
        torch._foreach_lerp_(self.ema, self.param_data, 1 - decay)
        return loss.detach()

    def ema_state_dict(self) -> dict[str, torch.Tensor]:
        """The EMA weights, named like ``DiffusionModel.state_dict()``."""
        return dict(zip(self.names, self.ema, strict=True))

    def state_dict(self) -> dict[str, Any]:
        """Weights and EMA with the token embedding stored as its kept rows only, plus RNG state."""
        weights = {n: p.detach() for n, p in zip(self.names, self.params, strict=True)}
        return {
            "model": _compact(weights, self.embedding, self.keep),
            "ema": _compact(self.ema_state_dict(), self.embedding, self.keep),
            "keep": self.keep.clone(),
            "rng": rng_state(self.generator),
        }

    def optimizer_state(self) -> dict[str, Any]:
        """AdamW state, the token embedding's moments compacted like its weights."""
        state = self.optimizer.state_dict()
        index = self.names.index(self.embedding)
        if index in state["state"]:
            moments = state["state"][index]
            state["state"][index] = {
                k: _rows(v, self.keep) if v.dim() == 2 else v for k, v in moments.items()
            }
        return state

    def load_state(self, state: dict[str, Any], optim: dict[str, Any]) -> None:
        """Restore a checkpoint."""
        index = self.names.index(self.embedding)
        full = self.params[index].shape
        weights = align_names(expand_embedding(state["model"], self.keep, full), self.names)
        ema = align_names(expand_embedding(state["ema"], self.keep, full), self.names)
        with torch.no_grad():
            for n, p, e in zip(self.names, self.params, self.ema, strict=True):
                p.copy_(weights[n])
                e.copy_(ema[n])
        if index in optim["state"]:
            moments = optim["state"][index]
            optim["state"][index] = {
                k: _unrows(v, self.keep, full) if v.dim() == 2 else v for k, v in moments.items()
            }
        self.optimizer.load_state_dict(optim)
        set_rng_state(state["rng"], self.generator)

    def set_lr_scale(self, scale: float) -> None:
        """Scale the learning rate (after a divergence)."""
        self.lr_scale = scale


def _rows(t: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    rest = torch.ones(t.shape[0], dtype=torch.bool)
    rest[keep] = False
    if t.detach().cpu()[rest].abs().max().item() != 0:
        log.warning("token-embedding rows outside the caption vocabulary are not zero; they are dropped")
    return t.detach().cpu()[keep].clone()


def _unrows(rows: torch.Tensor, keep: torch.Tensor, shape: torch.Size) -> torch.Tensor:
    full = torch.zeros(shape, dtype=rows.dtype)
    full[keep] = rows
    return full


def _is_embedding(name: str) -> bool:
    return name.endswith("embeddings.token_embedding.weight") and name.startswith("text_encoder.")


def _compact(weights: dict[str, torch.Tensor], name: str, keep: torch.Tensor) -> dict[str, torch.Tensor]:
    """Copy to the CPU, keeping only the caption vocabulary's rows of the token embedding (the rest are 0)."""
    return {n: _rows(w, keep) if n == name else w.detach().cpu().clone() for n, w in weights.items()}


def expand_embedding(
    weights: dict[str, torch.Tensor], keep: torch.Tensor, shape: torch.Size
) -> dict[str, torch.Tensor]:
    """Undo ``_compact``: the full token embedding, with zeros outside the kept rows."""
    return {n: _unrows(w, keep, shape) if _is_embedding(n) else w for n, w in weights.items()}


def align_names(weights: dict[str, torch.Tensor], names: list[str]) -> dict[str, torch.Tensor]:
    """Rename text-encoder weights between the layouts with and without ``text_model.``."""
    wanted = set(names)
    out = {}
    for key, value in weights.items():
        candidates = [key] + [
            key.replace(a, b, 1) for a in _TEXT_PREFIXES for b in _TEXT_PREFIXES if key.startswith(a)
        ]
        out[next((c for c in candidates if c in wanted), key)] = value
    return out
