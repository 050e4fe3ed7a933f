"""Identification of ControlNet preprocessor models: transformers depth folders and lllyasviel's annotator
files, told apart by their configs and key shapes, not by their file names."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from impasto.models.identity import UnrecognisedModelError
from impasto.models.probe import identify
from impasto.models.security import load_state_dict
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

from .factory import (
    write_depth_anything,
    write_dpt,
    write_hed,
    write_lineart,
    write_lineart_anime,
    write_lora,
    write_mlsd,
    write_openpose_body,
    write_openpose_hand,
    write_pidinet,
)

torch.set_num_threads(1)

ANNOTATOR_FILES: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "hed": ("ControlNetHED.pth", write_hed),
    "lineart": ("sk_model.pth", write_lineart),
    "lineart_anime": ("netG.pth", write_lineart_anime),
    "pidinet": ("table5_pidinet.pth", write_pidinet),
    "mlsd": ("mlsd_large_512_fp32.pth", write_mlsd),
    "openpose_body": ("body_pose_model.pth", write_openpose_body),
    "openpose_hand": ("hand_pose_model.pth", write_openpose_hand),
}


@pytest.mark.parametrize("architecture", sorted(ANNOTATOR_FILES))
def test_annotator_files_are_identified_by_their_keys(tmp_path: Path, architecture: str) -> None:
    name, write = ANNOTATOR_FILES[architecture]
    identity = identify(write(tmp_path / name))
    assert (identity.type, identity.base, identity.format) == (
        ModelType.PREPROCESSOR,
        BaseModelType.ANY,
        ModelFormat.CHECKPOINT,
    )
    assert identity.details["architecture"] == architecture
    renamed = (tmp_path / name).rename(tmp_path / "some-download.pth")
    assert identify(renamed).details["architecture"] == architecture  # the name plays no part


def test_annotators_as_safetensors_and_with_a_training_prefix(tmp_path: Path) -> None:
    state = load_state_dict(write_hed(tmp_path / "hed.pth"))
    save_file({k: v.contiguous() for k, v in state.items()}, tmp_path / "hed.safetensors")
    assert identify(tmp_path / "hed.safetensors").details["architecture"] == "hed"
    prefixed = write_lineart_anime(tmp_path / "netG.pth", prefix="module.")
    assert identify(prefixed).details["architecture"] == "lineart_anime"


def test_the_coarse_line_art_model_is_marked_by_its_released_name(tmp_path: Path) -> None:
    assert identify(write_lineart(tmp_path / "sk_model.pth")).details["coarse"] is False
    assert identify(write_lineart(tmp_path / "sk_model2.pth")).details["coarse"] is True


def test_a_released_file_name_alone_identifies_nothing(tmp_path: Path) -> None:
    lora = write_lora(tmp_path / "lora.safetensors")
    state = load_state_dict(lora)
    torch.save(state, tmp_path / "ControlNetHED.pth")
    assert identify(tmp_path / "ControlNetHED.pth").type == ModelType.LORA
    torch.save({"model0.1.weight": torch.zeros(4, 3, 7, 7)}, tmp_path / "sk_model.pth")  # half a generator
    with pytest.raises(UnrecognisedModelError):
        identify(tmp_path / "sk_model.pth")


def test_annotator_variants_that_cannot_run_say_why(tmp_path: Path) -> None:
    state = load_state_dict(write_pidinet(tmp_path / "pidinet.pth"))
    plain = {k: v for k, v in state.items() if not k.startswith(("module.dilations", "module.attentions"))}
    torch.save(plain, tmp_path / "plain.pth")
    with pytest.raises(UnrecognisedModelError, match="without the dilation and attention"):
        identify(tmp_path / "plain.pth")
    mlsd = load_state_dict(write_mlsd(tmp_path / "mlsd.pth"))
    torch.save({k: v for k, v in mlsd.items() if not k.startswith("block23")}, tmp_path / "tiny.pth")
    with pytest.raises(UnrecognisedModelError, match="other than the large one"):
        identify(tmp_path / "tiny.pth")


def test_depth_folders_are_preprocessors(tmp_path: Path) -> None:
    depth = identify(write_depth_anything(tmp_path / "depth-anything"))
    assert (depth.type, depth.base, depth.format) == (
        ModelType.PREPROCESSOR,
        BaseModelType.ANY,
        ModelFormat.TRANSFORMERS,
    )
    assert depth.details == {"architecture": "depth_anything", "depth_estimation_type": "relative"}
    metric = identify(write_depth_anything(tmp_path / "metric", metric=True))
    assert metric.details["depth_estimation_type"] == "metric"
    assert identify(write_dpt(tmp_path / "dpt")).details["architecture"] == "dpt"


def test_a_dpt_with_another_head_is_not_a_depth_preprocessor(tmp_path: Path) -> None:
    folder = write_dpt(tmp_path / "dpt")
    config = json.loads((folder / "config.json").read_text())
    config["architectures"] = ["DPTForSemanticSegmentation"]
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(UnrecognisedModelError):
        identify(folder)
