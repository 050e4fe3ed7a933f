"""What every model under test has in common: its architecture, the built model, and its workload.

A workload holds the random inputs of one denoising run (conditioning and noise, as Impasto's nodes
store them) and knows the two ways of running it: the plain diffusers loop and Impasto's own generation
code. The cases (:mod:`bench.gpu_check.cases`) only time, compare and account; what a step does for a
UNet or for FLUX's transformer lives with each family.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import diffusers
import torch
from diffusers import AutoencoderKL, EulerDiscreteScheduler

from bench.gpu_check.paths import CachedModels
from impasto.models.cache.sizes import object_bytes
from impasto.models.configs import config_folder
from impasto.models.loaders.base import SubModel
from impasto.models.taxonomy import BaseModelType, PredictionType

WIDTH_DIVISOR = 8  # dry run: text widths 768 → 96, 2048 → 256, pooled 1280 → 160, T5 4096 → 512

Run = Callable[[int], torch.Tensor]
"""One denoising run of the given number of steps; returns the final latents (1, C, h, w)."""


@dataclass(frozen=True)
class Architecture:
    """One model family under test: its shipped config folder, the image size it is made for, the part
    that denoises, its dtype on CUDA, which variants apply, and its share of the device when partial."""

    name: str
    config: str
    base: BaseModelType
    image_size: int
    dry_image_size: int
    part: SubModel = SubModel.UNET
    label: str = "UNet"  # how the rows name the denoiser
    prediction: PredictionType = PredictionType.EPSILON
    cuda_dtype: torch.dtype = torch.float16
    cpu_dtype: torch.dtype = torch.float32
    variants: tuple[str, ...] = ("eager", "channels-last", "compile")
    partial_fraction: float = 0.6  # device budget / denoiser bytes in the partial-loading case
    compile_reserve_s: float = 150.0  # a compile variant starts only with this much of the budget left
    # whether the two paths do the same arithmetic, so that their final latents are reported side by side
    # (Impasto's SD path picks its own scheduler settings and noise scaling; its FLUX loop is the pipeline's)
    compare_latents: bool = False

    def dtype(self, device: torch.device) -> torch.dtype:
        return self.cuda_dtype if device.type == "cuda" else self.cpu_dtype


class Workload(Protocol):
    """One model's denoising inputs and the two paths that run them."""

    def diffusers(
        self, denoiser: Any, scheduler_config: Any, device: torch.device, dtype: torch.dtype
    ) -> Run:
        """The plain diffusers loop on ``denoiser`` (already on ``device``), inputs prepared once."""
        ...

    def impasto(self, models: CachedModels, device: torch.device) -> Run:
        """Impasto's generation code, given the models as the node context hands them over."""
        ...


@dataclass
class BuiltModel:
    """A denoiser (in RAM, where the model cache keeps it), its VAE and scheduler, and the workload."""

    arch: Architecture
    denoiser: Any
    vae: Any
    scheduler: Any  # the class the shipped config names, as the model loader builds it
    image_size: int
    dtype: torch.dtype
    workload: Workload

    @property
    def denoiser_bytes(self) -> int:
        return object_bytes(self.denoiser)


def random_module(cls: Any, config: dict[str, Any], device: torch.device, dtype: torch.dtype) -> Any:
    """``cls`` built from ``config`` on ``device`` with seeded random weights, cast, and left in RAM."""
    torch.manual_seed(0)
    with torch.device(device):
        module = cls.from_config(config)
    return module.to(dtype=dtype).to("cpu").eval().requires_grad_(False)


@contextmanager
def default_dtype(dtype: torch.dtype) -> Iterator[None]:
    """New tensors are made in ``dtype`` in the block: a model built in it never exists in float32 (a
    12-billion-parameter FLUX transformer would need 48 GB of device memory for that)."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        yield
    finally:
        torch.set_default_dtype(previous)


def shipped_vae(arch: Architecture, device: torch.device, dtype: torch.dtype) -> Any:
    """The VAE of the shipped config, full size, random weights."""
    config = AutoencoderKL.load_config(config_folder(arch.config) / "vae")
    return random_module(AutoencoderKL, dict(config), device, dtype)


def shipped_scheduler(arch: Architecture) -> Any:
    """The scheduler the shipped config describes (PNDM for SD 1.5, Euler for SDXL, flow Euler for FLUX)."""
    # any scheduler class reads the folder's scheduler_config.json; the class it names is built
    config = EulerDiscreteScheduler.load_config(config_folder(arch.config) / "scheduler")
    return getattr(diffusers, config["_class_name"]).from_config(config)


def latent_noise(image_size: int, channels: int = 4) -> torch.Tensor:
    """Impasto's seeded initial noise for a square image of ``image_size`` pixels."""
    from impasto.generation.noise import make_noise

    return make_noise(0, width=image_size, height=image_size, channels=channels)
