"""Learned ControlNet preprocessor ("annotator") networks, as the model loader builds them from a file.

One module per family, each holding its network (a PyTorch module whose parameter names match the
published weights, so the released files load as they are):

- :mod:`.depth`: the input rules of transformers' depth estimators (Depth Anything, DPT) and the wrapper
  a loaded one is kept in
- :mod:`.hed`: HED soft edges (lllyasviel's ``ControlNetHED.pth``)
- :mod:`.lineart`: line art (``sk_model.pth`` / ``sk_model2.pth``, coarse)
- :mod:`.lineart_anime`: anime line art (``netG.pth``)
- :mod:`.pidinet`: PiDiNet soft edges (``table5_pidinet.pth``)
- :mod:`.mlsd`: M-LSD straight lines (``mlsd_large_512_fp32.pth``)
- :mod:`.openpose`: OpenPose body and hand keypoints (``body_pose_model.pth``, ``hand_pose_model.pth``)

:func:`build_annotator` makes the network for an identified file; the model loader calls it. Channel
widths are read from the weights, so a file with narrower layers (the tests' tiny ones) builds too.
Running them on images is generation's work (:mod:`impasto.generation.annotators`). Importing this
package does not import torch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from impasto.models.taxonomy import PreprocessorArchitecture

if TYPE_CHECKING:
    from torch import nn

    from impasto.models.architectures.annotators.common import StateDict

_BUILDERS: dict[PreprocessorArchitecture, tuple[str, str]] = {
    PreprocessorArchitecture.HED: ("hed", "HEDNet"),
    PreprocessorArchitecture.LINEART: ("lineart", "LineartNet"),
    PreprocessorArchitecture.LINEART_ANIME: ("lineart_anime", "LineartAnimeNet"),
    PreprocessorArchitecture.PIDINET: ("pidinet", "PiDiNet"),
    PreprocessorArchitecture.MLSD: ("mlsd", "MLSDNet"),
    PreprocessorArchitecture.OPENPOSE_BODY: ("openpose", "BodyPoseNet"),
    PreprocessorArchitecture.OPENPOSE_HAND: ("openpose", "HandPoseNet"),
}
"""Module and class of each annotator network that is read from a single weights file."""

ANNOTATOR_FILE_ARCHITECTURES = frozenset(_BUILDERS)
"""Architectures stored as one weights file (the others are transformers folders)."""


def build_annotator(architecture: PreprocessorArchitecture, state: StateDict) -> nn.Module:
    """The network for ``architecture`` shaped after ``state`` (not yet holding its weights)."""
    module_name, class_name = _BUILDERS[architecture]
    module = importlib.import_module(f"impasto.models.architectures.annotators.{module_name}")
    network: nn.Module = getattr(module, class_name).from_state(state)
    return network
