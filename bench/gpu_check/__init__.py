"""The GPU check (`python bench/gpu.py`): full-size SD 1.5 and SDXL UNets and the FLUX.1 dev transformer
with random weights on CUDA.

It measures denoiser iterations per second of a plain diffusers loop (SDPA attention) against Impasto's
denoise paths, eager, channels-last (UNets) and compiled, their peak device memory, how far apart their
final latents end (FLUX), and Impasto's partial loading of the SDXL UNet and the FLUX transformer under a
device budget smaller than the model. ``--dry-run`` runs the same code on the CPU with scaled-down models
in seconds, so that it keeps working between GPU runs.

It imports only torch, diffusers (with its own requirements), pydantic, Pillow and Impasto's generation
and model-cache modules: no web server or database stack, so it runs from a source tree on a machine
whose image already has torch.
"""
