"""SD 3.5 models: identification of folders and single files, and single files loading into exactly the
models of the folders they were made from."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from impasto.models.identity import UnrecognisedModelError
from impasto.models.loaders import ModelLoader, SubModel
from impasto.models.probe import identify
from impasto.models.taxonomy import BaseModelType, ModelVariant, default_settings
from tests.models.factory.checkpoints import save_state
from tests.models.factory.sd3 import write_sd3_checkpoint, write_sd3_diffusers
from tests.models.test_loaders import make_loader, make_record

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sd3")
    return {
        "medium": write_sd3_diffusers(root / "sd3.5-medium", variant="medium"),
        "large": write_sd3_diffusers(root / "sd3.5-large", variant="large", t5=False),
    }


@pytest.fixture(scope="module")
def files(folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sd3-files")
    return {
        "medium": write_sd3_checkpoint(root / "sd3.5_medium.safetensors", source=folders["medium"]),
        "large": write_sd3_checkpoint(root / "sd3.5_large.safetensors", source=folders["large"]),
    }


def _seen(path: Path) -> tuple[str, str, str, str | None, str | None]:
    identity = identify(path)
    return identity.base, identity.type, identity.format, identity.variant, identity.prediction_type


def test_folders_are_told_apart_by_their_transformer(folders: dict[str, Path]) -> None:
    assert _seen(folders["medium"]) == ("sd-3", "main", "diffusers", "medium", "flow")
    assert _seen(folders["large"]) == ("sd-3", "main", "diffusers", "large", "flow")
    assert identify(folders["medium"]).details["t5"] is True
    assert identify(folders["large"]).details["t5"] is False


def test_large_turbo_is_told_by_its_name(folders: dict[str, Path], tmp_path: Path) -> None:
    turbo = folders["large"].rename(tmp_path / "sd3.5-large-turbo")
    try:
        assert identify(turbo).variant == ModelVariant.SD3_LARGE_TURBO
    finally:
        turbo.rename(folders["large"])
    assert default_settings(BaseModelType.SD3, ModelVariant.SD3_LARGE_TURBO).steps == 4


def test_single_files_in_stability_layout(files: dict[str, Path]) -> None:
    medium = identify(files["medium"])
    assert _seen(files["medium"]) == ("sd-3", "main", "checkpoint", "medium", "flow")
    assert medium.details["config_hint"] == "sd35-medium"
    assert medium.details["components"] == [
        "transformer", "scheduler", "vae", "text_encoder", "text_encoder_2", "text_encoder_3",
    ]  # fmt: skip
    large = identify(files["large"])
    assert (large.variant, large.details["config_hint"]) == ("large", "sd35-large")
    assert large.details["components"] == [
        "transformer",
        "scheduler",
        "vae",
        "text_encoder",
        "text_encoder_2",
    ]


def test_transformer_only_file_and_turbo_metadata(folders: dict[str, Path], tmp_path: Path) -> None:
    path = write_sd3_checkpoint(
        tmp_path / "model.safetensors",
        source=folders["large"],
        encoders=False,
        metadata={"modelspec.title": "Stable Diffusion 3.5 Large Turbo"},
    )
    from safetensors.torch import load_file

    bare = {k.removeprefix("model.diffusion_model."): v for k, v in load_file(path).items()}
    bare = {k: v for k, v in bare.items() if not k.startswith("first_stage_model.")}
    save_state(path, bare, metadata={"modelspec.title": "Stable Diffusion 3.5 Large Turbo"})
    identity = identify(path)
    assert (identity.variant, identity.details["key_prefix"]) == ("large_turbo", "")
    assert identity.details["components"] == ["transformer", "scheduler"]


def test_sd30_file_is_refused_with_the_reason(files: dict[str, Path], tmp_path: Path) -> None:
    from safetensors.torch import load_file

    state = {k: v for k, v in load_file(files["large"]).items() if ".ln_" not in k}
    path = save_state(tmp_path / "sd3_medium.safetensors", state)
    with pytest.raises(UnrecognisedModelError, match=r"SD 3\.0 transformer"):
        identify(path)


def _loader(tmp_path: Path) -> ModelLoader:
    return make_loader(tmp_path)


@pytest.mark.parametrize("variant", ["medium", "large"])
def test_single_file_loads_what_the_folder_holds(
    variant: str, folders: dict[str, Path], files: dict[str, Path], tmp_path: Path
) -> None:
    loader = _loader(tmp_path)
    folder = make_record(folders[variant], "sd-3", "diffusers", key="folder")
    file = make_record(
        files[variant], "sd-3", "checkpoint", key="file", details={"config_path": str(folders[variant])}
    )
    parts = loader.submodels(file)
    expected = {SubModel.TRANSFORMER, SubModel.SCHEDULER, SubModel.VAE, SubModel.TEXT_ENCODER}
    assert expected | {SubModel.TEXT_ENCODER_2, SubModel.TOKENIZER, SubModel.TOKENIZER_2} <= set(parts)
    assert (SubModel.TEXT_ENCODER_3 in parts) == (variant == "medium")
    for part in parts:
        if part in (SubModel.SCHEDULER, SubModel.TOKENIZER, SubModel.TOKENIZER_2, SubModel.TOKENIZER_3):
            continue
        ours = loader.load(file, part).model.state_dict()
        theirs = loader.load(folder, part).model.state_dict()
        assert ours.keys() == theirs.keys(), part
        assert all(torch.equal(ours[k], theirs[k]) for k in theirs), part
    scheduler = loader.load(file, SubModel.SCHEDULER).model
    assert (type(scheduler).__name__, scheduler.config.shift) == ("FlowMatchEulerDiscreteScheduler", 3.0)


def test_shipped_config_offers_no_t5_without_its_tokenizer(files: dict[str, Path], tmp_path: Path) -> None:
    record = make_record(files["medium"], "sd-3", "checkpoint", variant="medium")
    parts = _loader(tmp_path).submodels(record)
    assert SubModel.TEXT_ENCODER_2 in parts
    assert SubModel.TEXT_ENCODER_3 not in parts
