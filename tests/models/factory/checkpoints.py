"""Writers of original-layout single-file checkpoints (SD 1.x, SD 2.x, SDXL and its refiner).

A checkpoint holds the UNet under ``model.diffusion_model.``, the VAE under ``first_stage_model.`` and
the text encoder(s) where the original code keeps them: ``cond_stage_model.transformer.`` (SD 1.x, a
transformers CLIP), ``cond_stage_model.model.`` (SD 2.x, OpenCLIP layout), ``conditioner.embedders.0/1``
(SDXL: CLIP then OpenCLIP bigG; the refiner has only ``embedders.0``, OpenCLIP). With ``source`` the
weights are exactly that diffusers folder's, so ``from_single_file(path, config=source)`` rebuilds it.
The suffix picks the container: ``.safetensors``, or a ``{"state_dict", "global_step"}`` pickle.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import torch
from safetensors.torch import load_file, save_file

from .folders import SdVariant, sd1_pipeline, sd2_pipeline, sd2_prediction, sdxl_pipeline
from .ldm import StateDict, clip_to_ldm, clip_to_open_clip, prefixed, unet_to_ldm, vae_to_ldm

Part = tuple[StateDict, dict[str, Any]]
SD2_EPSILON_STEP = 220000  # the one global_step that marks SD 2.x epsilon (512-base) checkpoints
SD2_V_STEP = 140000
PICKLE_SUFFIXES = (".ckpt", ".pt", ".pth", ".bin")


def parts_of_pipeline(pipe: Any) -> dict[str, Part]:
    """State dicts and configs of a pipeline's model components."""
    parts: dict[str, Part] = {}
    for name, module in pipe.components.items():
        if isinstance(module, torch.nn.Module):
            config: Any = module.config
            as_dict = config.to_dict() if hasattr(config, "to_dict") else dict(config)
            parts[name] = (module.state_dict(), as_dict)
    return parts


def parts_of_folder(folder: Path) -> dict[str, Part]:
    """State dicts and configs of a diffusers folder's components, read from its files."""
    parts: dict[str, Part] = {}
    for config_file in sorted(Path(folder).glob("*/config.json")):
        weights = sorted(config_file.parent.glob("*.safetensors"))
        if not weights:
            continue
        state: StateDict = {}
        for file in weights:
            state.update(load_file(file))
        parts[config_file.parent.name] = (state, json.loads(config_file.read_text()))
    return parts


def _unet_and_vae(parts: dict[str, Part]) -> StateDict:
    unet_state, unet_config = parts["unet"]
    vae_state, vae_config = parts["vae"]
    state = prefixed(unet_to_ldm(unet_state, unet_config), "model.diffusion_model.")
    state.update(prefixed(vae_to_ldm(vae_state, vae_config), "first_stage_model."))
    return state


def sd1_state(parts: dict[str, Part]) -> StateDict:
    """An SD 1.x checkpoint's tensors."""
    state = _unet_and_vae(parts)
    state.update(prefixed(clip_to_ldm(parts["text_encoder"][0]), "cond_stage_model.transformer."))
    return state


def sd2_state(parts: dict[str, Part]) -> StateDict:
    """An SD 2.x checkpoint's tensors (text encoder in OpenCLIP layout)."""
    state = _unet_and_vae(parts)
    state.update(prefixed(clip_to_open_clip(parts["text_encoder"][0]), "cond_stage_model.model."))
    return state


def sdxl_state(parts: dict[str, Part]) -> StateDict:
    """An SDXL (or refiner) checkpoint's tensors."""
    state = _unet_and_vae(parts)
    open_clip = clip_to_open_clip(parts["text_encoder_2"][0])
    if "text_encoder" in parts:
        state.update(prefixed(clip_to_ldm(parts["text_encoder"][0]), "conditioner.embedders.0.transformer."))
        state.update(prefixed(open_clip, "conditioner.embedders.1.model."))
    else:
        state.update(prefixed(open_clip, "conditioner.embedders.0.model."))
    return state


def _save_safetensors(tensors: StateDict, path: Path, metadata: dict[str, str] | None) -> None:
    """``save_file``, then the metadata put in sorted order: safetensors writes it in hash-map order,
    which changes from run to run, and the factory's files must be byte-for-byte reproducible."""
    save_file(tensors, str(path), metadata={"format": "pt", **(metadata or {})})
    with path.open("r+b") as handle:
        length = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(length))
        header["__metadata__"] = dict(sorted(header["__metadata__"].items()))
        text = json.dumps(header, separators=(",", ":")).encode("utf-8")
        if len(text) <= length:  # same content, so the same length; pad as safetensors does
            handle.seek(8)
            handle.write(text.ljust(length, b" "))


def save_state(
    path: Path, state: StateDict, *, global_step: int | None = None, metadata: dict[str, str] | None = None
) -> Path:
    """Write tensors as ``.safetensors`` (with metadata) or as a pickled ``{"state_dict": ...}``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tensors = {k: v.detach().contiguous() for k, v in state.items()}
    if path.suffix == ".safetensors":
        _save_safetensors(tensors, path, metadata)
    elif path.suffix in PICKLE_SUFFIXES:
        payload: dict[str, Any] = {"state_dict": tensors}
        if global_step is not None:
            payload["global_step"] = global_step
        torch.save(payload, path)
    else:
        raise ValueError(f"unsupported checkpoint suffix {path.suffix!r}")
    return path


def save_tensors(path: Path, tensors: StateDict, *, metadata: dict[str, str] | None = None) -> Path:
    """Write a flat tensor dict as ``.safetensors`` (with metadata) or as a plain pickled dict."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = {k: v.detach().contiguous() for k, v in tensors.items()}
    if path.suffix == ".safetensors":
        _save_safetensors(flat, path, metadata)
    elif path.suffix in PICKLE_SUFFIXES:
        torch.save(flat, path)
    else:
        raise ValueError(f"unsupported weights suffix {path.suffix!r}")
    return path


def write_sd1_checkpoint(
    path: Path, *, source: Path | None = None, variant: Literal["normal", "inpaint"] = "normal"
) -> Path:
    """An SD 1.x original checkpoint (``variant`` is ignored when ``source`` gives the weights)."""
    parts = parts_of_folder(source) if source else parts_of_pipeline(sd1_pipeline(variant))
    return save_state(path, sd1_state(parts), global_step=470000)


def _folder_prediction(source: Path) -> str:
    config = json.loads((Path(source) / "scheduler" / "scheduler_config.json").read_text())
    return str(config.get("prediction_type", "epsilon"))


def write_sd2_checkpoint(
    path: Path,
    *,
    source: Path | None = None,
    prediction: Literal["v_prediction", "epsilon"] | None = None,
    variant: SdVariant = "normal",
) -> Path:
    """An SD 2.x original checkpoint; the prediction is marked the way real files mark it.

    Pickles carry ``global_step`` (220000 is the epsilon 512-base model); ``.safetensors`` carry
    ``modelspec.prediction_type`` metadata as the SAI model spec writes it ("epsilon" or "v").
    ``prediction`` defaults to the source folder's scheduler setting, else to what the published models
    use (v for normal, epsilon for inpaint and depth).
    """
    chosen = (
        _folder_prediction(source) if source and prediction is None else sd2_prediction(prediction, variant)
    )
    prediction = "epsilon" if chosen == "epsilon" else "v_prediction"
    parts = parts_of_folder(source) if source else parts_of_pipeline(sd2_pipeline(prediction, variant))
    epsilon = prediction == "epsilon"
    metadata = {"modelspec.prediction_type": "epsilon" if epsilon else "v"}
    step = SD2_EPSILON_STEP if epsilon else SD2_V_STEP
    return save_state(path, sd2_state(parts), global_step=step, metadata=metadata)


def write_sdxl_checkpoint(
    path: Path,
    *,
    source: Path | None = None,
    refiner: bool = False,
    variant: Literal["normal", "inpaint"] = "normal",
) -> Path:
    """An SDXL base or refiner original checkpoint."""
    parts = (
        parts_of_folder(source)
        if source
        else parts_of_pipeline(sdxl_pipeline(refiner=refiner, variant=variant))
    )
    return save_state(path, sdxl_state(parts))
