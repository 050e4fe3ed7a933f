"""Starter models: well-known models a new user can install with one click, and the models bundled with
Impasto itself, which a fresh root gets installed automatically.

Sizes are approximate download sizes. ``dependencies`` name other starters worth installing alongside (the
SDXL models work best with the fp16-safe SDXL VAE). A starter counts as installed when a record has its
exact source.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from impasto.config import ImpastoConfig
from impasto.errors import NotFoundError
from impasto.models.identity import ModelRecord
from impasto.models.install.jobs import ModelOverrides
from impasto.models.install.place import SilentSink, install_files
from impasto.models.install.scan import MODEL_SUFFIXES
from impasto.models.records import ModelFilter, ModelRecordService
from impasto.models.taxonomy import BaseModelType, DefaultSettings, ModelType

logger = logging.getLogger(__name__)

BUNDLED_DIR = Path(__file__).parent / "bundled"
BUNDLED_PREFIX = "bundled:"


class StarterModel(BaseModel):
    """A model offered for installation by name."""

    id: str = Field(description="Stable id of the starter model.")
    name: str = Field(description="Display name.")
    source: str = Field(description="Where it is installed from: a Hugging Face id, a URL or 'bundled:NAME'.")
    base: BaseModelType = Field(description="Architecture family.")
    type: ModelType = Field(description="What the model does.")
    size_gb: float = Field(ge=0, description="Approximate download size in GB.")
    description: str = Field(description="What it is good for.")
    dependencies: list[str] = Field(default_factory=list, description="Ids of starters it needs or likes.")
    gated: bool = Field(False, description="The repository needs an accepted licence and a hub token.")
    default_settings: DefaultSettings | None = Field(
        None, description="Generation settings that suit this model better than its base's defaults."
    )


class StarterStatus(StarterModel):
    """A starter model and whether it is installed."""

    installed: bool = Field(description="True when a model with this source is installed.")
    model_key: str | None = Field(None, description="Key of the installed model.")


STARTER_MODELS: tuple[StarterModel, ...] = (
    StarterModel(
        id="impasto-shapes",
        name="Impasto Shapes (demo)",
        source=f"{BUNDLED_PREFIX}impasto-shapes",
        base=BaseModelType.SD1,
        type=ModelType.MAIN,
        size_gb=0.013,
        description=(
            "Impasto's own tiny 64 px model, shipped with Impasto and installed on every new root: one or "
            "two flat shapes in eight colours, e.g. 'a red circle on a blue background'. Runs in a second "
            "on a CPU."
        ),
        default_settings=DefaultSettings(width=64, height=64, steps=20, cfg_scale=5.0, scheduler="dpmpp_2m"),
    ),
    StarterModel(
        id="sd15",
        name="Stable Diffusion 1.5",
        source="stable-diffusion-v1-5/stable-diffusion-v1-5:fp16",
        base=BaseModelType.SD1,
        type=ModelType.MAIN,
        size_gb=2.1,
        description="The original 512 px model most SD1 LoRAs, embeddings and ControlNets target.",
        dependencies=["sd15-vae-ft-mse"],
    ),
    StarterModel(
        id="dreamshaper-8",
        name="DreamShaper 8",
        source="Lykon/dreamshaper-8",
        base=BaseModelType.SD1,
        type=ModelType.MAIN,
        size_gb=4.3,
        description="A versatile SD1.5 fine-tune: portraits, illustration and photographs.",
        dependencies=["sd15-vae-ft-mse"],
    ),
    StarterModel(
        id="sdxl",
        name="Stable Diffusion XL 1.0",
        source="stabilityai/stable-diffusion-xl-base-1.0:fp16",
        base=BaseModelType.SDXL,
        type=ModelType.MAIN,
        size_gb=7.0,
        description="The SDXL base model, 1024 px.",
        dependencies=["sdxl-vae-fp16-fix"],
    ),
    StarterModel(
        id="sdxl-refiner",
        name="SDXL Refiner 1.0",
        source="stabilityai/stable-diffusion-xl-refiner-1.0:fp16",
        base=BaseModelType.SDXL_REFINER,
        type=ModelType.MAIN,
        size_gb=4.5,
        description="Adds fine detail in the last steps of an SDXL generation.",
        dependencies=["sdxl"],
    ),
    StarterModel(
        id="juggernaut-xl-9",
        name="Juggernaut XL v9",
        source="RunDiffusion/Juggernaut-XL-v9",
        base=BaseModelType.SDXL,
        type=ModelType.MAIN,
        size_gb=7.0,
        description="A popular photographic SDXL fine-tune.",
        dependencies=["sdxl-vae-fp16-fix"],
    ),
    StarterModel(
        id="flux-schnell",
        name="FLUX.1 schnell",
        source="black-forest-labs/FLUX.1-schnell",
        base=BaseModelType.FLUX,
        type=ModelType.MAIN,
        size_gb=33.0,
        description="Fast FLUX model (1-4 steps), Apache-2.0 licence; needs a large GPU or partial loading.",
    ),
    StarterModel(
        id="flux-dev",
        name="FLUX.1 dev",
        source="black-forest-labs/FLUX.1-dev",
        base=BaseModelType.FLUX,
        type=ModelType.MAIN,
        size_gb=33.0,
        description="The guidance-distilled FLUX model (non-commercial licence, gated on the hub).",
        gated=True,
    ),
    StarterModel(
        id="sdxl-vae-fp16-fix",
        name="SDXL VAE (fp16 fix)",
        source="madebyollin/sdxl-vae-fp16-fix",
        base=BaseModelType.SDXL,
        type=ModelType.VAE,
        size_gb=0.33,
        description="The SDXL VAE rescaled so it decodes in float16 without black images.",
    ),
    StarterModel(
        id="sd15-vae-ft-mse",
        name="SD1.5 VAE ft-MSE",
        source="stabilityai/sd-vae-ft-mse",
        base=BaseModelType.SD1,
        type=ModelType.VAE,
        size_gb=0.33,
        description="Sharper faces and fewer artefacts than the original SD1.5 VAE.",
    ),
    StarterModel(
        id="controlnet-canny-sd15",
        name="ControlNet Canny (SD1.5)",
        source="lllyasviel/control_v11p_sd15_canny",
        base=BaseModelType.SD1,
        type=ModelType.CONTROLNET,
        size_gb=1.45,
        description="Follows the edges of a Canny edge map.",
        dependencies=["sd15"],
    ),
    StarterModel(
        id="controlnet-depth-sd15",
        name="ControlNet Depth (SD1.5)",
        source="lllyasviel/control_v11f1p_sd15_depth",
        base=BaseModelType.SD1,
        type=ModelType.CONTROLNET,
        size_gb=1.45,
        description="Follows the shapes of a depth map.",
        dependencies=["sd15"],
    ),
    StarterModel(
        id="controlnet-canny-sdxl",
        name="ControlNet Canny (SDXL)",
        source="diffusers/controlnet-canny-sdxl-1.0:fp16",
        base=BaseModelType.SDXL,
        type=ModelType.CONTROLNET,
        size_gb=2.5,
        description="Follows the edges of a Canny edge map with SDXL.",
        dependencies=["sdxl"],
    ),
    StarterModel(
        id="lcm-lora-sdxl",
        name="LCM LoRA (SDXL)",
        source="latent-consistency/lcm-lora-sdxl",
        base=BaseModelType.SDXL,
        type=ModelType.LORA,
        size_gb=0.39,
        description="Good SDXL images in 4-8 steps at guidance 1-2 with the LCM scheduler.",
    ),
    StarterModel(
        id="lcm-lora-sd15",
        name="LCM LoRA (SD1.5)",
        source="latent-consistency/lcm-lora-sdv1-5",
        base=BaseModelType.SD1,
        type=ModelType.LORA,
        size_gb=0.13,
        description="Good SD1.5 images in 4-8 steps at guidance 1-2 with the LCM scheduler.",
    ),
    StarterModel(
        id="easynegative",
        name="EasyNegative",
        source="https://huggingface.co/embed/EasyNegative/resolve/main/EasyNegative.safetensors",
        base=BaseModelType.SD1,
        type=ModelType.EMBEDDING,
        size_gb=0.0001,
        description="A negative-prompt embedding that removes common SD1.5 defects.",
    ),
    StarterModel(
        id="realesrgan-x4plus",
        name="Real-ESRGAN x4plus",
        source="https://github.com/xinntao/Real-ESRGAN/releases/download/v0.1.0/RealESRGAN_x4plus.pth",
        base=BaseModelType.ANY,
        type=ModelType.UPSCALER,
        size_gb=0.064,
        description="A general-purpose 4x upscaler for photographs.",
    ),
    StarterModel(
        id="realesrgan-x4plus-anime",
        name="Real-ESRGAN x4plus anime",
        source="https://github.com/xinntao/Real-ESRGAN/releases/download/v0.2.2.4/RealESRGAN_x4plus_anime_6B.pth",
        base=BaseModelType.ANY,
        type=ModelType.UPSCALER,
        size_gb=0.018,
        description="A small 4x upscaler for illustration and anime.",
    ),
    StarterModel(
        id="depth-anything-small",
        name="Depth Anything (small)",
        source="LiheYoung/depth-anything-small-hf",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.1,
        description="Depth maps for depth ControlNets, and normal maps from them (depth and normal).",
    ),
    StarterModel(
        id="depth-anything-v2-small",
        name="Depth Anything V2 (small)",
        source="depth-anything/Depth-Anything-V2-Small-hf",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.1,
        description="Sharper, more detailed depth maps than the first Depth Anything (depth and normal).",
    ),
    StarterModel(
        id="annotator-hed",
        name="HED soft edges",
        source="lllyasviel/Annotators::ControlNetHED.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.029,
        description="Soft edges and scribbles for soft-edge and scribble ControlNets (the HED preprocessor).",
    ),
    StarterModel(
        id="annotator-pidinet",
        name="PiDiNet soft edges",
        source="lllyasviel/Annotators::table5_pidinet.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.003,
        description="Soft edges and scribbles, lighter and faster than HED (the PiDiNet preprocessor).",
    ),
    StarterModel(
        id="annotator-lineart",
        name="Line art",
        source="lllyasviel/Annotators::sk_model.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.017,
        description="Detailed line art from photographs, for line art ControlNets.",
    ),
    StarterModel(
        id="annotator-lineart-coarse",
        name="Line art (coarse)",
        source="lllyasviel/Annotators::sk_model2.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.017,
        description="Bolder, simpler line art than the detailed model (the line art preprocessor).",
    ),
    StarterModel(
        id="annotator-lineart-anime",
        name="Line art (anime)",
        source="lllyasviel/Annotators::netG.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.22,
        description="Clean anime-style line art for the anime line art ControlNet.",
    ),
    StarterModel(
        id="annotator-mlsd",
        name="M-LSD straight lines",
        source="lllyasviel/Annotators::mlsd_large_512_fp32.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.006,
        description="Straight line segments of buildings and interiors for the MLSD ControlNet.",
    ),
    StarterModel(
        id="annotator-openpose-body",
        name="OpenPose body",
        source="lllyasviel/Annotators::body_pose_model.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.21,
        description="People's poses as coloured skeletons for OpenPose ControlNets.",
    ),
    StarterModel(
        id="annotator-openpose-hand",
        name="OpenPose hands",
        source="lllyasviel/Annotators::hand_pose_model.pth",
        base=BaseModelType.ANY,
        type=ModelType.PREPROCESSOR,
        size_gb=0.15,
        description="Hand keypoints drawn with the OpenPose body skeletons.",
        dependencies=["annotator-openpose-body"],
    ),
)


def starter_statuses(records: ModelRecordService) -> list[StarterStatus]:
    """Every starter model with whether it is installed."""
    by_source = {record.source: record.key for record in records.list()}
    return [
        StarterStatus(
            **starter.model_dump(),
            installed=starter.source in by_source,
            model_key=by_source.get(starter.source),
        )
        for starter in STARTER_MODELS
    ]


def starter_by_id(starter_id: str) -> StarterModel:
    for starter in STARTER_MODELS:
        if starter.id == starter_id:
            return starter
    raise NotFoundError(f"no starter model has the id '{starter_id}'", details={"id": starter_id})


def starters_with_dependencies(ids: Iterable[str]) -> list[StarterModel]:
    """The named starters and everything they depend on, dependencies first, each once."""
    ordered: list[StarterModel] = []

    def visit(starter_id: str, trail: tuple[str, ...]) -> None:
        starter = starter_by_id(starter_id)
        if starter_id in trail or starter in ordered:
            return
        for dependency in starter.dependencies:
            visit(dependency, (*trail, starter_id))
        ordered.append(starter)

    for starter_id in ids:
        visit(starter_id, ())
    return ordered


def ensure_bundled_models(
    records: ModelRecordService, config: ImpastoConfig, folder: Path | None = None
) -> list[ModelRecord]:
    """Install (copy into the models folder) every model shipped in ``folder`` that is not installed yet.

    Each file or folder directly inside ``folder`` is one model, recorded with the source ``bundled:<name>``
    so it is installed once per root even if the user renames it. Failures are logged, not raised: a broken
    bundled model must not stop Impasto from starting.
    """
    folder = folder or BUNDLED_DIR
    if not config.install_bundled_models or not folder.is_dir():
        return []
    installed = []
    for path in sorted(p for p in folder.iterdir() if _is_bundled_model(p)):
        if records.list(ModelFilter(source=BUNDLED_PREFIX + path.name)):
            continue
        try:
            record = install_bundled(records, path)
        except Exception:
            logger.exception("could not install the bundled model %s", path.name)
            continue
        logger.info("installed the bundled model %s", record.name)
        installed.append(record)
    return installed


def install_bundled(records: ModelRecordService, path: Path) -> ModelRecord:
    """Copy one model shipped in the package into the models folder, with its starter's name and defaults."""
    source = BUNDLED_PREFIX + path.name
    starter = next((s for s in STARTER_MODELS if s.source == source), None)
    return install_files(
        records,
        path,
        placement="copy",
        source=source,
        source_type="bundled",
        sink=SilentSink(),
        name=starter.name if starter else None,
        description=starter.description if starter else None,
        overrides=ModelOverrides(default_settings=starter.default_settings) if starter else None,
    )


def _is_bundled_model(path: Path) -> bool:
    if path.name.startswith((".", "_")):
        return False
    return path.is_dir() or path.suffix.lower() in MODEL_SUFFIXES
