"""Architecture configs shipped with Impasto, so single-file checkpoints load without the network.

Each folder is in diffusers format (``model_index.json`` and one folder per component with its
``config.json``, tokenizer settings or scheduler config) and describes one published architecture:

- ``sd1`` / ``sd1-inpaint``: Stable Diffusion 1.5 (inpaint: a 9-channel UNet input)
- ``sd2`` (2.1-base, 512 px, epsilon), ``sd2-v`` (2.1, 768 px, v-prediction), ``sd2-inpaint``, ``sd2-depth``
- ``sdxl`` / ``sdxl-inpaint``: SDXL base 1.0; ``sdxl-refiner``: the SDXL 1.0 refiner
- ``flux-dev`` / ``flux-schnell`` / ``flux-fill``: FLUX.1 (transformer, VAE, scheduler and encoder configs);
  Kontext shares dev's architecture and config
- ``sd35-medium`` / ``sd35-large``: Stable Diffusion 3.5 (Large Turbo shares Large's architecture). No T5
  tokenizer is shipped (its SentencePiece model is not in any dependency): a single file's T5 runs with the
  tokenizer of a config_path folder, or a standalone T5 encoder model is used instead.

``sd1``, ``sd2``, ``sd2-v`` and ``sdxl`` also hold a ``controlnet`` config for ControlNets of that base.
Tokenizer folders carry only their settings: the CLIP vocabulary is built from open_clip's package data
(see :mod:`impasto.models.loaders.clip_tokenizer`). ``t5`` is no model config but T5 v1.1's tokenizer,
which no dependency ships (see :mod:`impasto.models.loaders.t5_tokenizer`). The configs instantiate models
with the published parameter counts (SD 1.5 UNet 859,520,964; SDXL UNet 2,567,463,684; ...), which a test
checks.
"""

from __future__ import annotations

from pathlib import Path

from impasto.models.taxonomy import BaseModelType, ModelVariant, PredictionType

CONFIGS_ROOT = Path(__file__).parent


def config_names() -> list[str]:
    """Every shipped config folder."""
    return sorted(p.name for p in CONFIGS_ROOT.iterdir() if (p / "model_index.json").is_file())


def config_folder(name: str) -> Path:
    """The path of a shipped config folder."""
    folder = CONFIGS_ROOT / name
    if not (folder / "model_index.json").is_file():
        raise KeyError(f"no shipped config {name!r}; shipped: {', '.join(config_names())}")
    return folder


def config_name_for(
    base: BaseModelType, variant: ModelVariant | None = None, prediction: PredictionType | None = None
) -> str | None:
    """The shipped config for a main model of this base, variant and prediction type (None: none shipped).

    SD 2.x without a known prediction type is taken as the 768 px v-prediction model, the common one.
    """
    if base is BaseModelType.SD1:
        return "sd1-inpaint" if variant is ModelVariant.INPAINT else "sd1"
    if base is BaseModelType.SD2:
        if variant in (ModelVariant.INPAINT, ModelVariant.DEPTH):
            return f"sd2-{variant}"
        return "sd2" if prediction is PredictionType.EPSILON else "sd2-v"
    if base is BaseModelType.SDXL:
        return "sdxl-inpaint" if variant is ModelVariant.INPAINT else "sdxl"
    if base is BaseModelType.SDXL_REFINER:
        return "sdxl-refiner"
    if base is BaseModelType.FLUX:
        flux = {ModelVariant.FLUX_SCHNELL: "flux-schnell", ModelVariant.FLUX_FILL: "flux-fill"}
        return flux.get(variant, "flux-dev") if variant else "flux-dev"
    if base is BaseModelType.SD3:
        return "sd35-medium" if variant is ModelVariant.SD3_MEDIUM else "sd35-large"
    return None


def component_config_for(base: BaseModelType, component: str) -> Path | None:
    """A config folder holding ``<component>/config.json`` for a standalone model of this base
    (a VAE or ControlNet file), or None when none is shipped."""
    name = config_name_for(base)
    if name is None:
        return None
    folder = CONFIGS_ROOT / name
    return folder if (folder / component / "config.json").is_file() else None
