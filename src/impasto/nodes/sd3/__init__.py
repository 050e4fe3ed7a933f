"""Stable Diffusion 3.x nodes: model loader, prompt encoder, denoise, and image ↔ latents.

Importing the package registers them; generation code is imported only when a node runs.
"""

from impasto.nodes.sd3 import generate, models

__all__ = ["generate", "models"]
