"""FLUX single files install through the model manager: BFL transformer, GGUF transformer, all in one,
and a T5 encoder file, each recorded with what identification found; those holding T5 load its tokenizer
as installed, with no config folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import torch

from impasto.models.install.jobs import JobState
from impasto.models.loaders import SubModel
from impasto.models.taxonomy import BaseModelType, default_settings

from .factory import write_flux_all_in_one, write_flux_checkpoint, write_flux_gguf, write_t5_file
from .install_helpers import ModelStack, model_stack
from .test_loaders import make_loader

torch.set_num_threads(1)
Writer = Callable[[Path], Path]
CASES: dict[str, tuple[Writer, tuple[str, str, str, str | None]]] = {
    "flux1-dev.safetensors": (write_flux_checkpoint, ("flux", "main", "checkpoint", "dev")),
    "flux1-schnell-Q8_0.gguf": (
        lambda p: write_flux_gguf(p, variant="schnell", qtype="Q8_0"),
        ("flux", "main", "gguf", "schnell"),
    ),
    "flux1-dev-aio.safetensors": (write_flux_all_in_one, ("flux", "main", "checkpoint", "dev")),
    "t5xxl_fp8_e4m3fn.safetensors": (
        lambda p: write_t5_file(p, fp8=True),
        ("any", "t5_encoder", "checkpoint", None),
    ),
}
WITH_T5 = ("flux1-dev-aio.safetensors", "t5xxl_fp8_e4m3fn.safetensors")


@pytest.fixture
def stack(root: Path) -> Iterator[ModelStack]:
    with model_stack(root) as built:
        yield built


@pytest.mark.parametrize("name", sorted(CASES))
def test_flux_files_install(stack: ModelStack, tmp_path: Path, name: str) -> None:
    write, (base, type, fmt, variant) = CASES[name]
    source = write(tmp_path / "downloads" / name)
    job = stack.install(source)
    assert job.state is JobState.COMPLETED, job.error_message
    record = stack.records.get(job.model_key or "")
    assert (record.base, record.type, record.format, record.variant) == (base, type, fmt, variant)
    assert record.path == f"{base}/{type}/{name}"
    assert (stack.config.models_path / record.path).read_bytes() == source.read_bytes()
    if type == "main":
        assert record.default_settings == default_settings(BaseModelType.FLUX, record.variant)
    if name in WITH_T5:
        tokenizer = make_loader(stack.config.models_path).load(record, SubModel.TOKENIZER_2).model
        assert tokenizer("a cat").input_ids == [3, 9, 1712, 1]  # T5 v1.1's ids
