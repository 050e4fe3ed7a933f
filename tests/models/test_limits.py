"""The ``max_image_pixels`` setting: defaults from each base's native size, partial overrides, sizes
written as ``WxH``, and the usual one-line configuration errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from impasto.config import load_config
from impasto.errors import ConfigError
from impasto.models.limits import TooLargeError, check_pixels, default_max_image_pixels
from impasto.models.taxonomy import BaseModelType


def test_defaults_are_sixteen_times_each_bases_native_area(root: Path) -> None:
    limits = load_config(root, environ={}).max_image_pixels
    assert limits == default_max_image_pixels()
    assert limits[BaseModelType.SD1] == 2048 * 2048
    assert limits[BaseModelType.SD2] == 3072 * 3072
    assert limits[BaseModelType.SDXL] == limits[BaseModelType.FLUX] == 4096 * 4096
    assert BaseModelType.ANY not in limits


def test_a_file_names_only_the_bases_it_changes(root: Path) -> None:
    (root / "impasto.yaml").write_text("max_image_pixels:\n  sdxl: 6144x6144\n  sd-1: 1048576\n")
    limits = load_config(root, environ={}).max_image_pixels
    assert (limits[BaseModelType.SDXL], limits[BaseModelType.SD1]) == (6144 * 6144, 1024 * 1024)
    assert limits[BaseModelType.SD2] == 3072 * 3072


def test_the_environment_takes_a_json_mapping(root: Path) -> None:
    environ = {"IMPASTO_MAX_IMAGE_PIXELS": '{"sd-2": "1024x768"}'}
    assert load_config(root, environ=environ).max_image_pixels[BaseModelType.SD2] == 1024 * 768


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{sd-1: lots}", "`max_image_pixels.sd-1` = 'lots'"),
        ("{sd-1: 32x32}", "greater than or equal to 4096"),
        ("{sdxx: 4096x4096}", "Input should be 'sd-1', 'sd-2'"),
        ("{any: 4096x4096}", "`any` is not a base with a pixel limit"),
        ("4194304", "valid dictionary"),
    ],
)
def test_bad_values_stop_with_one_line_naming_the_key(root: Path, text: str, fragment: str) -> None:
    (root / "impasto.yaml").write_text(f"max_image_pixels: {text}\n")
    with pytest.raises(ConfigError) as info:
        load_config(root, environ={})
    assert fragment in info.value.message
    assert "max_image_pixels" in info.value.message
    assert "\n" not in info.value.message


def test_the_refusal_names_the_size_the_limit_and_how_to_raise_it() -> None:
    limits = default_max_image_pixels()
    check_pixels(limits, BaseModelType.SD1, 2048, 2048, "the image would be")  # at the limit: fine
    check_pixels(limits, BaseModelType.ANY, 9000, 9000, "the image would be")  # no limit for any-base
    with pytest.raises(TooLargeError) as info:
        check_pixels(limits, BaseModelType.SD1, 2048, 2056, "the image would be", field="height")
    assert info.value.message == (
        "the image would be 2048x2056 = 4,210,688 pixels, more than max_image_pixels allows for sd-1 models "
        "(4,194,304 pixels, e.g. 2048x2048); make it smaller, or raise it in impasto.yaml "
        "(`max_image_pixels: {sd-1: 2048x2056}`)"
    )
    assert info.value.details["field"] == "height"
    assert info.value.status_code == 422
