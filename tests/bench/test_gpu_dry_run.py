"""The GPU check's dry run: the same code paths on the CPU with scaled-down models, so it cannot rot.

It runs as a file (``python bench/gpu.py``), the way it is run on a GPU machine, in its own process: that
also shows which packages it imports, which must stay free of the web server and database stack.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SERVER_STACK = {"fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic"}


@pytest.mark.slow
def test_dry_run_measures_every_case(tmp_path: Path) -> None:
    output = tmp_path / "gpu.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    command = [sys.executable, str(REPOSITORY / "bench" / "gpu.py"), "--dry-run", "--output", str(output)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=240, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(output.read_text())
    assert report["failures"] == []
    rows = {(row["case"].split()[0], row["metric"]): row for row in report["rows"]}
    for model in ("sd1.5", "sdxl"):
        for variant in ("eager", "channels-last"):
            assert (model, f"UNet it/s, {variant}") in rows
    assert ("sdxl", "UNet it/s, partially loaded (60% budget)") in rows
    assert ("flux", "transformer it/s, eager") in rows
    assert ("flux", "transformer it/s, partially loaded (50% budget)") in rows
    # the FLUX loop does the pipeline's arithmetic on the same inputs: the same latents
    assert rows["flux", "max |Impasto - diffusers|, final latents, eager"]["impasto"] == 0
    for model in ("sdxl", "flux"):
        # partial loading streams the same weights: identical latents
        assert rows[model, "max |partial - full|, final latents"]["impasto"] == 0
    rates = [r for r in report["rows"] if r["unit"] == "it/s"]
    assert all(r["impasto"] > 0 and (r["baseline"] or 0) > 0 for r in rates)
    skipped = report["not_measured"]
    assert "flux 64px tiny, compile: skipped on the CPU (dry run; --variants compile runs it)" in skipped
    assert "flux 64px tiny, channels-last: does not apply" in skipped
    assert not [line for line in skipped if line.startswith("FLUX")]
    assert not SERVER_STACK & set(report["imported"]), report["imported"]
    assert "UNet it/s, eager" in done.stdout  # the table is printed
    assert "transformer it/s, eager" in done.stdout


def test_cuda_run_without_a_gpu_says_so() -> None:
    command = [sys.executable, str(REPOSITORY / "bench" / "gpu.py"), "--models", "sd1.5", "--no-write"]
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 2
    assert "no CUDA device here" in done.stderr
    assert "Traceback" not in done.stderr
