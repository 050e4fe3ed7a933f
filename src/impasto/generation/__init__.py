"""Generation on diffusers: noise, schedulers, VAE runs, previews, masks, memory and interruption, shared by
every model family, and one package per family (:mod:`.sd`, :mod:`.flux`, :mod:`.sd3`).

This is the layer that runs torch and diffusers; it uses the model manager, never the reverse. The node
engine above it stays torch-free: nodes import from here lazily inside ``invoke`` so that listing or
validating nodes never loads torch. Families share only the modules here, never each other's packages.
"""
