"""ControlNet annotator files (lllyasviel/Annotators): the networks behind the learned preprocessors.

Each family is told by key names and shapes that only it has, never by its file name; a ``module.``
prefix (what DataParallel training saves, as in ``table5_pidinet.pth``) is ignored:

- HED (``ControlNetHED.pth``): ``norm`` (1, 3, 1, 1) and ``block1..5.{convs.N,projection}``
- line art (``sk_model.pth``, ``sk_model2.pth``): ``model0.1`` a 7x7 conv from RGB, ``model2.N.conv_block``
  residual blocks, ``model4.1`` a 7x7 conv to one channel. Both files have the same layout; only the
  name ``sk_model2`` marks the coarse variant (``details["coarse"]``)
- anime line art (``netG.pth``): ``model.model.0`` a 4x4 conv from RGB and ``model.model.3`` a transposed
  conv to one channel (the U-Net's outermost level)
- PiDiNet (``table5_pidinet.pth``): ``init_block``, ``block4_4``, the ``dilations`` and ``attentions``
  modules and a ``classifier`` fusing 4 maps
- M-LSD large (``mlsd_large_512_fp32.pth``): a MobileNetV2 trunk taking 4 channels and ``block23``
  ending in 16
- OpenPose body (``body_pose_model.pth``): ``conv1_1`` and ``Mconv7_stage6_L1`` / ``_L2`` with 38 and 19
  outputs; hands (``hand_pose_model.pth``): ``Mconv7_stage6`` with 22
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from impasto.models.probe.base import Candidate, Found
from impasto.models.probe.weights import Shape
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, PreprocessorArchitecture

Shapes = Mapping[str, Shape]
_PREFIX = "module."
_COARSE_LINEART_STEM = "sk_model2"


def _is(shapes: Shapes, key: str, *dims: int | None) -> bool:
    """Whether ``key`` exists with ``dims`` (None: any size) as its shape."""
    shape = shapes.get(key)
    return (
        shape is not None
        and len(shape) == len(dims)
        and all(d is None or d == s for d, s in zip(dims, shape, strict=True))
    )


def _hed(shapes: Shapes) -> bool:
    return (
        _is(shapes, "norm", 1, 3, 1, 1)
        and _is(shapes, "block1.convs.0.weight", None, 3, 3, 3)
        and (_is(shapes, "block5.projection.weight", 1, None, 1, 1))
    )


def _lineart(shapes: Shapes) -> bool:
    return (
        _is(shapes, "model0.1.weight", None, 3, 7, 7)
        and _is(shapes, "model4.1.weight", 1, None, 7, 7)
        and "model2.0.conv_block.1.weight" in shapes
    )


def _lineart_anime(shapes: Shapes) -> bool:
    return _is(shapes, "model.model.0.weight", None, 3, 4, 4) and _is(
        shapes, "model.model.3.weight", None, 1, 4, 4
    )


def _pidinet(shapes: Shapes) -> bool:
    return (
        _is(shapes, "init_block.weight", None, 3, 3, 3)
        and "block4_4.conv2.weight" in shapes
        and _is(shapes, "classifier.weight", 1, 4, 1, 1)
        and "dilations.0.conv1.weight" in shapes
        and "attentions.0.conv1.weight" in shapes
    )


def _mlsd(shapes: Shapes) -> bool:
    return _is(shapes, "backbone.features.0.0.weight", 32, 4, 3, 3) and _is(
        shapes, "block23.conv3.weight", 16, 64, 1, 1
    )


def _openpose_body(shapes: Shapes) -> bool:
    return (
        _is(shapes, "conv1_1.weight", None, 3, 3, 3)
        and _is(shapes, "Mconv7_stage6_L1.weight", 38, None, 1, 1)
        and _is(shapes, "Mconv7_stage6_L2.weight", 19, None, 1, 1)
    )


def _openpose_hand(shapes: Shapes) -> bool:
    return _is(shapes, "conv1_1.weight", None, 3, 3, 3) and _is(
        shapes, "Mconv7_stage6.weight", 22, None, 1, 1
    )


_FAMILIES: tuple[tuple[PreprocessorArchitecture, Callable[[Shapes], bool]], ...] = (
    (PreprocessorArchitecture.HED, _hed),
    (PreprocessorArchitecture.LINEART, _lineart),
    (PreprocessorArchitecture.LINEART_ANIME, _lineart_anime),
    (PreprocessorArchitecture.PIDINET, _pidinet),
    (PreprocessorArchitecture.MLSD, _mlsd),
    (PreprocessorArchitecture.OPENPOSE_BODY, _openpose_body),
    (PreprocessorArchitecture.OPENPOSE_HAND, _openpose_hand),
)


def match_annotator_file(candidate: Candidate) -> Found | None:
    """A ControlNet annotator network of one of the families above."""
    weights = candidate.weights
    shapes = {key.removeprefix(_PREFIX): shape for key, shape in weights.shapes.items()}
    architecture = next((arch for arch, matches in _FAMILIES if matches(shapes)), None)
    if architecture is None:
        _refuse_variants(candidate, shapes)
        return None
    details: dict[str, Any] = {"architecture": architecture.value}
    if architecture is PreprocessorArchitecture.LINEART:
        details["coarse"] = candidate.path.stem == _COARSE_LINEART_STEM
    return Found(BaseModelType.ANY, ModelType.PREPROCESSOR, ModelFormat.CHECKPOINT, details=details)


def _refuse_variants(candidate: Candidate, shapes: Shapes) -> None:
    """Known families in layouts the preprocessors cannot run get a reason, not "unrecognised"."""
    if (
        "init_block.weight" in shapes
        and "classifier.weight" in shapes
        and "dilations.0.conv1.weight" not in shapes
    ):
        raise candidate.unrecognised("a PiDiNet without the dilation and attention modules of table5_pidinet")
    if _is(shapes, "backbone.features.0.0.weight", None, 4, 3, 3) and "block23.conv3.weight" not in shapes:
        raise candidate.unrecognised("an M-LSD model other than the large one (mlsd_large_512_fp32.pth)")
