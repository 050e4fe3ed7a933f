"""``impasto generate --region`` and ``--ip-adapter``: regional prompts and IP-Adapter reference images from
the command line, local files uploaded first (in this process and against a ``--server``).

With the bundled demo model (which draws "a <colour> <shape> on a <colour> background"), a red prompt on
the left half and a blue one on the right draw red on the left and blue on the right, as
tests/api/test_generate_regions.py checks through the API.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image
from typer.testing import CliRunner

from impasto.cli import app
from impasto.config import load_config
from impasto.errors import ImpastoError
from impasto.models.install.place import SilentSink, install_files
from impasto.services import build_services
from tests.api.test_generate_regions import BLUE, RED, counts, half
from tests.servers import ServerProcess
from tests.test_cli_generate import impasto

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SHAPES = ("--steps", "12", "--cfg", "5", "--scheduler", "dpmpp_2m", "--seed", "0")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-canvas") / "root"


@pytest.fixture(scope="module")
def masks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("masks")
    paths = {"left": folder / "left.png", "right": folder / "right.png"}
    half(True).save(paths["left"])
    half(False).save(paths["right"])
    return paths


def generate(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["generate", *args, "--root", str(root)])


def metadata(path: Path) -> dict[str, Any]:
    with Image.open(path) as image:
        found: dict[str, Any] = json.loads(image.info["impasto_metadata"])
        return found


def assert_red_left_blue_right(files: list[Path]) -> None:
    totals = {"left": np.zeros(2, dtype=np.int64), "right": np.zeros(2, dtype=np.int64)}
    for file in files:
        with Image.open(file) as image:
            for side, found in counts(np.asarray(image.convert("RGB"), dtype=np.int64)).items():
                totals[side] += found
    (left_red, left_blue), (right_red, right_blue) = totals["left"], totals["right"]
    assert left_red > 10 * left_blue, totals
    assert left_red > 150 * len(files), totals
    assert right_blue > 10 * right_red, totals
    assert right_blue > 150 * len(files), totals


def test_two_regions_draw_their_prompts_in_their_halves(
    root: Path, masks: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "regions.png"
    result = generate(
        root, "a shape on a white background", *SHAPES, "--count", "3", "-o", str(out),
        "--region", f"{masks['left']}={RED}", "--region", f"{masks['right']}={BLUE}",
        "--region-negative", f"{masks['left']}=a blue square",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = [tmp_path / f"regions-{n}.png" for n in (1, 2, 3)]
    assert_red_left_blue_right(files)
    regions = metadata(files[0])["extra"]["regions"]
    assert [(r["prompt"], r["negative_prompt"]) for r in regions] == [(RED, "a blue square"), (BLUE, "")]
    assert all(r["mask"].endswith(".png") and "/" not in r["mask"] for r in regions)  # uploaded, stored


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--region", "no-separator"), "--region: 'no-separator' is not MASK=PROMPT"),
        (("--region", "gone.png=a cat"), "--region 1 (mask): there is no stored image named 'gone.png'"),
        (("--region", "m.png=a", "--region", "m.png=b"), "--region: 'm.png' is given twice"),
        (("--ip-adapter-weight", "0.5"), "--ip-adapter-weight: applies to --ip-adapter reference images"),
        (
            ("--ip-adapter", "a.png=A", "--ip-adapter", "b.png=B", "--ip-adapter-method", "style",
             "--ip-adapter-method", "full", "--ip-adapter-method", "full"),
            "--ip-adapter-method: given 3 times for 2 --ip-adapter images",
        ),
        (("--ip-adapter", "x.png=nothing"), "--ip-adapter 1 (image): there is no stored image named 'x.png'"),
    ],
)  # fmt: skip
def test_bad_region_and_reference_options_name_the_option(
    root: Path, args: tuple[str, ...], message: str
) -> None:
    result = generate(root, "x", "--steps", "2", *args)
    assert isinstance(result.exception, ImpastoError), result.output
    assert result.exception.message.startswith(message), result.exception.message


def test_an_unknown_method_names_the_reference(root: Path, masks: dict[str, Path]) -> None:
    result = generate(root, "x", "--ip-adapter", f"{masks['left']}=A", "--ip-adapter-method", "colour")
    assert isinstance(result.exception, ImpastoError), result.output
    assert result.exception.message.startswith("--ip-adapter 1 (method): Input should be 'full'")


def test_reference_images_from_files_with_their_weight_and_method(root: Path, tmp_path: Path) -> None:
    from tests.models.factory import write_sd1_diffusers
    from tests.models.factory.folders import sd1_pipeline
    from tests.models.factory.ip_adapters import write_image_encoder, write_ip_adapter_for

    folder = tmp_path / "models"
    services = build_services(load_config(root, environ={}))
    try:
        for path, name in (
            (write_sd1_diffusers(folder / "sd1"), "Tiny SD1"),
            (write_ip_adapter_for(folder / "ip.safetensors", sd1_pipeline().unet, "plain"), "Tiny IP"),
            (write_image_encoder(folder / "encoder"), "Tiny encoder"),
        ):
            install_files(
                services.models, path, placement="inplace", source=str(path), source_type="path",
                sink=SilentSink(), name=name,
            )  # fmt: skip
    finally:
        services.close()
    rng = np.random.default_rng(3)
    for n in (1, 2):
        Image.fromarray(rng.integers(0, 256, (48, 48, 3), dtype=np.uint8)).save(tmp_path / f"ref{n}.png")
    plain, steered = tmp_path / "plain.png", tmp_path / "steered.png"
    common = (
        "a cat",
        "--model",
        "Tiny SD1",
        "--width",
        "64",
        "--height",
        "64",
        "--steps",
        "3",
        "--seed",
        "4",
    )
    assert generate(root, *common, "-o", str(plain)).exit_code == 0
    result = generate(
        root, *common, "-o", str(steered), "--ip-adapter", f"{tmp_path / 'ref1.png'}=Tiny IP",
        "--ip-adapter", f"{tmp_path / 'ref2.png'}=Tiny IP", "--ip-adapter-weight", "2",
        "--ip-adapter-weight", "0.5", "--ip-adapter-method", "style",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    references = metadata(steered)["extra"]["reference_images"]
    assert [(r["weight"], r["method"], r["model"]["name"]) for r in references] == [
        (2.0, "style", "Tiny IP"),
        (0.5, "style", "Tiny IP"),
    ]
    with Image.open(plain) as a, Image.open(steered) as b:
        difference = np.abs(np.asarray(a, dtype=np.int64) - np.asarray(b, dtype=np.int64)).mean()
    assert difference > 1


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    root = tmp_path_factory.mktemp("cli-canvas-server") / "root"
    root.mkdir()
    process = ServerProcess(root, env={"IMPASTO_DEVICE": "cpu"})
    try:
        yield process
    finally:
        process.stop()


def test_regions_on_a_server_upload_the_mask_files(
    server: ServerProcess, masks: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "remote.png"
    done = impasto(
        "generate", "a shape on a white background", *SHAPES, "-o", str(out), "--server", server.url,
        "--region", f"{masks['left']}={RED}", "--region", f"{masks['right']}={BLUE}",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    regions = metadata(out)["extra"]["regions"]
    assert [r["prompt"] for r in regions] == [RED, BLUE]
    stored = server.request("GET", f"/api/v1/images/{regions[0]['mask']}")
    assert stored.status_code == 200, stored.text
