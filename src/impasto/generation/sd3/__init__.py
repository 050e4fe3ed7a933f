"""Stable Diffusion 3.x: three text encoders and the MMDiT denoise loop."""
