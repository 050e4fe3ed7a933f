"""The one-call generation request: flat parameters, as the Generate tab, the API and the CLI send them.

Everything is optional except the prompt; what is left out comes from the model's default settings (or its
base's), and a missing seed is drawn at random and reported back. The field names follow diffusers' and
InvokeAI's vocabulary. Checks that need the installation (models, images, boards, presets) are made by
:mod:`impasto.builders.resolve`; the bounds here are the ones that hold everywhere.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from impasto.text import TextStr

SEED_MAX = 2**32 - 1
MAX_SIDE = 8192
MAX_COUNT = 1000
MAX_PROMPTS = 1000

ControlMode = Literal["balanced", "more_prompt", "more_control", "unbalanced"]
ResizeMode = Literal["just_resize", "crop_resize", "fill_resize", "just_resize_simple"]
Preprocessor = Literal[
    "none",
    "canny",
    "content_shuffle",
    "color_map",
    "lineart_standard",
    "tile",
    "depth",
    "normal",
    "hed",
    "lineart",
    "lineart_anime",
    "pidi",
    "mlsd",
    "openpose",
]
Mode = Literal["txt2img", "img2img", "inpaint", "outpaint"]
InfillMethod = Literal["color", "cv2", "tile", "patchmatch", "lama"]
ScaleMode = Literal["none", "auto", "manual"]
IPAdapterMethod = Literal["full", "style", "composition"]
ReduxInfluence = Literal["lowest", "low", "medium", "high", "highest"]

PREPROCESSOR_NODES: dict[str, str] = {
    "canny": "canny_edge_detection",
    "content_shuffle": "content_shuffle",
    "color_map": "color_map",
    "lineart_standard": "lineart_standard_edge_detection",
    "tile": "tile_image_processor",
    "depth": "depth_anything_depth_estimation",
    "normal": "normal_map",
    "hed": "hed_edge_detection",
    "lineart": "lineart_edge_detection",
    "lineart_anime": "lineart_anime_edge_detection",
    "pidi": "pidi_edge_detection",
    "mlsd": "mlsd_detection",
    "openpose": "openpose_detection",
}
"""The node type that runs each preprocessor (``none``: the image is used as it is). From ``depth`` on,
they run a learned model (an installed ``preprocessor`` model, see ``preprocessor_model``)."""


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoraRequest(_Part):
    """A LoRA to apply to the UNet and text encoder(s)."""

    model: str = Field(min_length=1, description="The LoRA: an installed model's key or name.")
    weight: float = Field(0.75, ge=-10, le=10, description="How strongly to apply it (1 = as trained).")


class _ControlRequest(_Part):
    model: str = Field(min_length=1, description="The control model: an installed model's key or name.")
    image: str = Field(min_length=1, description="Name of the stored control image.")
    preprocessor: Preprocessor = Field(
        "none", description="Turns the image into a control image first (none: it is one already)."
    )
    preprocessor_model: str | None = Field(
        None,
        description=(
            "The model of a learned preprocessor (depth, normal, hed, lineart, lineart_anime, pidi, mlsd, "
            "openpose): an installed preprocessor model's key or name; empty: the first installed one "
            "(by name) that fits."
        ),
    )
    preprocessor_options: dict[str, Any] = Field(
        default_factory=dict,
        description="Inputs of the preprocessor node, e.g. {'low_threshold': 50} for canny.",
    )
    weight: float = Field(1.0, ge=-1, le=2, description="How strongly the control guides the image.")
    begin: float = Field(0.0, ge=0, le=1, description="Fraction of the steps at which the control starts.")
    end: float = Field(1.0, ge=0, le=1, description="Fraction of the steps at which the control stops.")
    resize_mode: ResizeMode = Field(
        "just_resize", description="How the control image is fitted to the output size."
    )


class ControlNetRequest(_ControlRequest):
    """A ControlNet unit."""

    control_mode: ControlMode = Field("balanced", description="Balance between the prompt and the control.")


class T2IAdapterRequest(_ControlRequest):
    """A T2I-Adapter unit."""


class OutpaintRequest(_Part):
    """How far to extend the init image; the new borders are painted."""

    left: int = Field(0, ge=0, le=MAX_SIDE, description="Pixels to add on the left.")
    top: int = Field(0, ge=0, le=MAX_SIDE, description="Pixels to add at the top.")
    right: int = Field(0, ge=0, le=MAX_SIDE, description="Pixels to add on the right.")
    bottom: int = Field(0, ge=0, le=MAX_SIDE, description="Pixels to add at the bottom.")
    fill: Literal["edge", "color"] = Field(
        "edge", description="Start the borders from stretched edge pixels, or from grey."
    )


class InfillRequest(_Part):
    """How a canvas's transparent pixels are filled before they are painted (outpainting).

    ``options`` are the inputs of the method's node: color ``{color: {r, g, b, a}}`` (infill_rgba),
    cv2 ``{method: telea|navier_stokes, radius}`` (infill_cv2), tile ``{tile_size}`` (infill_tile),
    patchmatch ``{patch_size, downscale}`` (infill_patchmatch), lama ``{model}`` (infill_lama: an installed
    LaMa model's key or name; empty: the first installed one). Seeds follow each item's seed.
    """

    method: InfillMethod | None = Field(
        None,
        description=(
            "color, cv2, tile, patchmatch or lama; empty: patchmatch where the PyPatchMatch package is "
            "installed (InvokeAI's default), else cv2."
        ),
    )
    options: dict[str, Any] = Field(default_factory=dict, description="Inputs of the method's node.")


class ReferenceImageRequest(_Part):
    """A reference image an IP-Adapter turns into extra attention tokens, so the image takes on its style,
    its composition or both (SD 1.x, 2.x and SDXL); for FLUX, FLUX Redux turns it into extra prompt tokens."""

    image: str = Field(min_length=1, description="Name of the stored reference image.")
    model: str = Field(
        min_length=1,
        description="The IP-Adapter (SD 1.x, 2.x, SDXL) or FLUX Redux model (FLUX): an installed model's key "
        "or name, of the main model's base.",
    )
    weight: float = Field(1.0, ge=-1, le=2, description="How strongly the reference steers the image.")
    begin: float = Field(0.0, ge=0, le=1, description="Fraction of the steps at which the adapter starts.")
    end: float = Field(1.0, ge=0, le=1, description="Fraction of the steps at which the adapter stops.")
    method: IPAdapterMethod = Field(
        "full", description="What to take from the reference: everything, its style or its layout."
    )
    image_influence: ReduxInfluence | None = Field(
        None,
        description="FLUX Redux only: how much of the reference the image follows (highest, the default: all "
        "of its tokens; lower: its token grid merged 2x2 up to 5x5, as InvokeAI's image influence).",
    )


class RegionRequest(_Part):
    """A region of the image with its own prompts and reference images (regional prompting).

    The request's own prompt covers what no region covers. A region's prompt is used as written (dynamic
    prompts and style presets apply to the request's prompt only).
    """

    mask: str = Field(
        min_length=1,
        description=(
            "Name of a stored mask image of the output's size (the canvas's box): white is the region, "
            "black is not, grey in between."
        ),
    )
    prompt: TextStr = Field("", max_length=20_000, description="What the region shows; empty: none.")
    negative_prompt: TextStr = Field(
        "", max_length=20_000, description="What the region should not show; empty: none."
    )
    reference_images: list[ReferenceImageRequest] = Field(
        default_factory=list, max_length=8, description="IP-Adapter reference images applied in the region."
    )
    auto_negative: bool = Field(
        False, description="Also use the region's prompt as a negative prompt outside the region."
    )


class HiresFixRequest(_Part):
    """A second pass at a larger size: generate, upscale, then image to image at the larger size.

    The first pass is enlarged as latents (bicubic; fast, soft) or, with ``upscaler``, decoded, enlarged by
    an upscaler model (sharper detail for the second pass to build on) and encoded again.
    """

    scale: float = Field(2.0, gt=1, le=4, description="How much larger the final image is along each side.")
    strength: float = Field(
        0.5, gt=0, le=1, description="How much the second pass may change (1 regenerates everything)."
    )
    steps: int | None = Field(None, ge=1, le=1000, description="Steps of the second pass; empty: the same.")
    upscaler: str | None = Field(
        None,
        description="An installed upscaler model (key or name); empty: the latents are scaled (bicubic).",
    )


class RefinerRequest(_Part):
    """An SDXL refiner that takes over the last part of the denoising."""

    model: str = Field(min_length=1, description="The refiner: an installed SDXL refiner's key or name.")
    start: float = Field(
        0.8, gt=0, lt=1, description="Fraction of the schedule after which the refiner takes over."
    )
    steps: int | None = Field(
        None, ge=1, le=1000, description="Steps of the refiner's schedule; empty: the base's."
    )
    cfg_scale: float | None = Field(
        None, ge=0, le=100, description="Guidance of the refiner; empty: the base's."
    )
    scheduler: str | None = Field(None, description="Scheduler of the refiner; empty: the base's.")
    positive_aesthetic_score: float = Field(6.0, ge=0, le=10, description="Aesthetic score for the prompt.")
    negative_aesthetic_score: float = Field(
        2.5, ge=0, le=10, description="Aesthetic score for the negative prompt."
    )


class GenerateRequest(_Part):
    """One generation: a prompt and flat parameters; each image becomes one queue item."""

    prompt: TextStr = Field(max_length=20_000, description="The prompt (compel syntax; {a|b} expands).")
    negative_prompt: TextStr = Field("", max_length=20_000, description="What the image should not show.")
    model: str | None = Field(None, description="Main model: key or name; empty: the default model.")
    width: int | None = Field(
        None,
        ge=8,
        le=MAX_SIDE,
        description="Width in pixels; empty: the model's default (or the init image's).",
    )
    height: int | None = Field(
        None,
        ge=8,
        le=MAX_SIDE,
        description="Height in pixels; empty: the model's default (or the init image's).",
    )
    steps: int | None = Field(None, ge=1, le=1000, description="Denoising steps; empty: the model's default.")
    cfg_scale: float | None = Field(
        None, ge=0, le=100, description="How closely to follow the prompt; empty: the model's default."
    )
    cfg_rescale_multiplier: float = Field(
        0.0, ge=0, lt=1, description="Rescale guidance against overexposure (0 = off)."
    )
    scheduler: str | None = Field(
        None, description="Sampling method, e.g. euler; empty: the model's default."
    )
    guidance: float | None = Field(
        None,
        ge=0,
        le=30,
        description=(
            "Distilled guidance of FLUX dev models: a value the transformer is conditioned on, not a "
            "second prediction (cfg_scale is true CFG there); empty: the model's default (3.5 for FLUX "
            "dev). Ignored by FLUX schnell and by other families."
        ),
    )
    seed: int | None = Field(
        None, ge=0, le=SEED_MAX, description="Seed of the first image (unsigned 32 bit); empty: random."
    )
    count: int = Field(
        1, ge=1, le=MAX_COUNT, description="How many images, with consecutive seeds (seed, seed + 1, ...)."
    )
    init_image: str | None = Field(None, description="Name of a stored image to start from (image to image).")
    strength: float | None = Field(
        None, ge=0, le=1, description="How much of the init image to change (default 0.75; inpaint 1)."
    )
    reference_image: str | None = Field(
        None,
        description=(
            "Name of a stored image for a FLUX.1 Kontext model to edit as the prompt says ('make the sky "
            "red'); without width and height the result has the reference's size after resizing it to the "
            "Kontext training size closest to its aspect ratio. Other models refuse it."
        ),
    )
    mask: str | None = Field(
        None, description="Name of a stored mask image: white is regenerated, black kept (inpainting)."
    )
    mask_blur: int = Field(0, ge=0, le=256, description="Soften the mask's edges by this many pixels.")
    outpaint: OutpaintRequest | None = Field(None, description="Extend the init image's canvas and paint it.")
    noise_level: float | None = Field(
        None,
        ge=0,
        le=1,
        description=(
            "Seeded noise added to the init image inside the mask before it is encoded (InvokeAI's inpaint "
            "mask noise); empty: 0.15 when a mask is given, else none; 0: none."
        ),
    )
    denoise_limit: float | None = Field(
        None,
        ge=0,
        le=1,
        description=(
            "The most a masked pixel may change: the mask's strength is multiplied by it (0 keeps the masked "
            "area); empty: 1, with the plain denoise mask."
        ),
    )
    infill: InfillRequest | None = Field(
        None,
        description=(
            "How a partly transparent init image's transparent pixels are filled before they are painted; "
            "empty: the default method with its defaults."
        ),
    )
    scale_before_processing: ScaleMode = Field(
        "none",
        description=(
            "none: generate at the image's size; auto: a size smaller than the model's native area is "
            "generated at that area (same aspect ratio, on the size grid) and scaled back; manual: generate "
            "at scaled_width x scaled_height and scale back."
        ),
    )
    scaled_width: int | None = Field(
        None, ge=8, le=MAX_SIDE, description="Width to generate at with scale_before_processing manual."
    )
    scaled_height: int | None = Field(
        None, ge=8, le=MAX_SIDE, description="Height to generate at with scale_before_processing manual."
    )
    loras: list[LoraRequest] = Field(default_factory=list, max_length=32, description="LoRAs, in order.")
    controlnets: list[ControlNetRequest] = Field(
        default_factory=list, max_length=8, description="ControlNet units."
    )
    t2i_adapters: list[T2IAdapterRequest] = Field(
        default_factory=list, max_length=8, description="T2I-Adapter units."
    )
    regions: list[RegionRequest] = Field(
        default_factory=list,
        max_length=16,
        description="Regions with their own prompts and reference images (SD 1.x, 2.x and SDXL models).",
    )
    reference_images: list[ReferenceImageRequest] = Field(
        default_factory=list,
        max_length=8,
        description="IP-Adapter reference images applied to the whole image (SD 1.x, 2.x and SDXL models).",
    )
    vae: str | None = Field(None, description="A VAE (key or name) to use instead of the model's own.")
    t5_encoder: str | None = Field(
        None,
        description=(
            "A T5 text encoder (key or name) for a FLUX or SD3 main model stored as a transformer-only "
            "single file; empty: the model's own, else the first installed compatible one."
        ),
    )
    clip_embed: str | None = Field(
        None,
        description=(
            "A CLIP-L text encoder (key or name) for a FLUX or SD3 main model stored as a transformer-only "
            "single file; empty: the model's own, else the first installed compatible one."
        ),
    )
    clip_skip: int = Field(0, ge=0, le=24, description="Final text-encoder layers to skip.")
    seamless_x: bool = Field(False, description="Make the image tile horizontally.")
    seamless_y: bool = Field(False, description="Make the image tile vertically.")
    hires_fix: HiresFixRequest | None = Field(None, description="A second pass at a larger size.")
    refiner: RefinerRequest | None = Field(None, description="An SDXL refiner pass (SDXL models only).")
    style_preset: str | None = Field(None, description="A style preset (id or name) applied to both prompts.")
    board: str | None = Field(None, description="Id of the board the images are added to.")
    dynamic_prompts: bool = Field(
        True, description="Expand {a|b} variants and __wildcards__ in the prompt (every combination)."
    )
    max_prompts: int = Field(
        100, ge=1, le=MAX_PROMPTS, description="Most prompts a dynamic prompt may expand to."
    )
    prepend: bool = Field(False, description="Put the new queue items at the front of the queue.")

    @property
    def mode(self) -> Mode:
        """What kind of generation the parameters ask for, leaving aside the init image's transparency
        (which :func:`~impasto.builders.canvas.detect_mode` reads from the stored image)."""
        if self.init_image is None:
            return "txt2img"
        if self.outpaint is not None:
            return "outpaint"
        return "inpaint" if self.mask is not None else "img2img"
