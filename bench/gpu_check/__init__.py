"""The GPU check (`python bench/gpu.py`): full-size SD 1.5 and SDXL UNets with random weights on CUDA.

It measures UNet iterations per second of a plain diffusers loop (SDPA attention) against Impasto's
denoise path, eager, channels-last and compiled, their peak device memory, and Impasto's partial
loading of the SDXL UNet under a device budget smaller than the model. ``--dry-run`` runs the same code
on the CPU with scaled-down UNets in seconds, so that it keeps working between GPU runs.

It imports only torch, diffusers (with its own requirements), pydantic, Pillow and Impasto's generation
and model-cache modules: no web server or database stack, so it runs from a source tree on a machine
whose image already has torch.
"""
