"""Identification: what a model file or folder is, told from headers, configs and key shapes alone.

:func:`identify` never executes code from the model: safetensors headers and JSON configs are parsed
directly, pickles are scanned and then loaded weights-only (see :mod:`impasto.models.security`); a folder
has all its pickles scanned, not only those read here, since its loaders may open any of them. Each
kind of model has a small matcher module; they are tried in order and the first verdict wins, so
specific layouts come before generic ones (an SD checkpoint also contains a VAE's keys, and spandrel,
which needs the tensors themselves, is asked last).
"""

from __future__ import annotations

from pathlib import Path

from impasto.errors import InvalidInputError
from impasto.models.identity import ModelIdentity
from impasto.models.probe.annotator_file import match_annotator_file
from impasto.models.probe.base import Candidate, Found, Matcher
from impasto.models.probe.component_folder import match_component_folder
from impasto.models.probe.controlnet_file import match_controlnet_file
from impasto.models.probe.depth_folder import match_depth_folder
from impasto.models.probe.diffusers_main import match_diffusers_main
from impasto.models.probe.embedding import match_embedding_file, match_embedding_folder
from impasto.models.probe.encoder_file import match_encoder_file
from impasto.models.probe.flux_file import match_flux_file
from impasto.models.probe.flux_redux import match_flux_redux_file
from impasto.models.probe.ip_adapter import match_ip_adapter, match_ip_adapter_folder
from impasto.models.probe.lora import match_lora
from impasto.models.probe.sd3_file import match_sd3_file
from impasto.models.probe.sd_checkpoint import match_sd_checkpoint
from impasto.models.probe.siglip_folder import match_siglip_folder
from impasto.models.probe.upscaler import match_upscaler
from impasto.models.probe.vae_file import match_vae_file
from impasto.models.security import scan_folder_pickles

FOLDER_MATCHERS: tuple[Matcher, ...] = (
    match_diffusers_main,
    match_component_folder,
    match_depth_folder,
    match_siglip_folder,
    match_embedding_folder,
    match_ip_adapter_folder,
)
FILE_MATCHERS: tuple[Matcher, ...] = (
    match_flux_file,
    match_flux_redux_file,
    match_sd3_file,
    match_sd_checkpoint,
    match_encoder_file,
    match_controlnet_file,
    match_annotator_file,
    match_lora,
    match_ip_adapter,
    match_vae_file,
    match_embedding_file,
    match_upscaler,
)

__all__ = ["FILE_MATCHERS", "FOLDER_MATCHERS", "Candidate", "Found", "identify"]


def identify(path: Path) -> ModelIdentity:
    """What ``path`` is; raises ``UnrecognisedModelError`` listing a sample of the keys or files seen.

    Damaged files raise ``DamagedModelError`` and pickles that would run code ``UnsafeModelError``; in a
    folder every pickle is scanned first, whether or not identification reads it.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise InvalidInputError(f"cannot identify {path}: no such file or folder")
    if path.is_dir():
        scan_folder_pickles(path)
    candidate = Candidate(path)
    if not path.is_dir() and candidate.maybe_weights is None:
        raise candidate.unrecognised()
    for matcher in FOLDER_MATCHERS if path.is_dir() else FILE_MATCHERS:
        found = matcher(candidate)
        if found is not None:
            return candidate.identity(found)
    raise candidate.unrecognised()
