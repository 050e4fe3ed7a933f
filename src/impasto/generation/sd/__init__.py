"""Stable Diffusion 1.x, 2.x and SDXL: the UNet family's prompts, LoRAs, control and denoise loop.

Everything here runs a diffusers ``UNet2DConditionModel`` with CLIP text conditioning. It builds on the
shared generation modules (noise, schedulers, VAE runs, previews, memory, interruption) and on no other
family's package.
"""
