"""FLUX.1 single files load offline into the same diffusers / transformers modules as the diffusers folder
they were made from: BFL transformers (bare or ComfyUI-prefixed), GGUF transformers (kept quantised),
all-in-one files, standalone T5 / CLIP-L encoders (with the shipped T5 tokenizer when no config folder
gives one) and bitsandbytes NF4 files (dequantised, close to the unquantised transformer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from impasto.models.identity import ModelRecord
from impasto.models.loaders import ModelLoader, ModelLoadError, SubModel
from impasto.models.loaders.t5_tokenizer import VOCAB_SIZE as T5_VOCAB_SIZE
from tests.models.factory import (
    write_clip_l_file,
    write_flux_all_in_one,
    write_flux_checkpoint,
    write_flux_diffusers,
    write_flux_gguf,
    write_flux_nf4,
    write_t5_file,
    write_t5_gguf,
)
from tests.models.test_loaders import make_loader, make_record, no_network  # noqa: F401  (fixture)

torch.set_num_threads(1)
PROMPT = "a red cat on the blue photo"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_flux_diffusers(tmp_path_factory.mktemp("flux") / "tiny-flux")


@pytest.fixture(scope="module")
def loader(folder: Path) -> ModelLoader:
    return make_loader(folder.parent, ram=10**10)


def folder_record(folder: Path) -> ModelRecord:
    return make_record(folder, "flux", "diffusers", variant="dev")


def file_record(path: Path, folder: Path | None, fmt: str = "checkpoint", **fields: Any) -> ModelRecord:
    details = {"config_path": str(folder)} if folder else {}
    fields.setdefault("variant", "dev")
    return make_record(path, "flux", fmt, details=details, **fields)


def run_transformer(model: Any) -> torch.Tensor:
    """The transformer's output for fixed 4x4-token latents, 8 text tokens and guidance 3.5."""
    gen = torch.Generator().manual_seed(0)
    config = model.config
    with torch.no_grad():
        output: torch.Tensor = model(
            hidden_states=torch.randn(1, 16, config.in_channels, generator=gen),
            encoder_hidden_states=torch.randn(1, 8, config.joint_attention_dim, generator=gen),
            pooled_projections=torch.randn(1, config.pooled_projection_dim, generator=gen),
            timestep=torch.tensor([0.5]),
            img_ids=torch.zeros(16, 3),
            txt_ids=torch.zeros(8, 3),
            guidance=torch.tensor([3.5]) if config.guidance_embeds else None,
        ).sample
    return output


def transformer_of(loader: ModelLoader, record: ModelRecord) -> torch.Tensor:
    return run_transformer(loader.load(record, SubModel.TRANSFORMER).model)


def encode(loader: ModelLoader, record: ModelRecord, encoder: str, tokenizer: str) -> torch.Tensor:
    ids = loader.load(record, tokenizer).model(PROMPT, return_tensors="pt").input_ids
    with torch.no_grad():
        hidden: torch.Tensor = loader.load(record, encoder).model(ids).last_hidden_state
    return hidden


def decode(loader: ModelLoader, record: ModelRecord) -> torch.Tensor:
    latents = torch.randn(1, 16, 4, 4, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        image: torch.Tensor = loader.load(record, SubModel.VAE).model.decode(latents).sample
    return image


@pytest.mark.parametrize("prefix", ["", "model.diffusion_model."])
def test_bfl_file_equals_the_folders_transformer(
    folder: Path, loader: ModelLoader, tmp_path: Path, prefix: str
) -> None:
    path = write_flux_checkpoint(tmp_path / "flux1-dev.safetensors", source=folder, prefix=prefix)
    expected = transformer_of(loader, folder_record(folder))
    assert torch.equal(transformer_of(loader, file_record(path, folder)), expected)


def test_bfl_architecture_is_read_from_the_tensors(folder: Path, tmp_path: Path) -> None:
    path = write_flux_checkpoint(tmp_path / "flux1-schnell.safetensors", variant="schnell")
    loader = make_loader(tmp_path)
    record = file_record(path, None, variant="schnell")  # shipped config: FLUX.1's real 3072 width
    assert loader.submodels(record) == [SubModel.TRANSFORMER, SubModel.SCHEDULER]
    model = loader.load(record, SubModel.TRANSFORMER).model
    sizes = ("num_layers", "num_single_layers", "attention_head_dim", "num_attention_heads", "in_channels")
    assert [model.config[k] for k in sizes] == [1, 1, 16, 2, 64]
    assert (model.config.joint_attention_dim, model.config.pooled_projection_dim) == (4096, 768)
    assert model.config.guidance_embeds is False
    assert sum(model.config.axes_dims_rope) == 16  # FLUX.1's (16, 56, 56) does not fit 16-wide heads
    assert run_transformer(model).shape == (1, 16, 64)
    assert loader.load(record, SubModel.SCHEDULER).model.config.shift == 1.0


@pytest.mark.parametrize(("qtype", "tolerance"), [("F16", 0.01), ("Q8_0", 0.05)])
def test_gguf_transformer_is_close_to_the_folders(
    folder: Path, loader: ModelLoader, tmp_path: Path, qtype: str, tolerance: float
) -> None:
    path = write_flux_gguf(tmp_path / f"flux1-dev-{qtype}.gguf", qtype=qtype, source=folder)  # type: ignore[arg-type]
    record = file_record(path, folder, "gguf")
    assert loader.submodels(record) == [SubModel.TRANSFORMER, SubModel.SCHEDULER]
    model = loader.load(record, SubModel.TRANSFORMER).model
    expected = transformer_of(loader, folder_record(folder))
    got = run_transformer(model)
    assert not torch.equal(got, expected)  # rounded, but close
    assert (got - expected).abs().max() <= tolerance * expected.abs().max()
    quantised = type(model.transformer_blocks[0].attn.to_q).__name__ == "GGUFLinear"
    assert quantised is (qtype != "F16")  # quantised weights stay quantised in memory


def test_all_in_one_file_loads_every_part(folder: Path, loader: ModelLoader, tmp_path: Path) -> None:
    path = write_flux_all_in_one(tmp_path / "flux1-dev-fp8-aio.safetensors", source=folder)
    record = file_record(path, folder)
    expected = folder_record(folder)
    assert loader.submodels(record) == loader.submodels(expected)
    assert torch.equal(transformer_of(loader, record), transformer_of(loader, expected))
    assert torch.equal(decode(loader, record), decode(loader, expected))
    for encoder, tokenizer in (("text_encoder", "tokenizer"), ("text_encoder_2", "tokenizer_2")):
        assert torch.equal(
            encode(loader, record, encoder, tokenizer), encode(loader, expected, encoder, tokenizer)
        ), encoder


def assert_t5_v1_1(tokenizer: Any) -> None:
    """The tokenizer Impasto ships: T5 v1.1's ids, not the tiny test vocabulary."""
    assert len(tokenizer) == T5_VOCAB_SIZE
    assert tokenizer("a photo of a cat").input_ids == [3, 9, 1202, 13, 3, 9, 1712, 1]
    assert tokenizer.model_max_length == 512


@pytest.mark.usefixtures("no_network")
def test_all_in_one_with_shipped_configs(folder: Path, tmp_path: Path) -> None:
    path = write_flux_all_in_one(tmp_path / "aio.safetensors", source=folder)
    loader = make_loader(tmp_path)
    record = file_record(path, None)
    assert {SubModel.TOKENIZER, SubModel.TOKENIZER_2} <= set(loader.submodels(record))
    assert loader.load(record, SubModel.TOKENIZER).model.model_max_length == 77  # FLUX's CLIP-L settings
    assert type(loader.load(record, SubModel.TEXT_ENCODER_2).model).__name__ == "T5EncoderModel"
    assert_t5_v1_1(loader.load(record, SubModel.TOKENIZER_2).model)


@pytest.mark.usefixtures("no_network")
def test_t5_files_without_config_path_use_the_shipped_tokenizer(tmp_path: Path) -> None:
    loader = make_loader(tmp_path)
    for path, fmt in (
        (write_t5_file(tmp_path / "t5xxl_fp16.safetensors"), "checkpoint"),
        (write_t5_file(tmp_path / "t5xxl_fp8_e4m3fn.safetensors", fp8=True), "checkpoint"),
        (write_t5_gguf(tmp_path / "t5-v1_1-xxl-encoder-Q8_0.gguf", qtype="Q8_0"), "gguf"),
    ):
        record = make_record(path, "any", fmt, "t5_encoder")
        assert loader.submodels(record) == [SubModel.TEXT_ENCODER_2, SubModel.TOKENIZER_2], path.name
        assert_t5_v1_1(loader.load(record, SubModel.TOKENIZER_2).model)
        assert type(loader.load(record, SubModel.TEXT_ENCODER_2).model).__name__ == "T5EncoderModel"


def test_t5_files_equal_the_folders_encoder(folder: Path, loader: ModelLoader, tmp_path: Path) -> None:
    expected = encode(loader, folder_record(folder), "text_encoder_2", "tokenizer_2")
    full = write_t5_file(tmp_path / "t5xxl_fp16.safetensors", source=folder)
    record = make_record(full, "any", "checkpoint", "t5_encoder", details={"config_path": str(folder)})
    assert loader.submodels(record) == [SubModel.TEXT_ENCODER_2, SubModel.TOKENIZER_2]
    assert len(loader.load(record, "tokenizer_2").model) < T5_VOCAB_SIZE  # the config folder's comes first
    assert torch.equal(encode(loader, record, "text_encoder_2", "tokenizer_2"), expected)
    for path, fmt in (
        (write_t5_gguf(tmp_path / "t5-v1_1-xxl-encoder-Q8_0.gguf", qtype="Q8_0", source=folder), "gguf"),
        (write_t5_file(tmp_path / "t5xxl_fp8_e4m3fn.safetensors", fp8=True, source=folder), "checkpoint"),
    ):
        record = make_record(path, "any", fmt, "t5_encoder", details={"config_path": str(folder)})
        got = encode(loader, record, "text_encoder_2", "tokenizer_2")
        assert not torch.equal(got, expected)
        assert torch.allclose(got, expected, atol=0.1 * float(expected.abs().max())), path.name


def test_clip_l_files_equal_the_folders_encoder(folder: Path, loader: ModelLoader, tmp_path: Path) -> None:
    expected = encode(loader, folder_record(folder), "text_encoder", "tokenizer")
    for prefixed in (True, False):
        path = write_clip_l_file(
            tmp_path / f"clip_l_{prefixed}.safetensors", source=folder, text_model_prefix=prefixed
        )
        record = make_record(path, "any", "checkpoint", "clip_embed", details={"config_path": str(folder)})
        assert loader.submodels(record) == [SubModel.TEXT_ENCODER, SubModel.TOKENIZER]
        assert torch.equal(encode(loader, record, "text_encoder", "tokenizer"), expected)


@pytest.mark.parametrize(
    ("name", "nested", "bundled"),
    [
        ("flux1-dev-bnb-nf4.safetensors", True, True),  # all in one, nested absmaxes (lllyasviel's v1)
        ("flux1-dev-bnb-nf4-v2.safetensors", False, True),  # float32 absmaxes (v2)
        ("flux1-dev_bnb_nf4.safetensors", True, False),  # InvokeAI's bare transformer
    ],
)
def test_nf4_transformer_is_dequantised_close_to_the_folders(
    folder: Path, loader: ModelLoader, tmp_path: Path, name: str, nested: bool, bundled: bool
) -> None:
    path = write_flux_nf4(tmp_path / name, source=folder, nested=nested, bundled=bundled)
    record = file_record(path, folder, "bnb_nf4")
    model = loader.load(record, SubModel.TRANSFORMER).model
    reference = loader.load(folder_record(folder), SubModel.TRANSFORMER).model
    weights, expected_weights = model.state_dict(), reference.state_dict()
    assert weights.keys() == expected_weights.keys()
    for key, expected in expected_weights.items():  # NF4: within a sixth of each 64-value block's range
        assert weights[key].dtype == expected.dtype, key
        assert (weights[key] - expected).abs().max() <= 0.16 * expected.abs().max() + 1e-6, key
    got, expected_output = run_transformer(model), run_transformer(reference)
    assert not torch.equal(got, expected_output)
    relative = float((got - expected_output).norm() / expected_output.norm())
    cosine = float(torch.nn.functional.cosine_similarity(got.flatten(), expected_output.flatten(), dim=0))
    assert relative < 0.2  # 4-bit noise through random weights (0.13); a decoding slip gives about 1.4
    assert cosine > 0.98
    if bundled:
        assert torch.equal(decode(loader, record), decode(loader, folder_record(folder)))
    else:
        assert loader.submodels(record) == [SubModel.TRANSFORMER, SubModel.SCHEDULER]


def test_an_nf4_record_without_4bit_weights_is_refused(
    folder: Path, loader: ModelLoader, tmp_path: Path
) -> None:
    path = write_flux_checkpoint(tmp_path / "flux1-dev.safetensors", source=folder)
    with pytest.raises(ModelLoadError, match="recorded as NF4 but holds no 4-bit weights"):
        loader.load(file_record(path, folder, "bnb_nf4"), SubModel.TRANSFORMER)
