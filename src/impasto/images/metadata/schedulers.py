"""Scheduler names: Impasto's (the ones InvokeAI uses), AUTOMATIC1111's samplers and ComfyUI's pairs.

Impasto names a scheduler by algorithm plus ``_k`` for Karras sigmas (``dpmpp_2m_k``). AUTOMATIC1111 writes
the algorithm as ``Sampler`` and the sigmas as ``Schedule type: Karras`` (before version 1.9 both were one
name, ``DPM++ 2M Karras``). ComfyUI writes ``sampler_name`` and ``scheduler`` separately. Where a tool has
no exact equivalent the nearest well-known name is used, so that images still link up on sites that read
the infotext.
"""

from __future__ import annotations

KARRAS_SUFFIX = "_k"

# Impasto algorithm -> A1111 sampler name.
_A1111: dict[str, str] = {
    "ddim": "DDIM",
    "ddpm": "DDPM",
    "deis": "DEIS",
    "lms": "LMS",
    "pndm": "PLMS",
    "heun": "Heun",
    "euler": "Euler",
    "euler_a": "Euler a",
    "kdpm_2": "DPM2",
    "kdpm_2_a": "DPM2 a",
    "dpmpp_2s": "DPM++ 2S a",
    "dpmpp_2m": "DPM++ 2M",
    "dpmpp_2m_sde": "DPM++ 2M SDE",
    "dpmpp_3m": "DPM++ 3M SDE",
    "dpmpp_sde": "DPM++ SDE",
    "unipc": "UniPC",
    "lcm": "LCM",
    "tcd": "TCD",
}
_FROM_A1111 = {name.lower(): ours for ours, name in _A1111.items()}

# ComfyUI sampler_name -> Impasto algorithm.
_FROM_COMFY: dict[str, str] = {
    "euler": "euler",
    "euler_ancestral": "euler_a",
    "heun": "heun",
    "dpm_2": "kdpm_2",
    "dpm_2_ancestral": "kdpm_2_a",
    "lms": "lms",
    "dpmpp_2s_ancestral": "dpmpp_2s",
    "dpmpp_sde": "dpmpp_sde",
    "dpmpp_sde_gpu": "dpmpp_sde",
    "dpmpp_2m": "dpmpp_2m",
    "dpmpp_2m_sde": "dpmpp_2m_sde",
    "dpmpp_2m_sde_gpu": "dpmpp_2m_sde",
    "dpmpp_3m_sde": "dpmpp_3m",
    "dpmpp_3m_sde_gpu": "dpmpp_3m",
    "ddim": "ddim",
    "ddpm": "ddpm",
    "deis": "deis",
    "uni_pc": "unipc",
    "uni_pc_bh2": "unipc",
    "lcm": "lcm",
}

# Algorithms that have a Karras variant in Impasto.
KARRAS_CAPABLE = frozenset(
    {"lms", "heun", "euler", "kdpm_2", "kdpm_2_a", "dpmpp_2s", "dpmpp_2m", "dpmpp_2m_sde", "dpmpp_3m"}
    | {"dpmpp_sde", "deis", "unipc"}
)


def split_karras(scheduler: str) -> tuple[str, bool]:
    """``("dpmpp_2m", True)`` for ``dpmpp_2m_k``."""
    if scheduler.endswith(KARRAS_SUFFIX) and scheduler[: -len(KARRAS_SUFFIX)] in KARRAS_CAPABLE:
        return scheduler[: -len(KARRAS_SUFFIX)], True
    return scheduler, False


def with_karras(algorithm: str, karras: bool) -> str:
    """The Impasto name of an algorithm with or without Karras sigmas (when it has that variant)."""
    return algorithm + KARRAS_SUFFIX if karras and algorithm in KARRAS_CAPABLE else algorithm


def to_a1111(scheduler: str) -> tuple[str, str | None]:
    """A1111's ``(Sampler, Schedule type)`` for an Impasto scheduler; unknown names pass through."""
    algorithm, karras = split_karras(scheduler)
    return _A1111.get(algorithm, scheduler), "Karras" if karras else None


def from_a1111(sampler: str, schedule_type: str | None) -> str | None:
    """Impasto's scheduler for an A1111 sampler (``None`` when there is no equivalent)."""
    name = sampler.strip()
    karras = (schedule_type or "").strip().lower() == "karras"
    if name.lower().endswith(" karras"):  # the pre-1.9 combined form
        name, karras = name[: -len(" karras")], True
    algorithm = _FROM_A1111.get(name.lower())
    return with_karras(algorithm, karras) if algorithm is not None else None


def from_comfy(sampler_name: str, scheduler: str | None) -> str | None:
    """Impasto's scheduler for ComfyUI's sampler and scheduler (``None`` when there is no equivalent)."""
    algorithm = _FROM_COMFY.get(sampler_name.strip().lower())
    if algorithm is None:
        return None
    return with_karras(algorithm, (scheduler or "").strip().lower() == "karras")
