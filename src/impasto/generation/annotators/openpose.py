"""OpenPose from an image: the body and hand networks
(:mod:`impasto.models.architectures.annotators.openpose`) run on BGR scaled to [-0.5, 0.5] at a fixed
working size (the hands at four scales), their maps assembled into people and drawn in the colours the
OpenPose ControlNets expect."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.generation.annotators.common import network_dtype, running
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

_BOX = 368  # the working size the networks were trained at
_STRIDE = 8  # the trunk's three poolings
_PAD_VALUE = 128
_BODY_SCALE = 0.5
_HAND_SCALES = (0.5, 1.0, 1.5, 2.0)


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
