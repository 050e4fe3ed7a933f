"""Generation on diffusers: conditioning, noise, the denoise loop, schedulers, control and previews.

This is the one layer that imports torch and diffusers; the node engine above it stays torch-free, and nodes
import from here lazily inside ``invoke`` so that listing or validating nodes never loads torch.
"""
