"""What the annotator networks share when they are built from a weights file: the state dict's type and
reading shapes and counts off its keys."""

from __future__ import annotations

import torch

StateDict = dict[str, torch.Tensor]


def without_prefix(state: StateDict, prefix: str = "module.") -> StateDict:
    """``state`` with ``prefix`` removed from every key (DataParallel training saves ``module.*``)."""
    return {key.removeprefix(prefix): value for key, value in state.items()}


def count_prefixed(state: StateDict, template: str, start: int = 0) -> int:
    """How many consecutive indices ``i`` from ``start`` have ``template.format(i)`` as a key."""
    count = 0
    while template.format(start + count) in state:
        count += 1
    return count
