"""Listing the models below a folder, including the model trees of AUTOMATIC1111 and ComfyUI.

For such a tree only its model folders are walked (not its extensions, virtual environments or outputs,
where stray ``.pt`` and ``.bin`` files abound), and each entry says which tree folder it was found in. Every
candidate is identified; what is not a model says why, so a user can see why a file was skipped.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from impasto.errors import ImpastoError, InvalidInputError
from impasto.models.identity import ModelIdentity
from impasto.models.install.paths import PathRules, is_regular
from impasto.models.install.sources import exists, local_path
from impasto.models.records import ModelRecordService
from impasto.models.taxonomy import ModelType

logger = logging.getLogger(__name__)

MODEL_SUFFIXES = frozenset({".safetensors", ".sft", ".ckpt", ".pt", ".pth", ".bin", ".gguf"})
FOLDER_MARKERS = (
    "model_index.json",
    "config.json",
    "learned_embeds.safetensors",
    "learned_embeds.bin",
    "image_encoder.txt",  # an IP-Adapter in InvokeAI's layout
)
MAX_ENTRIES = 10000
Layout = Literal["a1111", "comfyui", "folder"]

A1111_FOLDERS: dict[str, ModelType] = {
    "models/Stable-diffusion": ModelType.MAIN,
    "models/Lora": ModelType.LORA,
    "models/LyCORIS": ModelType.LORA,
    "models/VAE": ModelType.VAE,
    "embeddings": ModelType.EMBEDDING,
    "models/ControlNet": ModelType.CONTROLNET,
    "extensions/sd-webui-controlnet/models": ModelType.CONTROLNET,
    "models/ESRGAN": ModelType.UPSCALER,
    "models/RealESRGAN": ModelType.UPSCALER,
    "models/SwinIR": ModelType.UPSCALER,
}
COMFYUI_FOLDERS: dict[str, ModelType] = {
    "models/checkpoints": ModelType.MAIN,
    "models/diffusers": ModelType.MAIN,
    "models/unet": ModelType.MAIN,
    "models/diffusion_models": ModelType.MAIN,
    "models/loras": ModelType.LORA,
    "models/vae": ModelType.VAE,
    "models/embeddings": ModelType.EMBEDDING,
    "models/controlnet": ModelType.CONTROLNET,
    "models/t2i_adapter": ModelType.T2I_ADAPTER,
    "models/upscale_models": ModelType.UPSCALER,
    "models/clip_vision": ModelType.CLIP_VISION,
    "models/clip": ModelType.CLIP_EMBED,
    "models/text_encoders": ModelType.CLIP_EMBED,
    "models/ipadapter": ModelType.IP_ADAPTER,
    "models/style_models": ModelType.FLUX_REDUX,
}


class ScanEntry(BaseModel):
    """One model-like file or folder found by a scan."""

    path: str = Field(description="Absolute path of the file or folder.")
    tree_folder: str | None = Field(
        None, description="The AUTOMATIC1111 or ComfyUI folder it was found in, e.g. 'models/Lora'."
    )
    expected_type: ModelType | None = Field(None, description="The model type that tree folder holds.")
    identity: ModelIdentity | None = Field(None, description="What it is, when identification succeeded.")
    error: str | None = Field(None, description="Why it is not installable, when identification failed.")
    error_code: str | None = Field(None, description="Kind of that error, e.g. 'unrecognised_model'.")
    installed_key: str | None = Field(None, description="Key of its record, when installed already.")


class ScanResult(BaseModel):
    """Everything model-like below a folder."""

    folder: str = Field(description="The scanned folder (absolute).")
    layout: Layout = Field(description="Recognised tree: AUTOMATIC1111, ComfyUI, or a plain folder.")
    entries: list[ScanEntry] = Field(description="What was found, by path.")
    truncated: bool = Field(False, description="True when the scan stopped at its limit of entries.")


def scan_folder(folder: Path, records: ModelRecordService, rules: PathRules | None = None) -> ScanResult:
    """Find and identify every model-like file and folder below ``folder``.

    Devices and FIFOs named like models are skipped (reading them would never end), as are links that
    lead outside the folders ``rules`` allow.
    """
    from impasto.models.probe import identify

    root = checked_folder(folder)
    layout, roots = detect_layout(root)
    entries: list[ScanEntry] = []
    truncated = False
    for path, tree_folder, expected in _candidates(root, roots):
        if not is_regular(path) or (rules is not None and not rules.allows(path)):
            continue
        if len(entries) >= MAX_ENTRIES:
            truncated = True
            break
        entry = ScanEntry(path=str(path), tree_folder=tree_folder, expected_type=expected)
        try:
            entry.identity = identify(path)
        except ImpastoError as exc:
            entry.error, entry.error_code = exc.message, exc.code
        except Exception as exc:  # a broken file must not end the scan of the others
            logger.warning("identifying %s failed", path, exc_info=True)
            entry.error, entry.error_code = f"{type(exc).__name__}: {exc}", "identification_failed"
        record = records.find_by_path(path)
        entry.installed_key = record.key if record else None
        entries.append(entry)
    return ScanResult(folder=str(root), layout=layout, entries=entries, truncated=truncated)


def detect_layout(root: Path) -> tuple[Layout, dict[str, tuple[Path, ModelType | None]]]:
    """The tree kind and the folders to walk, keyed by their name in that tree."""
    for layout, folders in (("a1111", A1111_FOLDERS), ("comfyui", COMFYUI_FOLDERS)):
        marker = "models/Stable-diffusion" if layout == "a1111" else "models/checkpoints"
        for base in (root, root.parent):
            if (base / marker).is_dir() and (base == root or root.name == "models"):
                found = {
                    name: (base / name, kind) for name, kind in folders.items() if (base / name).is_dir()
                }
                return layout, found  # type: ignore[return-value]
    return "folder", {"": (root, None)}


def checked_folder(folder: Path) -> Path:
    """``folder`` made absolute; ``InvalidInputError`` when it is not an existing folder."""
    path = local_path(str(folder))
    if not exists(path):
        raise InvalidInputError(f"the folder {path} does not exist")
    if not path.is_dir():
        raise InvalidInputError(f"{path} is not a folder")
    return path.resolve()


def _candidates(
    root: Path, roots: dict[str, tuple[Path, ModelType | None]]
) -> Iterator[tuple[Path, str | None, ModelType | None]]:
    for name, (start, expected) in roots.items():
        for path in _walk(start):
            yield path, name or None, expected


def _walk(start: Path) -> Iterator[Path]:
    """Model files and model folders below ``start``, sorted; a model folder is not looked into."""
    for current, dirs, files in os.walk(start, followlinks=False):
        here = Path(current)
        if is_model_folder(here, files):
            dirs[:] = []
            yield here
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for file in sorted(files):
            if Path(file).suffix.lower() in MODEL_SUFFIXES and not file.startswith("."):
                yield here / file


def is_model_folder(path: Path, files: list[str] | None = None) -> bool:
    """A diffusers/transformers folder: a pipeline index, or a config beside weights."""
    names = set(files if files is not None else (p.name for p in path.iterdir()))
    if "model_index.json" in names:
        return True
    has_weights = any(Path(n).suffix.lower() in MODEL_SUFFIXES for n in names)
    return has_weights and any(marker in names for marker in FOLDER_MARKERS)
