"""``impasto generate``: in-process generation with the bundled demo model, PNGs with metadata on disk.

The first test is the demo model's acceptance check: on a fresh root, "a red circle on a blue background"
draws a red round blob on a blue background (checked by pixels), at the model's default 20 steps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image
from typer.testing import CliRunner

from impasto.builders import GenerateRequest, plan_generation
from impasto.cli import app
from impasto.config import load_config
from impasto.errors import ImpastoError
from impasto.queue.batch import expand
from impasto.queue.models import Batch
from impasto.services import build_services

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PROMPT = "a red circle on a blue background"


def impasto(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMPASTO_")}
    return subprocess.run(
        [sys.executable, "-m", "impasto", *args],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        check=False,
    )


def colour_masks(image: Image.Image) -> tuple[Any, Any]:
    """(blue, red) pixel masks of an RGB image."""
    pixels = np.asarray(image.convert("RGB")).astype(int)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return (b > 150) & (r < 110) & (g < 130), (r > 150) & (g < 100) & (b < 100)


def test_a_fresh_root_draws_a_red_circle_on_blue(tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    result = impasto("generate", PROMPT, "-o", str(out), "--seed", "3", "--root", str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == f"{out}\tseed 3"
    image = Image.open(out)
    assert image.size == (64, 64)  # the demo model's default size
    blue, red = colour_masks(image)
    border = np.concatenate([blue[0], blue[-1], blue[:, 0], blue[:, -1]])
    assert border.mean() > 0.95  # a blue background all around
    ys, xs = np.nonzero(red)
    assert red.mean() > 0.05  # a red shape of some size ...
    assert (xs.min(), ys.min()) > (0, 0)
    assert (xs.max(), ys.max()) < (63, 63)  # ... inside the picture
    box = (xs.max() - xs.min() + 1) * (ys.max() - ys.min() + 1)
    assert 0.6 < red.sum() / box < 0.9  # round: a disc fills pi/4 of its bounding box, a square all of it
    recalled = json.loads(image.info["impasto_metadata"])
    assert (recalled["seed"], recalled["steps"], recalled["positive_prompt"]) == (3, 20, PROMPT)
    assert _rendered_here(tmp_path / "here", seed=3) == image.tobytes()  # same pixels in another process


def _rendered_here(root: Path, seed: int) -> bytes:
    """The same request rendered in this process, on another fresh root."""
    services = build_services(load_config(root, environ={}))
    try:
        plan = plan_generation(GenerateRequest(prompt=PROMPT, seed=seed), services.generation_sources())
        batch = Batch.model_validate(
            {"graph": plan.graph, "data": [[d.model_dump() for d in g] for g in plan.data]}
        )
        graph = plan.graph.with_values(next(expand(batch)))
        outputs = services.executor.run(graph, services.execution_services()).outputs()
        return services.images.load(outputs["save"]["image"]["image_name"]).tobytes()
    finally:
        services.close()


def test_errors_are_one_line_naming_the_option(tmp_path: Path) -> None:
    result = impasto("generate", PROMPT, "--width", "62", "--root", str(tmp_path / "root"))
    assert result.returncode == 2
    factor = "the latent factor of 'Impasto Shapes (demo)'"
    assert result.stderr.strip() == f"error: --width: 62 is not a multiple of 4, {factor} (try 60 or 64)"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-generate") / "root"


def generate(root: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["generate", *args, "--root", str(root), "--steps", "3"])


def test_count_writes_numbered_files_with_their_seeds(root: Path, tmp_path: Path) -> None:
    result = generate(
        root, "a {red|green} circle", "--count", "2", "--seed", "10", "-o", str(tmp_path / "x.png")
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    expected = [(1, 10, "red"), (2, 11, "red"), (3, 10, "green"), (4, 11, "green")]
    assert lines == [f"{tmp_path / f'x-{n}.png'}\tseed {seed}" for n, seed, _ in expected]
    for number, seed, colour in expected:
        recalled = json.loads(Image.open(tmp_path / f"x-{number}.png").info["impasto_metadata"])
        assert (recalled["seed"], recalled["positive_prompt"]) == (seed, f"a {colour} circle")
    folder = tmp_path / "folder"
    folder.mkdir()
    assert generate(root, "a circle", "-o", str(folder)).exit_code == 0
    assert len(list(folder.glob("*.png"))) == 1


def test_init_image_from_a_file(root: Path, tmp_path: Path) -> None:
    source = tmp_path / "start.png"
    Image.new("RGB", (64, 64), (250, 250, 250)).save(source)
    result = generate(
        root, "a red circle", "--init", str(source), "--strength", "0.7", "-o", str(tmp_path / "o.png")
    )
    assert result.exit_code == 0, result.output
    recalled = json.loads(Image.open(tmp_path / "o.png").info["impasto_metadata"])
    assert (recalled["mode"], recalled["strength"]) == ("img2img", 0.7)
    assert recalled["init_image"].endswith(".png")


def test_bad_options_raise_errors_naming_them(root: Path) -> None:
    for args, message in (
        (("--cfg", "-1"), "--cfg: Input should be greater than or equal to 0"),
        (("--strength", "0.5"), "--strength: needs an init_image to work on"),
        (("--init", "nothing-here.png"), "--init: there is no stored image named 'nothing-here.png'"),
        (("--scheduler", "quick"), "--scheduler: unknown scheduler 'quick'; valid names: ddim"),
        (
            ("--reference", "x.png"),
            "--reference: 'Impasto Shapes (demo)' is a sd-1 model, which does not edit",
        ),
    ):
        result = generate(root, "x", *args)
        assert isinstance(result.exception, ImpastoError), result.output
        assert result.exception.message.startswith(message), result.exception.message


def test_flux_from_the_command_line_with_its_guidance(root: Path, tmp_path: Path) -> None:
    from impasto.models.install.place import SilentSink, install_files
    from tests.models.factory import write_flux_diffusers

    folder = write_flux_diffusers(tmp_path / "tiny-flux")
    services = build_services(load_config(root, environ={}))
    try:
        install_files(
            services.models, folder, placement="inplace", source=str(folder), source_type="path",
            sink=SilentSink(), name="Tiny FLUX",
        )  # fmt: skip
    finally:
        services.close()
    out = tmp_path / "flux.png"
    result = CliRunner().invoke(
        app,
        ["generate", "a cat", "--model", "Tiny FLUX", "--guidance", "5", "--width", "32", "--height", "32",
         "--steps", "2", "--seed", "4", "-o", str(out), "--root", str(root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    recalled = json.loads(Image.open(out).info["impasto_metadata"])
    assert (recalled["guidance"], recalled["model"]["name"], Image.open(out).size) == (
        5.0,
        "Tiny FLUX",
        (32, 32),
    )
    refused = generate(root, "a cat", "--model", "Tiny FLUX", "--scheduler", "dpmpp_2m_k")
    assert isinstance(refused.exception, ImpastoError)
    assert refused.exception.message.startswith(
        "--scheduler: unknown scheduler 'dpmpp_2m_k' for flow-matching"
    )


def test_sd3_from_the_command_line_with_a_negative_prompt(root: Path, tmp_path: Path) -> None:
    from impasto.models.install.place import SilentSink, install_files
    from tests.models.factory.sd3 import write_sd3_diffusers

    folder = write_sd3_diffusers(tmp_path / "tiny-sd3")
    services = build_services(load_config(root, environ={}))
    try:
        install_files(
            services.models, folder, placement="inplace", source=str(folder), source_type="path",
            sink=SilentSink(), name="Tiny SD 3.5",
        )  # fmt: skip
    finally:
        services.close()
    out = tmp_path / "sd3.png"
    result = CliRunner().invoke(
        app,
        ["generate", "a cat", "--negative", "blurry", "--model", "Tiny SD 3.5", "--cfg", "4", "--width", "32",
         "--height", "32", "--steps", "2", "--seed", "4", "-o", str(out), "--root", str(root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    recalled = json.loads(Image.open(out).info["impasto_metadata"])
    assert (recalled["negative_prompt"], recalled["cfg_scale"], recalled["model"]["base"]) == (
        "blurry",
        4.0,
        "sd-3",
    )
    assert Image.open(out).size == (32, 32)


def test_a_kontext_model_edits_a_reference_file(root: Path, tmp_path: Path) -> None:
    from impasto.models.install.place import SilentSink, install_files
    from tests.models.factory import write_flux_diffusers

    folder = write_flux_diffusers(tmp_path / "tiny-kontext", variant="kontext")
    services = build_services(load_config(root, environ={}))
    try:
        install_files(
            services.models, folder, placement="inplace", source=str(folder), source_type="path",
            sink=SilentSink(), name="Tiny Kontext",
        )  # fmt: skip
    finally:
        services.close()
    source = tmp_path / "photo.png"
    Image.new("RGB", (32, 64), (40, 90, 200)).save(source)
    out = tmp_path / "edited.png"
    result = CliRunner().invoke(
        app,
        ["generate", "make it red", "--model", "Tiny Kontext", "--reference", str(source), "--steps", "2",
         "--seed", "4", "-o", str(out), "--root", str(root)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    recalled = json.loads(Image.open(out).info["impasto_metadata"])
    assert Image.open(out).size == (720, 1456)  # 1:2, the trained Kontext size nearest it
    assert (recalled["guidance"], recalled["mode"]) == (2.5, "txt2img")
    assert recalled["reference_image"].endswith(".png")
