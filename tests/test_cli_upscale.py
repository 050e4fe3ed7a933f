"""``impasto upscale``: a file or stored image enlarged by an installed upscaler, in this process."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from PIL import Image
from typer.testing import CliRunner

from impasto.cli import app
from impasto.errors import ImpastoError
from tests.models.factory import write_esrgan

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-upscale") / "root"
    model = write_esrgan(tmp_path_factory.mktemp("models") / "x4.safetensors", scale=4)
    installed = CliRunner().invoke(app, ["models", "install", str(model), "--inplace", "--root", str(root)])
    assert installed.exit_code == 0, installed.output
    return root


def test_upscale_writes_the_result_and_prints_its_size(root: Path, tmp_path: Path) -> None:
    source = tmp_path / "small.png"
    Image.new("RGB", (20, 12), (200, 30, 30)).save(source)
    target = tmp_path / "big.png"
    args = ["upscale", str(source), "--model", "x4", "--scale", "2", "--tile-size", "8", "-o", str(target)]
    result = CliRunner().invoke(app, [*args, "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{target}\t40x24"
    with Image.open(target) as image:
        assert image.size == (40, 24)


def test_errors_name_the_option(root: Path, tmp_path: Path) -> None:
    source = tmp_path / "small.png"
    Image.new("RGB", (8, 8)).save(source)
    base = ["upscale", str(source), "--root", str(root)]
    # the console entry point prints an ImpastoError as one line and exits with 2 (see test_cli.py)
    wrong_model = CliRunner().invoke(app, [*base, "--model", "x8"])
    assert isinstance(wrong_model.exception, ImpastoError)
    assert str(wrong_model.exception) == "--model: no installed model has the key or name 'x8'"
    too_big = CliRunner().invoke(app, [*base, "--model", "x4", "--scale", "17"])
    assert str(too_big.exception).startswith("--scale: ")
    missing = CliRunner().invoke(app, ["upscale", "no-such.png", "--model", "x4", "--root", str(root)])
    assert str(missing.exception) == "IMAGE: no stored image is named 'no-such.png'"
