"""FLUX.1: text encoding, the rectified-flow denoise loop and its latent packing."""
