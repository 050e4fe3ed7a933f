"""Standalone models: VAE, ControlNet, T2I-Adapter, LoRA, textual inversion, upscalers and encoders
load into working objects (each test runs them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from diffusers import StableDiffusionPipeline

from impasto.models.loaders import ModelLoader, UnsupportedModelError
from impasto.models.loaders.adapters import LoraModel, TextualInversion
from tests.models.factory import (
    write_clip_vision,
    write_controlnet,
    write_embedding,
    write_esrgan,
    write_ip_adapter,
    write_lora,
    write_sd1_diffusers,
    write_t2i_adapter,
    write_t5_encoder,
    write_vae,
)
from tests.models.test_loaders import make_loader, make_record

torch.set_num_threads(1)


def sd1_pipeline(folder: Path) -> Any:
    return StableDiffusionPipeline.from_pretrained(folder, local_files_only=True)  # type: ignore[no-untyped-call]


@pytest.fixture
def loader(tmp_path: Path) -> ModelLoader:
    return make_loader(tmp_path)


@pytest.fixture(scope="module")
def sd1_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sd1_diffusers(tmp_path_factory.mktemp("sd1") / "tiny-sd1")


def load(loader: ModelLoader, path: Path, base: str, fmt: str, type: str, **fields: Any) -> Any:
    return loader.load(make_record(path, base, fmt, type, **fields)).model


@pytest.mark.parametrize("base", ["sd-1", "flux"])
def test_vae_file_equals_vae_folder(base: str, loader: ModelLoader, tmp_path: Path) -> None:
    folder = write_vae(tmp_path / "vae", base=base)  # type: ignore[arg-type]
    file = write_vae(tmp_path / "vae.safetensors", base=base)  # type: ignore[arg-type]
    from_folder = load(loader, folder, base, "diffusers", "vae")
    from_file = load(loader, file, base, "checkpoint", "vae", details={"config_path": str(folder)})
    latents = torch.randn(
        1, from_folder.config.latent_channels, 4, 4, generator=torch.Generator().manual_seed(0)
    )
    with torch.no_grad():
        expected = from_folder.decode(latents).sample
        assert torch.equal(from_file.decode(latents).sample, expected)
    assert expected.shape == (1, 3, 32, 32)


def test_controlnet_file_equals_controlnet_folder(loader: ModelLoader, tmp_path: Path) -> None:
    folder = write_controlnet(tmp_path / "cn", base="sd-1")
    file = write_controlnet(tmp_path / "cn.safetensors", base="sd-1")  # lllyasviel's control_model. layout
    from_folder = load(loader, folder, "sd-1", "diffusers", "controlnet")
    from_file = load(loader, file, "sd-1", "checkpoint", "controlnet", details={"config_path": str(folder)})
    generator = torch.Generator().manual_seed(0)
    inputs = {
        "sample": torch.randn(1, 4, 8, 8, generator=generator),
        "timestep": torch.tensor([10]),
        "encoder_hidden_states": torch.randn(1, 7, 768, generator=generator),
        "controlnet_cond": torch.rand(1, 3, 64, 64, generator=generator),
    }
    with torch.no_grad():
        expected = from_folder(**inputs)
        got = from_file(**inputs)
    assert torch.equal(expected.mid_block_res_sample, got.mid_block_res_sample)
    assert all(
        torch.equal(a, b)
        for a, b in zip(expected.down_block_res_samples, got.down_block_res_samples, strict=True)
    )


def test_t2i_adapter_runs(loader: ModelLoader, tmp_path: Path) -> None:
    adapter = load(loader, write_t2i_adapter(tmp_path / "t2i"), "sd-1", "diffusers", "t2i_adapter")
    with torch.no_grad():
        features = adapter(torch.rand(1, 3, 64, 64))
    assert [f.shape[1] for f in features] == [32, 64]


def test_kohya_lora_changes_the_unet_output(loader: ModelLoader, sd1_folder: Path, tmp_path: Path) -> None:
    lora = load(loader, write_lora(tmp_path / "l.safetensors", style="kohya"), "sd-1", "lycoris", "lora")
    assert isinstance(lora, LoraModel)
    assert lora.style == "kohya"
    pipe = sd1_pipeline(sd1_folder)
    generator = torch.Generator().manual_seed(0)
    latents = torch.randn(1, 4, 8, 8, generator=generator)
    context = torch.randn(1, 7, 768, generator=generator)
    with torch.no_grad():
        before = pipe.unet(latents, torch.tensor([10]), context).sample
        pipe.load_lora_weights(lora.diffusers_state_dict())
        after = pipe.unet(latents, torch.tensor([10]), context).sample
    assert not torch.allclose(before, after)
    assert any("lora" in name for name, _ in pipe.unet.named_parameters())


def test_kohya_lora_deltas_match_the_adapted_layers(
    loader: ModelLoader, sd1_folder: Path, tmp_path: Path
) -> None:
    lora = load(loader, write_lora(tmp_path / "l.safetensors", style="kohya"), "sd-1", "lycoris", "lora")
    deltas = lora.layer_deltas()
    name = next(k for k in deltas if k.startswith("lora_unet_"))
    down = lora.state_dict[f"{name}.lora_down.weight"]
    up = lora.state_dict[f"{name}.lora_up.weight"]
    alpha = float(lora.state_dict[f"{name}.alpha"])
    assert torch.equal(deltas[name], (up @ down) * (alpha / down.shape[0]))


@pytest.mark.parametrize("style", ["loha", "lokr"])
def test_lycoris_deltas_have_the_layer_shapes(
    style: str, loader: ModelLoader, sd1_folder: Path, tmp_path: Path
) -> None:
    path = write_lora(tmp_path / "l.safetensors", style=style)  # type: ignore[arg-type]
    lora = load(loader, path, "sd-1", "lycoris", "lora")
    assert lora.style == style
    pipe = sd1_pipeline(sd1_folder)
    layers = {f"lora_unet_{n.replace('.', '_')}": m for n, m in pipe.unet.named_modules()}
    unet_deltas = {k: v for k, v in lora.layer_deltas().items() if k.startswith("lora_unet_")}
    assert unet_deltas
    for name, delta in unet_deltas.items():
        assert delta.shape == layers[name].weight.flatten(1).shape
    with pytest.raises(UnsupportedModelError, match="layer_deltas"):
        lora.diffusers_state_dict()


def test_peft_lora_passes_through(loader: ModelLoader, tmp_path: Path) -> None:
    lora = load(loader, write_lora(tmp_path / "l.safetensors", style="peft"), "sd-1", "diffusers", "lora")
    assert lora.style == "peft"
    assert any(k.startswith("unet.") and k.endswith("lora_A.weight") for k in lora.diffusers_state_dict())


@pytest.mark.parametrize(
    ("name", "base", "fmt"),
    [("ti.pt", "sd-1", "embedding_file"), ("ti.safetensors", "sd-1", "embedding_file"),
     ("ti-folder", "sd-1", "embedding_folder"), ("xl.safetensors", "sdxl", "embedding_file")],
)  # fmt: skip
def test_embeddings_load_with_their_token_count(
    name: str, base: str, fmt: str, loader: ModelLoader, tmp_path: Path
) -> None:
    path = write_embedding(tmp_path / name, base=base, vectors=3)  # type: ignore[arg-type]
    embedding = load(loader, path, base, fmt, "embedding")
    assert isinstance(embedding, TextualInversion)
    assert embedding.token_count == 3
    widths = {k: v.shape[1] for k, v in embedding.embeddings.items()}
    assert widths == (
        {"text_encoder": 768, "text_encoder_2": 1280} if base == "sdxl" else {"text_encoder": 768}
    )


def test_embedding_changes_the_prompt_encoding(loader: ModelLoader, sd1_folder: Path, tmp_path: Path) -> None:
    embedding = load(
        loader, write_embedding(tmp_path / "ti.pt", vectors=2), "sd-1", "embedding_file", "embedding"
    )
    pipe = sd1_pipeline(sd1_folder)
    pipe.load_textual_inversion(embedding.embeddings["text_encoder"], token="<my-style>")

    def encode(prompt: str) -> Any:
        ids = pipe.tokenizer(pipe.maybe_convert_prompt(prompt, pipe.tokenizer), return_tensors="pt").input_ids
        with torch.no_grad():
            return pipe.text_encoder(ids).last_hidden_state

    token_ids = pipe.tokenizer.convert_tokens_to_ids(["<my-style>", "<my-style>_1"])
    table = pipe.text_encoder.get_input_embeddings().weight
    assert torch.equal(table[token_ids], embedding.embeddings["text_encoder"])
    assert encode("a cat <my-style>").shape[1] == encode("a cat").shape[1] + 2


@pytest.mark.parametrize("suffix", [".safetensors", ".pth"])
def test_upscaler_upscales(suffix: str, loader: ModelLoader, tmp_path: Path) -> None:
    descriptor = load(loader, write_esrgan(tmp_path / f"x4{suffix}"), "any", "spandrel", "upscaler")
    assert descriptor.scale == 4
    loaded = loader.load(make_record(tmp_path / f"x4{suffix}", "any", "spandrel", "upscaler"))
    with loaded.lock() as locked, torch.no_grad():
        image = locked(torch.rand(1, 3, 8, 8))
    assert image.shape == (1, 3, 32, 32)


def test_encoder_folders_load_whole(loader: ModelLoader, tmp_path: Path) -> None:
    t5 = load(loader, write_t5_encoder(tmp_path / "t5"), "any", "transformers", "t5_encoder")
    with torch.no_grad():
        assert t5(torch.tensor([[4, 5, 1]])).last_hidden_state.shape == (1, 3, 4096)
    vision = load(loader, write_clip_vision(tmp_path / "vision"), "any", "transformers", "clip_vision")
    with torch.no_grad():
        assert vision(torch.rand(1, 3, 32, 32)).image_embeds.shape == (1, 1024)


def test_ip_adapter_splits_into_projection_and_attention(loader: ModelLoader, tmp_path: Path) -> None:
    parts = load(loader, write_ip_adapter(tmp_path / "ip.safetensors"), "sd-1", "checkpoint", "ip_adapter")
    assert set(parts) == {"image_proj", "ip_adapter"}
    assert "proj.weight" in parts["image_proj"]
    assert "1.to_k_ip.weight" in parts["ip_adapter"]
