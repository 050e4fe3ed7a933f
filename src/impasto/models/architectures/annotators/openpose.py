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

import torch
import torch.nn.functional as F  # noqa: N812
from torch import nn

from impasto.models.architectures.annotators.common import StateDict

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
