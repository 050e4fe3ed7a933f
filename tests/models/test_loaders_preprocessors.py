"""Preprocessor models load through the model loader and cache: annotator files become their networks
with exactly the file's weights (in float32), depth folders become estimators with their input rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from transformers import DepthAnythingForDepthEstimation, DPTForDepthEstimation

from impasto.models.architectures.annotators.depth import DepthEstimator
from impasto.models.architectures.annotators.hed import HEDNet
from impasto.models.architectures.annotators.lineart import LineartNet
from impasto.models.architectures.annotators.lineart_anime import LineartAnimeNet
from impasto.models.architectures.annotators.mlsd import MLSDNet
from impasto.models.architectures.annotators.openpose import BodyPoseNet, HandPoseNet
from impasto.models.architectures.annotators.pidinet import PiDiNet
from impasto.models.identity import ModelRecord
from impasto.models.loaders import ModelLoadError
from impasto.models.probe import identify
from impasto.models.security import load_state_dict
from tests.models.factory import (
    write_depth_anything,
    write_dpt,
    write_hed,
    write_lineart,
    write_lineart_anime,
    write_mlsd,
    write_openpose_body,
    write_openpose_hand,
    write_pidinet,
)
from tests.models.test_loaders import make_loader, make_record

torch.set_num_threads(1)

NETWORKS: dict[str, tuple[Callable[[Path], Path], type[torch.nn.Module]]] = {
    "hed": (write_hed, HEDNet),
    "lineart": (write_lineart, LineartNet),
    "lineart_anime": (write_lineart_anime, LineartAnimeNet),
    "pidinet": (write_pidinet, PiDiNet),
    "mlsd": (write_mlsd, MLSDNet),
    "openpose_body": (write_openpose_body, BodyPoseNet),
    "openpose_hand": (write_openpose_hand, HandPoseNet),
}


def record_of(path: Path, **details: object) -> ModelRecord:
    """The record an install of ``path`` would make (identified; ``details`` override)."""
    identity = identify(path)
    fmt = identity.format.value
    return make_record(path, "any", fmt, type="preprocessor", details={**identity.details, **details})


@pytest.mark.parametrize("architecture", sorted(NETWORKS))
def test_annotators_load_their_file_exactly_and_are_cached(tmp_path: Path, architecture: str) -> None:
    write, network_class = NETWORKS[architecture]
    path = write(tmp_path / f"{architecture}.pth")
    loader = make_loader(tmp_path)
    loaded = loader.load(record_of(path))
    network: torch.nn.Module = loaded.model
    assert type(network) is network_class
    assert not network.training
    state = network.state_dict()
    for key, value in load_state_dict(path).items():
        loaded_value = state[key.removeprefix("module.")]
        assert torch.equal(loaded_value, value.to(loaded_value.dtype))
    assert all(p.dtype == torch.float32 and not p.requires_grad for p in network.parameters())
    assert loader.load(record_of(path)).model is network
    assert loader.cache.stats().hits == 1
    with loaded.lock() as locked:
        assert locked is network
        assert next(locked.parameters()).device.type == "cpu"


def test_hed_is_released_in_half_precision_and_runs_in_full(tmp_path: Path) -> None:
    path = write_hed(tmp_path / "ControlNetHED.pth")
    assert {v.dtype for v in load_state_dict(path).values()} == {torch.float16}
    network = make_loader(tmp_path).load(record_of(path)).model
    assert network.norm.dtype == torch.float32


def test_depth_folders_load_with_their_input_rules(tmp_path: Path) -> None:
    loader = make_loader(tmp_path)
    depth = loader.load(record_of(write_depth_anything(tmp_path / "depth"))).model
    assert isinstance(depth, DepthEstimator)
    assert isinstance(depth.model, DepthAnythingForDepthEstimation)
    assert (depth.input.keep_aspect_ratio, depth.input.multiple, depth.metric) == (True, 14, False)
    assert depth.input.shape_for(60, 100) == (56, 98)
    dpt = loader.load(record_of(write_dpt(tmp_path / "dpt"))).model
    assert isinstance(dpt.model, DPTForDepthEstimation)
    assert dpt.input.shape_for(60, 100) == (32, 32)  # a plain ViT DPT takes squares of its size
    assert dpt.input.mean == (0.5, 0.5, 0.5)
    metric = loader.load(record_of(write_depth_anything(tmp_path / "metric", metric=True))).model
    assert metric.metric
    with loader.load(record_of(tmp_path / "depth")).lock() as estimator:
        assert estimator is depth


def test_a_file_that_does_not_fit_its_recorded_architecture_fails_clearly(tmp_path: Path) -> None:
    path = write_lineart(tmp_path / "sk_model.pth")
    loader = make_loader(tmp_path)
    with pytest.raises(ModelLoadError, match="does not hold a complete hed network"):
        loader.load(record_of(path, architecture="hed"))
    with pytest.raises(ModelLoadError, match="records the architecture 'segment_anything'"):
        loader.load(record_of(path, architecture="segment_anything"))
