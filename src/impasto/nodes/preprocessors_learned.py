"""ControlNet preprocessors with learned weights: depth, normals, soft edges, line art, straight lines and
poses.

Each node takes the image and an installed ``preprocessor`` model of the right architecture (installed
like any model; the starter models list the usual files from ``lllyasviel/Annotators`` and the Depth
Anything repositories). The model comes from the model cache and runs on the execution device; the
result is stored as a control image. Like the weight-free preprocessors, the image is scaled so that its
shorter side has the detect resolution (sides rounded to multiples of 64) before detection and the result
to the image resolution; 0 keeps the input's size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from impasto.errors import InvalidInputError, NotFoundError
from impasto.graph import BaseNode, Input, InputField, NodeContext, UIHints, node
from impasto.models.taxonomy import ModelType, PreprocessorArchitecture
from impasto.nodes.image import check_size, open_image
from impasto.nodes.refs import ModelRef
from impasto.nodes.types import ImageField, ImageOutput

if TYPE_CHECKING:
    from impasto.generation.preprocessors import Array

_CATEGORY = "controlnet"
_TAGS = ("controlnet", "preprocessor", "control")
_DEPTH_ARCHITECTURES = (PreprocessorArchitecture.DEPTH_ANYTHING, PreprocessorArchitecture.DPT)
_ANNOTATORS = "lllyasviel/Annotators::"


@dataclass(frozen=True)
class ModelNeed:
    """Which preprocessor models a node runs, and where to get one."""

    label: str
    architectures: tuple[PreprocessorArchitecture, ...]
    source: str

    def advice(self) -> str:
        """What a user without such a model should do."""
        return f"install {self.label} ({self.source}) — see the starter models"


DEPTH = ModelNeed(
    "a Depth Anything or DPT depth estimator", _DEPTH_ARCHITECTURES, "LiheYoung/depth-anything-small-hf"
)
HED = ModelNeed("the HED annotator", (PreprocessorArchitecture.HED,), f"{_ANNOTATORS}ControlNetHED.pth")
LINEART = ModelNeed("a line art annotator", (PreprocessorArchitecture.LINEART,), f"{_ANNOTATORS}sk_model.pth")
LINEART_ANIME = ModelNeed(
    "the anime line art annotator", (PreprocessorArchitecture.LINEART_ANIME,), f"{_ANNOTATORS}netG.pth"
)
PIDI = ModelNeed(
    "the PiDiNet annotator", (PreprocessorArchitecture.PIDINET,), f"{_ANNOTATORS}table5_pidinet.pth"
)
MLSD = ModelNeed(
    "the M-LSD annotator", (PreprocessorArchitecture.MLSD,), f"{_ANNOTATORS}mlsd_large_512_fp32.pth"
)
OPENPOSE_BODY = ModelNeed(
    "the OpenPose body annotator",
    (PreprocessorArchitecture.OPENPOSE_BODY,),
    f"{_ANNOTATORS}body_pose_model.pth",
)
OPENPOSE_HAND = ModelNeed(
    "the OpenPose hand annotator",
    (PreprocessorArchitecture.OPENPOSE_HAND,),
    f"{_ANNOTATORS}hand_pose_model.pth",
)
MODEL_NEEDS: dict[str, ModelNeed] = {
    "depth_anything_depth_estimation": DEPTH,
    "normal_map": DEPTH,
    "hed_edge_detection": HED,
    "lineart_edge_detection": LINEART,
    "lineart_anime_edge_detection": LINEART_ANIME,
    "pidi_edge_detection": PIDI,
    "mlsd_detection": MLSD,
    "openpose_detection": OPENPOSE_BODY,
}
"""The model each learned preprocessor node's ``model`` input takes, by node type."""


def _image_input() -> Any:
    return InputField(description="The image to process.", input=Input.CONNECTION)


def _model_input(need: ModelNeed) -> Any:
    return InputField(description=f"The preprocessor model: {need.label}.", ui=_hints(need, 0))


def _hints(need: ModelNeed, order: int) -> UIHints:
    return UIHints(order=order, model_types=("preprocessor",), model_architectures=tuple(need.architectures))


def _resolution(description: str) -> Any:
    return InputField(
        512,
        ge=0,
        le=8192,
        description=description,
        ui=UIHints(component="number", step=64, slider_min=0, slider_max=2048),
    )


def _detect_resolution() -> Any:
    return _resolution("Shorter side, in pixels, at which the model sees the image; 0: as it is.")


def _image_resolution() -> Any:
    return _resolution("Shorter side, in pixels, of the result; 0: the input's size.")


def _scribble() -> Any:
    return InputField(False, description="Bold, simplified strokes like a hand-drawn scribble.")


def _safe() -> Any:
    return InputField(False, description="Quantise soft edges to a few levels, hiding faint detail.")


def load_preprocessor(ctx: NodeContext, ref: ModelRef, need: ModelNeed) -> Any:
    """The installed model ``ref`` from the model cache, if it is one ``need`` accepts."""
    try:
        record = ctx.models.record(ref.key)
    except NotFoundError:
        raise InvalidInputError(
            f"no installed model has the key {ref.key!r}; {need.advice()}", {"key": ref.key}
        ) from None
    architecture = record.details.get("architecture")
    if record.type != ModelType.PREPROCESSOR or architecture not in need.architectures:
        what = (
            f"a {architecture} preprocessor"
            if record.type == ModelType.PREPROCESSOR
            else f"a {record.type} model"
        )
        raise InvalidInputError(
            f"{record.name!r} is {what}, not {need.label}; {need.advice()}",
            {"key": record.key, "type": str(record.type), "architecture": architecture},
        )
    return ctx.models.load(record.key)


def _store(
    ctx: NodeContext,
    image: ImageField,
    detect: Callable[[Array], Array],
    detect_resolution: int,
    image_resolution: int,
) -> ImageOutput:
    """Run ``detect`` on the image at the requested resolutions and store the result."""
    from PIL import Image

    from impasto.generation.preprocessors import run_preprocessor, to_rgb_array

    pixels = to_rgb_array(open_image(ctx, image))
    result = Image.fromarray(run_preprocessor(pixels, detect, detect_resolution, image_resolution))
    check_size(result.width, result.height)
    name = ctx.images.save(result, node_id=ctx.node_id, category="control")
    return ImageOutput(image=ImageField(image_name=name), width=result.width, height=result.height)


@node(
    "depth_anything_depth_estimation",
    title="Depth Map",
    category=_CATEGORY,
    tags=(*_TAGS, "depth", "depth anything", "dpt", "midas"),
)
class DepthEstimationNode(BaseNode):
    """A depth map (white near, black far) estimated by Depth Anything or DPT, for depth ControlNets."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(DEPTH)
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.depth import depth_image, estimate_depth

        loaded = load_preprocessor(ctx, self.model, DEPTH)

        def detect(pixels: Array) -> Array:
            return depth_image(estimate_depth(loaded, pixels, device=ctx.config.device))

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("normal_map", title="Normal Map", category=_CATEGORY, tags=(*_TAGS, "normal", "depth"))
class NormalMapNode(BaseNode):
    """A surface normal map computed from estimated depth (red: slope to the right, green: slope
    downwards, blue: facing the viewer), for normal ControlNets."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(DEPTH)
    strength: float = InputField(
        1.0, gt=0, le=100, description="How steep depth changes look; higher tilts surfaces more."
    )
    background_threshold: float = InputField(
        0.1, ge=0, le=1, description="Depth (0 far, 1 near) below which surfaces are drawn flat."
    )
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.depth import estimate_depth, normal_map

        loaded = load_preprocessor(ctx, self.model, DEPTH)

        def detect(pixels: Array) -> Array:
            depth = estimate_depth(loaded, pixels, device=ctx.config.device)
            return normal_map(depth, strength=self.strength, background_threshold=self.background_threshold)

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("hed_edge_detection", title="HED Soft Edges", category=_CATEGORY, tags=(*_TAGS, "hed", "softedge"))
class HEDEdgeDetectionNode(BaseNode):
    """Soft edges found by HED (white on black), for soft-edge and scribble ControlNets."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(HED)
    scribble: bool = _scribble()
    safe: bool = _safe()
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.hed import hed_edges

        loaded = load_preprocessor(ctx, self.model, HED)

        def detect(pixels: Array) -> Array:
            return hed_edges(
                loaded, pixels, safe=self.safe, as_scribble=self.scribble, device=ctx.config.device
            )

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("lineart_edge_detection", title="Line Art", category=_CATEGORY, tags=(*_TAGS, "lineart", "edges"))
class LineartEdgeDetectionNode(BaseNode):
    """Line art drawn from a photograph or painting (white lines on black), for line art ControlNets.

    ``sk_model.pth`` draws detailed lines, ``sk_model2.pth`` (coarse) bolder, simpler ones.
    """

    image: ImageField = _image_input()
    model: ModelRef = _model_input(LINEART)
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.lineart import lineart

        loaded = load_preprocessor(ctx, self.model, LINEART)

        def detect(pixels: Array) -> Array:
            return lineart(loaded, pixels, device=ctx.config.device)

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node(
    "lineart_anime_edge_detection",
    title="Line Art (Anime)",
    category=_CATEGORY,
    tags=(*_TAGS, "lineart", "anime", "edges"),
)
class LineartAnimeEdgeDetectionNode(BaseNode):
    """Clean anime-style line art (white lines on black), for the anime line art ControlNet."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(LINEART_ANIME)
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.lineart_anime import lineart_anime

        loaded = load_preprocessor(ctx, self.model, LINEART_ANIME)

        def detect(pixels: Array) -> Array:
            return lineart_anime(loaded, pixels, device=ctx.config.device)

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node(
    "pidi_edge_detection", title="PiDiNet Soft Edges", category=_CATEGORY, tags=(*_TAGS, "pidi", "softedge")
)
class PiDiEdgeDetectionNode(BaseNode):
    """Soft edges found by PiDiNet (white on black; lighter and faster than HED), for soft-edge and
    scribble ControlNets."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(PIDI)
    scribble: bool = _scribble()
    safe: bool = _safe()
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.pidinet import pidinet_edges

        loaded = load_preprocessor(ctx, self.model, PIDI)

        def detect(pixels: Array) -> Array:
            return pidinet_edges(
                loaded, pixels, safe=self.safe, as_scribble=self.scribble, device=ctx.config.device
            )

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("mlsd_detection", title="M-LSD Lines", category=_CATEGORY, tags=(*_TAGS, "mlsd", "lines"))
class MLSDDetectionNode(BaseNode):
    """Straight line segments found by M-LSD (white on black), for the MLSD ControlNet: architecture,
    interiors and other scenes made of straight edges."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(MLSD)
    score_threshold: float = InputField(
        0.1, ge=0, le=1, description="Confidence a segment needs; higher keeps only the clearest lines."
    )
    distance_threshold: float = InputField(
        0.1,
        ge=0,
        le=1000,
        description="Shortest segment kept, in pixels of the model's half-size output.",
    )
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.mlsd import mlsd_lines

        loaded = load_preprocessor(ctx, self.model, MLSD)

        def detect(pixels: Array) -> Array:
            return mlsd_lines(
                loaded, pixels, score_threshold=self.score_threshold,
                distance_threshold=self.distance_threshold, device=ctx.config.device,
            )  # fmt: skip

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)


@node("openpose_detection", title="OpenPose", category=_CATEGORY, tags=(*_TAGS, "openpose", "pose"))
class OpenposeDetectionNode(BaseNode):
    """People's poses found by OpenPose and drawn as coloured skeletons on black, for OpenPose
    ControlNets; with a hand model, each hand's bones too."""

    image: ImageField = _image_input()
    model: ModelRef = _model_input(OPENPOSE_BODY)
    hand_model: ModelRef | None = InputField(
        None,
        description=f"Optional: {OPENPOSE_HAND.label}, to draw hands as well.",
        ui=_hints(OPENPOSE_HAND, 1),
    )
    draw_body: bool = InputField(True, description="Draw the body skeletons.")
    detect_resolution: int = _detect_resolution()
    image_resolution: int = _image_resolution()

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.generation.annotators.openpose import openpose

        body = load_preprocessor(ctx, self.model, OPENPOSE_BODY)
        hand = load_preprocessor(ctx, self.hand_model, OPENPOSE_HAND) if self.hand_model else None

        def detect(pixels: Array) -> Array:
            return openpose(body, pixels, hand=hand, draw_body=self.draw_body, device=ctx.config.device)

        return _store(ctx, self.image, detect, self.detect_resolution, self.image_resolution)
