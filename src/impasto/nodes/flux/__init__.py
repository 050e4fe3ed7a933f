"""FLUX.1 nodes: the model and LoRA loaders, the text encoder, denoise, and VAE encode/decode.

Named as InvokeAI names its FLUX nodes, so its users find them. Importing this package registers them;
nothing here imports torch until a node runs.
"""

from __future__ import annotations

from impasto.nodes.flux import denoise, latents, models, prompts

__all__ = ["denoise", "latents", "models", "prompts"]
