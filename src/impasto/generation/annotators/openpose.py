"""OpenPose body and hand keypoints (Cao et al., "Realtime Multi-Person 2D Pose Estimation using Part
Affinity Fields", 2017; Simon et al., hands, 2017), the CMU models converted from Caffe that the OpenPose
ControlNet annotator uses (``body_pose_model.pth``, ``hand_pose_model.pth``).

Both networks are a VGG-19 trunk followed by six refinement stages; every stage sees the trunk's features
and the previous stage's predictions. The body network has two branches per stage: 38 part affinity field
channels (an x, y vector per limb) and 19 heat maps (18 keypoints and the background); the hand network
has one branch of 22 heat maps (21 keypoints and the background). Parameter names are the Caffe layer names
(``conv1_1``, ``Mconv7_stage6_L2``...), so the released files load unchanged. Inputs are BGR, scaled to
[-0.5, 0.5], at a fixed working height of 184 pixels (the body) or 368 (the hands, at four scales).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.generation.annotators.common import StateDict, network_dtype, running
from impasto.generation.annotators.pose import (
    HAND_PARTS,
    Person,
    draw_bodies,
    draw_hands,
    find_people,
    hand_boxes,
    hand_keypoints,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from impasto.generation.runtime import Loaded

    Array = NDArray[Any]

POOL = "pool"
_VGG = (
    "conv1_1",
    "conv1_2",
    POOL,
    "conv2_1",
    "conv2_2",
    POOL,
    "conv3_1",
    "conv3_2",
    "conv3_3",
    "conv3_4",
    POOL,
)
BODY_TRUNK = (*_VGG, "conv4_1", "conv4_2", "conv4_3_CPM", "conv4_4_CPM")
HAND_TRUNK = (*_VGG, "conv4_1", "conv4_2", "conv4_3", "conv4_4", "conv5_1", "conv5_2", "conv5_3_CPM")
STAGES = 6
_BOX = 368  # the working size the networks were trained at
_STRIDE = 8  # the trunk's three poolings
_PAD_VALUE = 128
_BODY_SCALE = 0.5
_HAND_SCALES = (0.5, 1.0, 1.5, 2.0)


def _body_branches() -> list[list[tuple[str, ...]]]:
    first = [tuple(f"conv5_{i}_CPM_L{b}" for i in range(1, 6)) for b in (1, 2)]
    later = [[tuple(f"Mconv{i}_stage{s}_L{b}" for i in range(1, 8)) for b in (1, 2)] for s in range(2, 7)]
    return [first, *later]


def _hand_branches() -> list[list[tuple[str, ...]]]:
    first: list[tuple[str, ...]] = [("conv6_1_CPM", "conv6_2_CPM")]
    return [first, *[[tuple(f"Mconv{i}_stage{s}" for i in range(1, 8))] for s in range(2, STAGES + 1)]]


class _PoseNet(nn.Module):
    """A trunk and refinement stages of convolution chains; each convolution is registered under its
    Caffe name with its shape read from the weights (ReLU after each, except a branch's last)."""

    def __init__(self, trunk: tuple[str, ...], stages: list[list[tuple[str, ...]]], state: StateDict) -> None:
        super().__init__()
        self.trunk, self.stages = trunk, stages
        names = [*trunk, *(name for stage in stages for branch in stage for name in branch)]
        for name in names:
            if name == POOL:
                continue
            out_channels, in_channels, kernel, _ = state[f"{name}.weight"].shape
            self.add_module(
                name, nn.Conv2d(int(in_channels), int(out_channels), int(kernel), padding=kernel // 2)
            )

    def _chain(self, names: tuple[str, ...], x: torch.Tensor, last_relu: bool) -> torch.Tensor:
        for index, name in enumerate(names):
            if name == POOL:
                x = F.max_pool2d(x, kernel_size=2, stride=2)
                continue
            x = getattr(self, name)(x)
            if last_relu or index < len(names) - 1:
                x = F.relu(x)
        return x

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Each branch's predictions (1, C, H/8, W/8) after the last stage."""
        features = self._chain(self.trunk, x, last_relu=True)
        outputs: list[torch.Tensor] = []
        for stage in self.stages:
            stage_input = torch.cat([*outputs, features], dim=1) if outputs else features
            outputs = [self._chain(branch, stage_input, last_relu=False) for branch in stage]
        return outputs


class BodyPoseNet(_PoseNet):
    """The body network: outputs part affinity fields (38 channels) and heat maps (19)."""

    @classmethod
    def from_state(cls, state: StateDict) -> BodyPoseNet:
        return cls(BODY_TRUNK, _body_branches(), state)


class HandPoseNet(_PoseNet):
    """The hand network: outputs heat maps (22 channels)."""

    @classmethod
    def from_state(cls, state: StateDict) -> HandPoseNet:
        return cls(HAND_TRUNK, _hand_branches(), state)


def openpose(
    body: Loaded,
    pixels: Array,
    *,
    hand: Loaded | None = None,
    draw_body: bool = True,
    device: str = "auto",
) -> Array:
    """The OpenPose control image (RGB uint8, the image's size): each person's limbs and keypoints in
    the standard colours on black, and the hands' bones if a hand model is given."""
    height, width = pixels.shape[:2]
    with running(body, device) as (network, target):
        scale = _BOX * _BODY_SCALE / height
        pafs, heatmaps = _predict(network, _bgr(pixels), scale, target)
    people = find_people(heatmaps, pafs, height)
    canvas = np.zeros((height, width, 3), dtype=np.uint8)
    if draw_body:
        canvas = draw_bodies(canvas, people)
    if hand is not None:
        canvas = draw_hands(canvas, _hands(hand, pixels, people, device))
    return canvas


def _bgr(pixels: Array) -> Array:
    bgr: Array = np.ascontiguousarray(pixels[:, :, ::-1]).astype(np.float32)
    return bgr


def _predict(network: nn.Module, bgr: Array, scale: float, device: torch.device) -> list[Array]:
    """The network's outputs for ``bgr`` scaled by ``scale``, as (H, W, C) maps at the input's size."""
    height, width = bgr.shape[:2]
    scaled = cv2.resize(bgr, (0, 0), fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    scaled_height, scaled_width = scaled.shape[:2]
    padded = cv2.copyMakeBorder(
        scaled, 0, -scaled_height % _STRIDE, 0, -scaled_width % _STRIDE, cv2.BORDER_CONSTANT, value=_PAD_VALUE
    )
    tensor = torch.from_numpy(padded / 256.0 - 0.5).to(device, network_dtype(network))
    outputs = network(tensor.permute(2, 0, 1).unsqueeze(0))
    maps = []
    for output in outputs:
        upsampled = F.interpolate(output.float(), scale_factor=_STRIDE, mode="bicubic")
        cropped = upsampled[:, :, :scaled_height, :scaled_width]
        full = F.interpolate(cropped, (height, width), mode="bicubic")
        maps.append(full[0].permute(1, 2, 0).cpu().numpy())
    return maps


def _hands(hand: Loaded, pixels: Array, people: list[Person], device: str) -> list[Array]:
    """21 (x, y) keypoints per hand found next to a wrist; NaN where a keypoint was not found."""
    boxes = hand_boxes(people, pixels.shape[0], pixels.shape[1])
    if not boxes:
        return []
    bgr = _bgr(pixels)
    found = []
    with running(hand, device) as (network, target):
        for x, y, side in boxes:
            crop = bgr[y : y + side, x : x + side]
            heatmaps = np.zeros((side, side, HAND_PARTS + 1), dtype=np.float32)
            for factor in _HAND_SCALES:
                heatmaps += _predict(network, crop, factor * _BOX / side, target)[0] / len(_HAND_SCALES)
            found.append(hand_keypoints(heatmaps) + np.array([x, y], dtype=np.float32))
    return found
