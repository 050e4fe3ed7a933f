"""Model folders laid out the way AUTOMATIC1111's web UI and ComfyUI lay them out.

``A1111_TREE`` / ``COMFYUI_TREE`` list each model written (relative path → (type, base)), so scanning
tests can compare what they found with what is there. The placeholder text files those tools ship in
their folders are written too: a scan must skip them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .checkpoints import write_sd1_checkpoint, write_sdxl_checkpoint
from .extras import write_controlnet, write_embedding, write_esrgan, write_vae
from .flux import write_flux_checkpoint
from .folders import write_sd1_diffusers
from .lora import write_lora

Writer = Callable[[Path], Path]

_A1111: dict[str, tuple[str, str, Writer]] = {
    "models/Stable-diffusion/tiny-sd15.safetensors": ("main", "sd-1", write_sd1_checkpoint),
    "models/Lora/tiny-style.safetensors": ("lora", "sd-1", lambda p: write_lora(p, style="kohya")),
    "models/LyCORIS/tiny-loha.safetensors": ("lora", "sd-1", lambda p: write_lora(p, style="loha")),
    "models/VAE/tiny-vae-ft-mse.safetensors": ("vae", "sd-1", write_vae),
    "models/ESRGAN/4x-tiny-esrgan.pth": ("upscaler", "any", write_esrgan),
    "models/ControlNet/tiny-control-canny.safetensors": ("controlnet", "sd-1", write_controlnet),
    "embeddings/tiny-style-emb.pt": ("embedding", "sd-1", write_embedding),
}
_A1111_PLACEHOLDERS = (
    "models/Stable-diffusion/Put Stable Diffusion checkpoints here.txt",
    "models/VAE/Put VAE here.txt",
    "models/ESRGAN/Put ESRGAN models here.txt",
    "embeddings/Place Textual Inversion embeddings here.txt",
)

_COMFY: dict[str, tuple[str, str, Writer]] = {
    "models/checkpoints/tiny-sdxl.safetensors": ("main", "sdxl", write_sdxl_checkpoint),
    "models/loras/tiny-sdxl-lora.safetensors": ("lora", "sdxl", lambda p: write_lora(p, base="sdxl")),
    "models/vae/tiny-sdxl-vae.safetensors": ("vae", "sdxl", lambda p: write_vae(p, base="sdxl")),
    "models/embeddings/tiny-sdxl-emb.safetensors": (
        "embedding",
        "sdxl",
        lambda p: write_embedding(p, base="sdxl"),
    ),
    "models/controlnet/tiny-control-sd15.safetensors": ("controlnet", "sd-1", write_controlnet),
    "models/upscale_models/2x-tiny-esrgan.pth": ("upscaler", "any", lambda p: write_esrgan(p, scale=2)),
    "models/diffusers/tiny-sd15": ("main", "sd-1", write_sd1_diffusers),
    "models/diffusion_models/tiny-flux-schnell.safetensors": (
        "main",
        "flux",
        lambda p: write_flux_checkpoint(p, variant="schnell"),
    ),
}
_COMFY_PLACEHOLDERS = tuple(
    f"models/{d}/put_{d}_here"
    for d in (
        "checkpoints",
        "loras",
        "vae",
        "embeddings",
        "controlnet",
        "upscale_models",
        "diffusers",
        "clip",
    )
)

A1111_TREE: dict[str, tuple[str, str]] = {k: (t, b) for k, (t, b, _) in _A1111.items()}
COMFYUI_TREE: dict[str, tuple[str, str]] = {k: (t, b) for k, (t, b, _) in _COMFY.items()}


def _write_tree(
    root: Path, models: dict[str, tuple[str, str, Writer]], placeholders: tuple[str, ...]
) -> Path:
    root = Path(root)
    for relative, (_, _, writer) in models.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        writer(target)
    for relative in placeholders:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("")
    return root


def write_a1111_tree(root: Path) -> Path:
    """An AUTOMATIC1111 install's model folders (``models/Stable-diffusion``, ``models/Lora``...)."""
    return _write_tree(root, _A1111, _A1111_PLACEHOLDERS)


def write_comfyui_tree(root: Path) -> Path:
    """A ComfyUI install's ``models/`` folders (``checkpoints``, ``loras``, ``diffusers``...)."""
    return _write_tree(root, _COMFY, _COMFY_PLACEHOLDERS)
