"""Main models: diffusers folders load per submodel through the cache, and single-file checkpoints load
offline into exactly the models of the folders they were made from."""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import torch

from impasto.events import Event, EventBus
from impasto.models.cache import ModelCache
from impasto.models.identity import ModelRecord
from impasto.models.loaders import (
    ModelLoader,
    ModelLoadError,
    SubModel,
    UnsupportedModelError,
)
from impasto.models.security import UnsafeModelError
from impasto.models.taxonomy import BaseModelType, ModelFormat, ModelType, PredictionType
from tests.models.factory import (
    write_flux_checkpoint,
    write_malicious_pickle,
    write_sd1_checkpoint,
    write_sd1_diffusers,
    write_sd2_checkpoint,
    write_sd2_diffusers,
    write_sdxl_checkpoint,
    write_sdxl_diffusers,
)

torch.set_num_threads(1)


def make_record(path: Path, base: str, fmt: str, type: str = "main", **fields: Any) -> ModelRecord:
    now = datetime.now(UTC)
    return ModelRecord(
        key=fields.pop("key", f"{base}-{fmt}-{path.name}"),
        name=path.stem,
        base=BaseModelType(base),
        type=ModelType(type),
        format=ModelFormat(fmt),
        path=str(path),
        owned=False,
        hash="blake3:00",
        size=0,
        source=str(path),
        source_type="path",
        created_at=now,
        updated_at=now,
        **fields,
    )


def make_loader(models_path: Path, events: list[Event] | None = None, **cache_args: Any) -> ModelLoader:
    bus = EventBus()
    if events is not None:
        bus.subscribe(events.append)
    cache = ModelCache(
        ram_budget_bytes=cache_args.pop("ram", 10**9),
        device_budget_bytes=cache_args.pop("device", 10**9),
        execution_device="cpu",
        events=bus,
    )
    return ModelLoader(cache, models_path, **cache_args)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails the test (loading must be fully offline)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model loader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def sd1(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sd1")
    folder = write_sd1_diffusers(root / "tiny-sd1")
    return folder, write_sd1_checkpoint(root / "tiny-sd1.safetensors", source=folder)


Outputs = dict[str, torch.Tensor]


def run_parts(loader: ModelLoader, record: ModelRecord, *, xl: bool = False) -> Outputs:
    """Outputs of the UNet, VAE decoder and text encoders of a main model on fixed inputs."""
    generator = torch.Generator().manual_seed(0)
    outputs: Outputs = {}
    with torch.no_grad():
        with loader.load(record, SubModel.UNET).lock() as unet:
            size = unet.config.sample_size
            latents = torch.randn(1, unet.config.in_channels, size, size, generator=generator)
            context = torch.randn(1, 77, unet.config.cross_attention_dim, generator=generator)
            extra: dict[str, Any] = {}
            if xl:  # pooled text (1280) and 5 (refiner) or 6 time ids, each embedded to time_dim
                time_dim = unet.config.addition_time_embed_dim
                n_ids = (unet.config.projection_class_embeddings_input_dim - 1280) // time_dim
                conditions = {
                    "text_embeds": torch.randn(1, 1280, generator=generator),
                    "time_ids": torch.randn(1, n_ids, generator=generator),
                }
                extra = {"added_cond_kwargs": conditions}
            outputs["unet"] = unet(latents, torch.tensor([500]), context, **extra).sample
        with loader.load(record, SubModel.VAE).lock() as vae:
            outputs["vae"] = vae.decode(torch.randn(1, 4, 4, 4, generator=generator)).sample
        for encoder, tokenizer in (
            (SubModel.TEXT_ENCODER, SubModel.TOKENIZER),
            ("text_encoder_2", "tokenizer_2"),
        ):
            if encoder not in loader.submodels(record):
                continue
            ids = loader.load(record, tokenizer).model("a red cat", return_tensors="pt").input_ids
            with loader.load(record, encoder).lock() as text_encoder:
                outputs[str(encoder)] = text_encoder(ids).last_hidden_state
    return outputs


def assert_identical(expected: Outputs, got: Outputs) -> None:
    assert expected.keys() == got.keys()
    for name, tensor in expected.items():
        assert torch.equal(tensor, got[name]), f"{name} differs"


def test_sd1_checkpoint_equals_its_diffusers_folder(sd1: tuple[Path, Path], no_network: None) -> None:
    folder, checkpoint = sd1
    loader = make_loader(folder.parent)
    from_folder = run_parts(loader, make_record(folder, "sd-1", "diffusers"))
    record = make_record(checkpoint, "sd-1", "checkpoint", details={"config_path": str(folder)})
    from_file = run_parts(loader, record)
    assert set(from_file) == {"unet", "vae", "text_encoder"}
    assert_identical(from_folder, from_file)


CheckpointWriter = Callable[[Path, Path], Path]
CASES: dict[str, tuple[str, Callable[[Path], Path], CheckpointWriter]] = {
    "sd2-pickle": (
        "sd-2",
        write_sd2_diffusers,
        lambda p, s: write_sd2_checkpoint(p.with_suffix(".ckpt"), source=s),
    ),
    "sdxl": ("sdxl", write_sdxl_diffusers, lambda p, s: write_sdxl_checkpoint(p, source=s)),
    "sdxl-refiner": (
        "sdxl-refiner",
        lambda f: write_sdxl_diffusers(f, refiner=True),
        lambda p, s: write_sdxl_checkpoint(p, source=s, refiner=True),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_other_checkpoints_equal_their_folders(case: str, tmp_path: Path, no_network: None) -> None:
    base, write_folder, write_checkpoint = CASES[case]
    folder = write_folder(tmp_path / "folder")
    checkpoint = write_checkpoint(tmp_path / "model.safetensors", folder)
    loader = make_loader(tmp_path)
    xl = base.startswith("sdxl")
    from_folder = run_parts(loader, make_record(folder, base, "diffusers"), xl=xl)
    prediction = PredictionType.V_PREDICTION if base == "sd-2" else None
    record = make_record(
        checkpoint, base, "checkpoint", details={"config_path": str(folder)}, prediction_type=prediction
    )
    assert_identical(from_folder, run_parts(loader, record, xl=xl))


def test_folder_submodels_are_cached_separately(sd1: tuple[Path, Path]) -> None:
    folder, _ = sd1
    events: list[Event] = []
    loader = make_loader(folder.parent, events)
    record = make_record(folder, "sd-1", "diffusers")
    assert loader.submodels(record) == [
        SubModel.UNET, SubModel.TEXT_ENCODER, SubModel.TOKENIZER, SubModel.VAE, SubModel.SCHEDULER,
    ]  # fmt: skip
    unet = loader.load(record, "unet").model
    vae = loader.load(record, SubModel.VAE).model
    assert type(unet).__name__ == "UNet2DConditionModel"
    assert type(vae).__name__ == "AutoencoderKL"
    assert loader.load(record, SubModel.UNET).model is unet
    stats = loader.cache.stats()
    assert [(e.key, e.submodel) for e in stats.entries] == [(record.key, "vae"), (record.key, "unet")]
    assert (stats.hits, stats.misses) == (1, 2)
    loaded = [e.model_dump() for e in events if e.type == "model_load_completed"]
    assert [(e["submodel"], e["bytes"] > 0) for e in loaded] == [("unet", True), ("vae", True)]
    assert not unet.training
    assert not any(p.requires_grad for p in unet.parameters())


def test_relative_paths_are_under_the_models_folder(sd1: tuple[Path, Path]) -> None:
    folder, _ = sd1
    loader = make_loader(folder.parent)
    record = make_record(Path(folder.name), "sd-1", "diffusers")
    assert loader.load(record, SubModel.SCHEDULER).model.config.prediction_type == "epsilon"


def test_shipped_config_gives_tokenizer_and_scheduler(sd1: tuple[Path, Path], no_network: None) -> None:
    _, checkpoint = sd1
    loader = make_loader(checkpoint.parent)
    record = make_record(checkpoint, "sd-2", "checkpoint", prediction_type=PredictionType.EPSILON)
    tokenizer = loader.load(record, SubModel.TOKENIZER).model
    assert len(tokenizer) == 49408
    assert tokenizer.pad_token == "!"
    scheduler = loader.load(record, SubModel.SCHEDULER).model
    assert scheduler.config.prediction_type == "epsilon"
    v_record = make_record(checkpoint, "sd-2", "checkpoint", key="v")
    assert loader.load(v_record, SubModel.SCHEDULER).model.config.prediction_type == "v_prediction"


def test_weights_that_do_not_fit_the_config_are_a_clear_error(sd1: tuple[Path, Path]) -> None:
    _, checkpoint = sd1  # tiny weights against the real SD 1.5 architecture
    loader = make_loader(checkpoint.parent)
    with pytest.raises(ModelLoadError, match="tiny-sd1"):
        loader.load(make_record(checkpoint, "sd-1", "checkpoint"), SubModel.UNET)
    assert loader.cache.stats().load_failures == 1


def test_precision_is_applied(sd1: tuple[Path, Path]) -> None:
    folder, checkpoint = sd1
    loader = make_loader(folder.parent, precision="bfloat16")
    record = make_record(checkpoint, "sd-1", "checkpoint", details={"config_path": str(folder)})
    unet = loader.load(record, SubModel.UNET).model
    assert {p.dtype for p in unet.parameters()} == {torch.bfloat16}
    text_encoder = loader.load(record, SubModel.TEXT_ENCODER).model
    assert {p.dtype for p in text_encoder.parameters()} == {torch.bfloat16}


def test_clear_errors_for_what_cannot_be_loaded(sd1: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = sd1
    loader = make_loader(tmp_path)
    record = make_record(folder, "sd-1", "diffusers")
    with pytest.raises(UnsupportedModelError, match="no submodel was requested; it has: unet"):
        loader.load(record)
    with pytest.raises(UnsupportedModelError, match="'transformer' was requested"):
        loader.load(record, SubModel.TRANSFORMER)
    with pytest.raises(ModelLoadError, match="missing"):
        loader.load(make_record(tmp_path / "gone.safetensors", "sd-1", "checkpoint"), SubModel.UNET)
    gguf = make_record(folder, "sd-1", "gguf")
    with pytest.raises(UnsupportedModelError, match="no loader for main models of base sd-1 in format gguf"):
        loader.load(gguf, SubModel.TRANSFORMER)


def test_unsafe_pickles_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write_malicious_pickle(tmp_path / "evil.ckpt", marker)
    loader = make_loader(tmp_path)
    with pytest.raises(UnsafeModelError):
        loader.load(make_record(path, "sd-1", "checkpoint"), SubModel.UNET)
    assert not marker.exists()


def test_flux_checkpoint_offers_transformer_and_scheduler(tmp_path: Path, no_network: None) -> None:
    path = write_flux_checkpoint(tmp_path / "flux.safetensors", variant="schnell")
    loader = make_loader(tmp_path)
    record = make_record(path, "flux", "checkpoint", variant="schnell")
    assert loader.submodels(record) == [SubModel.TRANSFORMER, SubModel.SCHEDULER]
    assert loader.load(record, SubModel.SCHEDULER).model.config.shift == 1.0  # schnell: no shift
    # the architecture comes from the tensors, so the tiny file loads offline (see test_loaders_flux.py)
    assert loader.load(record, SubModel.TRANSFORMER).model.config.num_layers == 1
