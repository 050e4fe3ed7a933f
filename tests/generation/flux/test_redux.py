"""FLUX Redux's image tokens: the same as diffusers' ``FluxPriorReduxPipeline`` computes them (SigLIP's
last hidden state through ``ReduxImageEncoder``), read through Impasto's model cache; the grid shrunk by
the downsampling factor, the weight applied squared, and clear refusals of wrong models and settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from diffusers import FluxPriorReduxPipeline
from diffusers.pipelines.flux.modeling_flux import ReduxImageEncoder
from PIL import Image
from transformers import SiglipImageProcessor, SiglipVisionModel

from impasto.errors import InvalidInputError
from impasto.generation.flux.redux import (
    FluxReduxConditioning,
    ReduxSpec,
    downsample_tokens,
    run_flux_redux,
)
from impasto.generation.runtime import StepHooks
from impasto.models.identity import ModelRecord
from tests.generation.helpers import Studio, make_services
from tests.models.factory import write_flux_redux, write_siglip
from tests.models.factory.redux import REDUX_WIDTH, SIGLIP_GRID, SIGLIP_IMAGE_SIZE, redux_state

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("redux") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModelRecord]:
    folder = tmp_path_factory.mktemp("models")
    return {
        "redux": studio.install(write_flux_redux(folder / "flux1-redux-dev.safetensors")),
        "siglip": studio.install(write_siglip(folder / "siglip-vision")),
        "whole": studio.install(write_siglip(folder / "siglip-whole", full=True, processor=False)),
        "wide": studio.install(write_siglip(folder / "siglip-wide", hidden=48)),
    }


def reference(width: int = 100, height: int = 60) -> Image.Image:
    rng = np.random.default_rng(3)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8), mode="RGB")


def redux(
    studio: Studio, models: dict[str, ModelRecord], siglip: str = "siglip", **settings: object
) -> torch.Tensor:
    spec = ReduxSpec(models["redux"].key, models[siglip].key, **settings)  # type: ignore[arg-type]
    tokens: torch.Tensor = run_flux_redux(
        studio.services.resources.models, spec, reference(), StepHooks()
    ).tokens
    return tokens


def diffusers_tokens(folder: Path) -> torch.Tensor:
    """The encoder path of ``FluxPriorReduxPipeline``: its ``encode_image`` and ``image_embedder``."""
    embedder = ReduxImageEncoder(redux_dim=32, txt_in_features=REDUX_WIDTH)
    embedder.load_state_dict(redux_state())
    if (folder / "preprocessor_config.json").is_file():
        processor = SiglipImageProcessor.from_pretrained(folder)
    else:
        processor = SiglipImageProcessor(size={"height": SIGLIP_IMAGE_SIZE, "width": SIGLIP_IMAGE_SIZE})
    pipe: Any = FluxPriorReduxPipeline(  # type: ignore[no-untyped-call]
        image_encoder=SiglipVisionModel.from_pretrained(folder),  # in eval mode, as loaded
        feature_extractor=processor,
        image_embedder=embedder.eval(),
    )
    with torch.no_grad():
        hidden = pipe.encode_image(reference(), torch.device("cpu"), 1)
        tokens: torch.Tensor = pipe.image_embedder(hidden).image_embeds
    return tokens


@pytest.mark.parametrize("siglip", ["siglip", "whole"])
def test_tokens_match_diffusers_prior_redux(
    studio: Studio, models: dict[str, ModelRecord], siglip: str
) -> None:
    ours = redux(studio, models, siglip)
    theirs = diffusers_tokens(Path(models[siglip].path))
    assert ours.shape == (1, SIGLIP_GRID**2, REDUX_WIDTH) == theirs.shape
    assert torch.allclose(ours, theirs, atol=1e-5, rtol=0)
    assert ours.device.type == "cpu"


def test_downsampling_shrinks_the_token_grid(studio: Studio, models: dict[str, ModelRecord]) -> None:
    full = redux(studio, models)
    for factor in range(1, 10):
        tokens = redux(studio, models, downsampling_factor=factor, downsampling_function="bilinear")
        assert tokens.shape == (1, (SIGLIP_GRID // factor) ** 2, REDUX_WIDTH)
    area = redux(studio, models, downsampling_factor=3)  # area (the default) averages each 3 x 3 block
    blocks = full.reshape(1, 3, 3, 3, 3, REDUX_WIDTH).mean(dim=(2, 4)).reshape(1, 9, REDUX_WIDTH)
    assert torch.allclose(area, blocks, atol=1e-6)
    nearest = redux(studio, models, downsampling_factor=3, downsampling_function="nearest")
    assert torch.equal(nearest, full.reshape(1, 9, 9, REDUX_WIDTH)[:, ::3, ::3].reshape(1, 9, REDUX_WIDTH))


def test_the_weight_scales_the_tokens_by_its_square(studio: Studio, models: dict[str, ModelRecord]) -> None:
    full = redux(studio, models)
    assert torch.allclose(redux(studio, models, weight=0.5), full * 0.25, atol=1e-7)
    assert torch.count_nonzero(redux(studio, models, weight=0.0)) == 0
    both = redux(studio, models, weight=0.8, downsampling_factor=2)
    assert torch.allclose(both, redux(studio, models, downsampling_factor=2) * 0.64, atol=1e-6)


def test_wrong_models_are_refused_by_name(studio: Studio, models: dict[str, ModelRecord]) -> None:
    hooks, source = StepHooks(), studio.services.resources.models
    as_redux = ReduxSpec(models["siglip"].key, models["siglip"].key)
    with pytest.raises(
        InvalidInputError, match=r"redux_model: 'siglip-vision' is a siglip model, not a flux_redux"
    ):
        run_flux_redux(source, as_redux, reference(), hooks)
    as_siglip = ReduxSpec(models["redux"].key, models["redux"].key)
    with pytest.raises(InvalidInputError, match=r"siglip_model: 'flux1-redux-dev' is a flux_redux model"):
        run_flux_redux(source, as_siglip, reference(), hooks)
    with pytest.raises(InvalidInputError, match="takes 32-wide image tokens but the SigLIP encoder gives 48"):
        redux(studio, models, "wide")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"weight": 1.5}, "weight must be from 0 to 1"),
        ({"downsampling_factor": 10}, "downsampling_factor must be from 1 to 9"),
        ({"downsampling_function": "cubic"}, "downsampling_function must be one of nearest, bilinear"),
    ],
)
def test_settings_out_of_range_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        ReduxSpec("redux", "siglip", **settings).check()  # type: ignore[arg-type]


def test_downsampling_needs_a_square_grid_larger_than_the_factor() -> None:
    with pytest.raises(InvalidInputError, match="factor 5 is larger than the 4 x 4 grid"):
        downsample_tokens(torch.zeros(1, 16, 8), 5, "area")
    with pytest.raises(InvalidInputError, match="15 image tokens, not a square grid"):
        downsample_tokens(torch.zeros(1, 15, 8), 2, "area")


def test_the_stored_form_round_trips_and_refuses_other_values() -> None:
    tokens = torch.ones(1, 4, 8)
    assert torch.equal(
        FluxReduxConditioning.from_dict(FluxReduxConditioning(tokens).to_dict()).tokens, tokens
    )
    with pytest.raises(ValueError, match="not a FLUX Redux conditioning"):
        FluxReduxConditioning.from_dict({"kind": "flux_kontext", "latents": tokens})
