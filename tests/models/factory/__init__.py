"""Tiny real models for tests, written in the real file formats.

Every writer is seeded (same call, same bytes), fast, returns the path it wrote, and keeps the
dimensions that identification and pipelines depend on (text width 768 / 1024 / 1280, cross-attention
768 / 1024 / 2048 / 1280, FLUX 64 / 384 input channels and 4096-wide T5 context, 4 / 16 latent channels,
a VAE that scales by 8) while everything else is a layer or two of a few channels. The diffusers
folders load with ``from_pretrained`` offline; the original-layout checkpoints written with ``source=``
load back bit-identically with ``from_single_file(path, config=source, local_files_only=True)``.

Ready (all of them):

- diffusers folders: ``write_sd1_diffusers``, ``write_sd2_diffusers``, ``write_sdxl_diffusers``,
  ``write_flux_diffusers`` (``repo_variant="fp16"`` writes ``*.fp16.safetensors``)
- single files: ``write_sd1_checkpoint``, ``write_sd2_checkpoint``, ``write_sdxl_checkpoint`` (``source=``
  a folder to convert it), ``write_flux_checkpoint`` (BFL layout), ``write_flux_gguf`` (F16/BF16/Q8_0/Q4_0),
  ``write_flux_all_in_one`` (ComfyUI: transformer, VAE, CLIP-L and T5 in one file), ``write_flux_nf4``
- FLUX text encoder files: ``write_t5_file`` (``fp8=True``: float8), ``write_t5_gguf``, ``write_clip_l_file``
- ``write_lora`` (kohya / peft / loha / lokr for sd-1, sd-2, sdxl, flux), ``write_flux_lora`` (peft /
  kohya / xlabs for a given FLUX transformer), ``write_embedding``,
  ``write_vae``, ``write_controlnet`` (sd-1 / sd-2 / sdxl; flux as a folder only), ``write_t2i_adapter``,
  ``write_esrgan``, ``write_ip_adapter``, ``write_clip_vision``, ``write_t5_encoder``
- ControlNet preprocessors (:mod:`.preprocessors`): ``write_depth_anything``, ``write_dpt`` (folders) and
  the annotator files ``write_hed``, ``write_lineart``, ``write_pidinet``, ``write_openpose_body``...
- FLUX Redux (:mod:`.redux`): ``write_siglip`` (a SigLIP vision folder, alone or in a whole SigLIP model)
  and ``write_flux_redux`` (BFL's Redux file)
- ``write_malicious_pickle`` (creates ``marker_file`` if unpickled unsafely)
- ``write_a1111_tree`` / ``write_comfyui_tree`` and their contents ``A1111_TREE`` / ``COMFYUI_TREE``

Known limits: diffusers' kohya-FLUX-LoRA converter assumes the full 3072 width, so the tiny kohya FLUX
LoRA identifies correctly but does not load through diffusers (the PEFT FLUX LoRA does). FLUX single
files load through Impasto's own converter.
"""

from .checkpoints import write_sd1_checkpoint, write_sd2_checkpoint, write_sdxl_checkpoint
from .encoders import write_clip_l_file, write_t5_file, write_t5_gguf
from .extras import (
    write_clip_vision,
    write_controlnet,
    write_embedding,
    write_esrgan,
    write_ip_adapter,
    write_lama,
    write_t2i_adapter,
    write_t5_encoder,
    write_vae,
)
from .flux import write_flux_all_in_one, write_flux_checkpoint, write_flux_gguf, write_flux_nf4
from .folders import write_flux_diffusers, write_sd1_diffusers, write_sd2_diffusers, write_sdxl_diffusers
from .lora import write_flux_lora, write_lora
from .malicious import write_malicious_pickle
from .preprocessors import (
    write_depth_anything,
    write_dpt,
    write_hed,
    write_lineart,
    write_lineart_anime,
    write_mlsd,
    write_openpose_body,
    write_openpose_hand,
    write_pidinet,
)
from .redux import write_flux_redux, write_siglip
from .trees import A1111_TREE, COMFYUI_TREE, write_a1111_tree, write_comfyui_tree

__all__ = [
    "A1111_TREE",
    "COMFYUI_TREE",
    "write_a1111_tree",
    "write_clip_l_file",
    "write_clip_vision",
    "write_comfyui_tree",
    "write_controlnet",
    "write_depth_anything",
    "write_dpt",
    "write_embedding",
    "write_esrgan",
    "write_flux_all_in_one",
    "write_flux_checkpoint",
    "write_flux_diffusers",
    "write_flux_gguf",
    "write_flux_lora",
    "write_flux_nf4",
    "write_flux_redux",
    "write_hed",
    "write_ip_adapter",
    "write_lama",
    "write_lineart",
    "write_lineart_anime",
    "write_lora",
    "write_malicious_pickle",
    "write_mlsd",
    "write_openpose_body",
    "write_openpose_hand",
    "write_pidinet",
    "write_sd1_checkpoint",
    "write_sd1_diffusers",
    "write_sd2_checkpoint",
    "write_sd2_diffusers",
    "write_sdxl_checkpoint",
    "write_sdxl_diffusers",
    "write_siglip",
    "write_t2i_adapter",
    "write_t5_encoder",
    "write_t5_file",
    "write_t5_gguf",
    "write_vae",
]
