"""The default main model: the configured one, else the bundled demo model, else the first by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from impasto.models.defaults import default_main_model
from impasto.models.starters import install_bundled
from tests.builders.conftest import Models, plan
from tests.generation.helpers import DEMO_MODEL, Studio, make_services
from tests.models.factory import write_sd1_diffusers, write_sdxl_diffusers


def test_configured_then_demo_then_first_by_name(tmp_path: Path) -> None:
    studio = Studio(make_services(tmp_path / "root"))
    services = studio.services
    try:
        assert default_main_model(services.models, services.config) is None
        refiner = studio.install(write_sdxl_diffusers(tmp_path / "refiner", refiner=True), name="A Refiner")
        assert default_main_model(services.models, services.config) is None  # refiners cannot start images
        zebra = studio.install(write_sd1_diffusers(tmp_path / "zebra"), name="zebra")
        alpha = studio.install(DEMO_MODEL, name="Alpha")  # the demo's files, but not the bundled install
        assert default_main_model(services.models, services.config) == alpha
        demo = install_bundled(services.models, DEMO_MODEL)
        assert default_main_model(services.models, services.config) == demo
        services.config.default_model = "ZEBRA"
        assert default_main_model(services.models, services.config) == zebra
        services.config.default_model = zebra.key
        assert default_main_model(services.models, services.config) == zebra
        for missing in ("nobody", refiner.key):  # not installed, or not a usable main model
            services.config.default_model = missing
            assert default_main_model(services.models, services.config) == demo
    finally:
        services.close()


def test_a_request_without_a_model_uses_the_default(studio: Studio, models: Models) -> None:
    expected = default_main_model(studio.services.models, studio.services.config)
    assert expected == models.demo  # the bundled demo model is installed in this studio
    assert plan(studio, prompt="x").model_key == models.demo.key


@pytest.mark.parametrize("value", ["", None])
def test_an_empty_setting_means_no_preference(studio: Studio, models: Models, value: str | None) -> None:
    studio.services.config.default_model = value
    assert default_main_model(studio.services.models, studio.services.config) == models.demo
