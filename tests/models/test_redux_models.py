"""FLUX Redux's two models through the model manager: SigLIP vision folders (a tower alone or a whole
SigLIP model) and BFL's Redux file are identified from their configs and tensors, install as their own
types, and load through the cache as the tower with its image processor and as the Redux embedder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from transformers import SiglipModel, SiglipVisionModel

from impasto.models.architectures.flux_redux import FluxReduxEmbedder
from impasto.models.architectures.siglip import SiglipEncoder
from impasto.models.identity import UnrecognisedModelError
from impasto.models.install.jobs import JobState
from impasto.models.loaders import ModelLoadError
from impasto.models.probe import identify
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType

from .factory import write_flux_redux, write_siglip
from .factory.redux import REDUX_WIDTH, SIGLIP_GRID, SIGLIP_HIDDEN, SIGLIP_IMAGE_SIZE, redux_state
from .install_helpers import ModelStack, model_stack
from .test_loaders import make_loader, make_record

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def stack(root: Path) -> Iterator[ModelStack]:
    with model_stack(root) as built:
        yield built


@pytest.mark.parametrize("full", [False, True], ids=["vision-tower", "whole-siglip"])
def test_siglip_folders_are_identified(tmp_path: Path, full: bool) -> None:
    identity = identify(write_siglip(tmp_path / "siglip", full=full))
    assert (identity.type, identity.base, identity.format) == (
        ModelType.SIGLIP,
        BaseModelType.ANY,
        ModelFormat.TRANSFORMERS,
    )
    assert identity.details == {
        "layout": "full" if full else "vision",
        "hidden_size": SIGLIP_HIDDEN,
        "image_size": SIGLIP_IMAGE_SIZE,
        "patch_size": 8,
        "tokens": SIGLIP_GRID**2,
    }


def test_the_redux_file_is_identified_by_its_tensors_not_its_name(tmp_path: Path) -> None:
    path = write_flux_redux(tmp_path / "flux1-redux-dev.safetensors")
    identity = identify(path)
    assert (identity.type, identity.base, identity.format) == (
        ModelType.FLUX_REDUX,
        BaseModelType.FLUX,
        ModelFormat.CHECKPOINT,
    )
    assert identity.details == {"image_width": SIGLIP_HIDDEN, "width": REDUX_WIDTH}
    assert identify(path.rename(tmp_path / "download.safetensors")).type == ModelType.FLUX_REDUX


def test_files_resembling_redux_are_not_taken_for_it(tmp_path: Path) -> None:
    state = redux_state()
    save_file({**state, "extra.weight": torch.zeros(2)}, tmp_path / "more.safetensors")
    with pytest.raises(UnrecognisedModelError):
        identify(tmp_path / "more.safetensors")
    state["redux_down.weight"] = torch.zeros(REDUX_WIDTH, 5)
    save_file(state, tmp_path / "broken.safetensors")
    with pytest.raises(UnrecognisedModelError, match="do not chain"):
        identify(tmp_path / "broken.safetensors")


def test_both_install_through_the_model_manager(stack: ModelStack, tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    redux_job = stack.install(write_flux_redux(downloads / "flux1-redux-dev.safetensors"))
    siglip_job = stack.install(write_siglip(downloads / "siglip-so400m-patch14-384"))
    for job in (redux_job, siglip_job):
        assert job.state is JobState.COMPLETED, job.error_message
    redux = stack.records.get(redux_job.model_key or "")
    siglip = stack.records.get(siglip_job.model_key or "")
    assert (redux.base, redux.type, redux.format) == ("flux", "flux_redux", "checkpoint")
    assert redux.path == "flux/flux_redux/flux1-redux-dev.safetensors"
    assert (siglip.base, siglip.type, siglip.format) == ("any", "siglip", "transformers")
    loader = make_loader(stack.config.models_path)
    assert isinstance(loader.load(redux).model, FluxReduxEmbedder)
    assert isinstance(loader.load(siglip).model, SiglipEncoder)


def test_the_redux_file_loads_exactly(tmp_path: Path) -> None:
    path = write_flux_redux(tmp_path / "redux.safetensors")
    loaded = make_loader(tmp_path).load(make_record(path, "flux", "checkpoint", type="flux_redux"))
    embedder = loaded.model
    assert (embedder.image_width, embedder.width) == (SIGLIP_HIDDEN, REDUX_WIDTH)
    state = embedder.state_dict()
    assert all(torch.equal(state[k], v) for k, v in redux_state().items())
    tokens = torch.randn(1, 5, SIGLIP_HIDDEN)
    up, down = torch.nn.functional.linear, redux_state()
    expected = up(torch.nn.functional.silu(up(tokens, down["redux_up.weight"], down["redux_up.bias"])),
                  down["redux_down.weight"], down["redux_down.bias"])  # fmt: skip
    with torch.no_grad():
        assert torch.allclose(embedder(tokens), expected, atol=1e-6)


def test_a_whole_siglip_model_loads_its_vision_tower(tmp_path: Path) -> None:
    folder = write_siglip(tmp_path / "siglip", full=True, processor=False)
    encoder = make_loader(tmp_path).load(make_record(folder, "any", "transformers", type="siglip")).model
    assert isinstance(encoder.model, SiglipVisionModel)
    whole = SiglipModel.from_pretrained(folder)
    pixels = torch.randn(1, 3, SIGLIP_IMAGE_SIZE, SIGLIP_IMAGE_SIZE)
    with torch.no_grad():
        ours = encoder.model(pixel_values=pixels).last_hidden_state
        theirs = whole.vision_model(pixel_values=pixels).last_hidden_state
    assert torch.equal(ours, theirs)
    assert (encoder.image_size, encoder.hidden_size, encoder.grid) == (SIGLIP_IMAGE_SIZE, SIGLIP_HIDDEN, 9)
    size = encoder.processor.size  # no preprocessor_config.json: SigLIP's defaults at the tower's size
    assert (size.height, size.width, list(encoder.processor.image_mean)) == (72, 72, [0.5, 0.5, 0.5])


def test_a_processor_config_of_another_size_is_refused(tmp_path: Path) -> None:
    folder = write_siglip(tmp_path / "siglip", processor_size=64)
    with pytest.raises(ModelLoadError, match=r"preprocessor_config\.json prepares images of"):
        make_loader(tmp_path).load(make_record(folder, "any", "transformers", type="siglip"))
