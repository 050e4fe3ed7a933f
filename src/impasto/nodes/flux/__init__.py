"""FLUX.1 nodes: the model and LoRA loaders, the text encoder, denoise, VAE encode/decode, Kontext
references and Redux reference images.

Named as InvokeAI names its FLUX nodes, so its users find them. Importing this package registers them;
nothing here imports torch until a node runs.
"""

from __future__ import annotations

from impasto.nodes.flux import denoise, kontext, latents, loras, models, prompts, redux

__all__ = ["denoise", "kontext", "latents", "loras", "models", "prompts", "redux"]
