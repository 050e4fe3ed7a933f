"""Fetching a model from a Hugging Face repository through ``huggingface_hub``.

Files go through the hub's own cache (shared with diffusers and transformers, resumable, and usable offline
with ``HF_HUB_OFFLINE=1``), then into a staging folder as hard links where the file system allows (else
copies), from where the installer moves them into the models folder. Only the files a model needs are
fetched: for a diffusers repository its configs, tokenizers and one set of weights per component (safetensors
preferred, the requested variant such as ``fp16`` if given); for a repository with one model file, that file.
The token comes from the configuration (or the hub's own login) and is never logged.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tqdm.std import tqdm  # type: ignore[import-untyped]

from impasto.errors import ImpastoError, InvalidInputError, NotFoundError
from impasto.models.install.jobs import InstallCanceledError
from impasto.models.install.sources import HFSource

logger = logging.getLogger(__name__)

WEIGHT_SUFFIXES = (".safetensors", ".sft", ".bin", ".ckpt", ".pt", ".pth", ".gguf")
SUPPORT_SUFFIXES = (".json", ".txt", ".model", ".tiktoken")
IP_ADAPTER_MARKER = "image_encoder.txt"
IP_ADAPTER_WEIGHTS = ("ip_adapter.safetensors", "ip_adapter.bin")
SKIPPED_FOLDERS = ("onnx", "openvino", "flax", "coreml", "tf", "mlx", "ov")
Progress = Callable[[int, int | None], None]


class HubError(ImpastoError):
    """The Hugging Face hub refused or could not answer (unknown repository, gated, offline without cache)."""

    code = "hub_error"
    status_code = 502


def fetch_from_hub(
    source: HFSource,
    staging: Path,
    *,
    token: str | None,
    cache_dir: Path | None,
    progress: Progress,
    cancel: threading.Event,
) -> Path:
    """Fetch what ``source`` names into ``staging``; returns the model file or folder there."""
    bar = _progress_class(progress, cancel)
    if source.filename:
        files = [source.filename]
    else:
        listing = list_repo_files(source, token, cache_dir)
        components = None
        if "model_index.json" in listing:
            components = pipeline_components(_download(source, "model_index.json", token, cache_dir, bar))
        files = choose_files(listing, source, components)
    single = source.filename is not None or (len(files) == 1 and not _is_folder_model(files))
    name = Path(files[0]).name if single else source.repo_id.split("/", 1)[1]
    target = staging / name
    for file in files:
        if cancel.is_set():
            raise InstallCanceledError("the download was canceled")
        cached = _download(source, file, token, cache_dir, bar)
        _link_or_copy(cached, target if single else target / file)
    return target


def list_repo_files(source: HFSource, token: str | None, cache_dir: Path | None) -> list[str]:
    """The repository's files: asked of the hub, or read from the local cache when offline."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
    )

    try:
        return list(HfApi().list_repo_files(source.repo_id, token=token))
    except GatedRepoError as exc:
        raise HubError(
            f"'{source.repo_id}' is gated: accept its licence on huggingface.co and set hf_token"
        ) from exc
    except RepositoryNotFoundError as exc:
        raise NotFoundError(f"no Hugging Face repository '{source.repo_id}' (or it is private)") from exc
    except (OfflineModeIsEnabled, HfHubHTTPError, OSError) as exc:
        cached = _cached_files(source.repo_id, cache_dir)
        if cached is None:
            raise HubError(f"cannot list '{source.repo_id}' on the hub and it is not cached: {exc}") from exc
        return cached


def _cached_files(repo_id: str, cache_dir: Path | None) -> list[str] | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        folder = Path(snapshot_download(repo_id, cache_dir=cache_dir, local_files_only=True))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def pipeline_components(model_index: Path) -> set[str]:
    """The sub-folders a diffusers pipeline uses, from its ``model_index.json`` (others are extras)."""
    try:
        index = json.loads(model_index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HubError(f"the repository's model_index.json is not readable: {exc}") from exc
    return {
        name
        for name, value in index.items()
        if not name.startswith("_") and isinstance(value, list) and value and value[0] is not None
    }


def choose_files(files: list[str], source: HFSource, components: set[str] | None = None) -> list[str]:
    """The files one model of the repository needs (see the module docstring).

    ``components``, when given, are the only sub-folders taken (a pipeline's ``model_index.json`` names
    them; repositories often hold extra folders such as an older VAE).
    """
    useful = [f for f in files if not _skipped(f)]
    if components is not None:
        useful = [f for f in useful if "/" not in f or f.split("/", 1)[0] in components]
    if "model_index.json" in useful or "config.json" in useful:
        return _folder_files(useful, source.variant)
    if IP_ADAPTER_MARKER in useful:  # an IP-Adapter in InvokeAI's layout (e.g. InvokeAI/ip_adapter_sd15)
        found = [name for name in IP_ADAPTER_WEIGHTS if name in useful]
        if found:
            return [IP_ADAPTER_MARKER, found[0]]
    weights = [f for f in useful if "/" not in f and f.endswith(WEIGHT_SUFFIXES)]
    if len(weights) == 1:
        return weights
    if not weights:
        raise UnrecognisedRepoError(
            f"'{source.repo_id}' holds neither a diffusers model (model_index.json, config.json) "
            "nor a model file"
        )
    listed = ", ".join(weights[:8])
    raise InvalidInputError(
        f"'{source.repo_id}' holds several model files ({listed}); pick one with {source.repo_id}::FILE",
        details={"files": weights},
    )


class UnrecognisedRepoError(InvalidInputError):
    """A repository without a model this installer understands."""

    code = "unrecognised_repository"


def _skipped(file: str) -> bool:
    parts = file.split("/")
    return (
        parts[0].startswith(".") or parts[0] in SKIPPED_FOLDERS or file.endswith((".msgpack", ".h5", ".onnx"))
    )


def _is_folder_model(files: list[str]) -> bool:
    return any(f.endswith("config.json") or "/" in f or f == IP_ADAPTER_MARKER for f in files)


def _folder_files(files: list[str], variant: str | None) -> list[str]:
    """Configs and tokenizers of a diffusers layout, plus the best weights of each folder."""
    chosen = [f for f in files if f.endswith(SUPPORT_SUFFIXES) or f.split("/")[0].startswith("tokenizer")]
    in_folders = "model_index.json" in files
    by_folder: dict[str, list[str]] = {}
    for file in files:
        folder, _, _ = file.rpartition("/")
        if file.endswith(WEIGHT_SUFFIXES) and (folder or not in_folders):
            by_folder.setdefault(folder, []).append(file)
    for weights in by_folder.values():
        chosen.extend(_best_weights(weights, variant))
    return sorted(set(chosen))


def _best_weights(weights: list[str], variant: str | None) -> list[str]:
    """One format (safetensors first) and one variant (the wanted one, else none) of a folder's weights."""
    for suffix in (".safetensors", ".bin", ".sft", ".gguf", ".ckpt", ".pt", ".pth"):
        of_format = [w for w in weights if w.endswith(suffix)]
        if not of_format:
            continue
        wanted = [w for w in of_format if _variant_of(w) == variant]
        plain = [w for w in of_format if _variant_of(w) is None]
        return wanted or plain or of_format
    return []


def _variant_of(file: str) -> str | None:
    """``fp16`` for ``unet/diffusion_pytorch_model.fp16.safetensors`` or ``model.fp16-00001-of-00002.bin``."""
    stem = Path(file).name.split(".")
    if len(stem) < 3:
        return None
    return re.sub(r"-\d{5}-of-\d{5}$", "", stem[-2])


def _download(source: HFSource, file: str, token: str | None, cache_dir: Path | None, bar: Any) -> Path:
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import EntryNotFoundError, GatedRepoError, LocalEntryNotFoundError

    try:
        return Path(hf_hub_download(source.repo_id, file, cache_dir=cache_dir, token=token, tqdm_class=bar))
    except LocalEntryNotFoundError as exc:  # a subclass of EntryNotFoundError: first
        raise HubError(f"'{file}' of '{source.repo_id}' is not cached and the hub cannot be reached") from exc
    except EntryNotFoundError as exc:
        raise NotFoundError(f"'{source.repo_id}' has no file '{file}'") from exc
    except GatedRepoError as exc:
        raise HubError(f"'{source.repo_id}' is gated: accept its licence and set hf_token") from exc


def _link_or_copy(cached: Path, target: Path) -> None:
    """A hard link to the cached blob where possible (no second copy on disk), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    blob = cached.resolve()
    try:
        os.link(blob, target)
    except OSError:
        shutil.copyfile(blob, target)


def _progress_class(progress: Progress, cancel: threading.Event) -> type[Any]:
    """A silent progress bar for the hub that reports bytes to the job and stops a canceled download."""

    class JobBar(tqdm):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)
            self.done = int(kwargs.get("initial") or 0)

        def update(self, n: float | None = 1) -> bool | None:
            if cancel.is_set():
                raise InstallCanceledError("the download was canceled")
            self.done += int(n or 0)
            total = getattr(self, "total", None)
            progress(self.done, int(total) if total else None)
            return None

    return JobBar
