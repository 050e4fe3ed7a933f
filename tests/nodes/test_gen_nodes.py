"""The generation nodes through the engine: loaders and their checks, noise, latents operations, masks,
ideal size and validation of denoise settings (with the bundled demo model and tiny factory models)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import torch

from impasto.graph import GraphValidationError, NodeError, default_registry
from impasto.nodes import BUILTIN_MODULES
from tests.generation.helpers import DEMO_MODEL, Studio, make_services, pattern
from tests.graph.stubs import GraphBuilder
from tests.models.factory import write_lora, write_sdxl_diffusers, write_vae

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
GENERATION_NODES = [
    "main_model_loader",
    "sdxl_model_loader",
    "sdxl_refiner_model_loader",
    "vae_loader",
    "lora_loader",
    "sdxl_lora_loader",
    "clip_skip",
    "seamless",
    "noise",
    "i2l",
    "l2i",
    "lresize",
    "lscale",
    "lblend",
    "create_denoise_mask",
    "create_gradient_mask",
    "outpaint_canvas",
    "ideal_size",
    "denoise_latents",
    "controlnet",
    "t2i_adapter",
]


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("gen-nodes") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def keys(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("models")
    return {
        "demo": studio.install(DEMO_MODEL).key,
        "xl": studio.install(write_sdxl_diffusers(folder / "xl")).key,
        "vae": studio.install(write_vae(folder / "vae")).key,
        "lora": studio.install(write_lora(folder / "lora.safetensors")).key,
        "lora_xl": studio.install(write_lora(folder / "lora-xl.safetensors", base="sdxl")).key,
    }


def failure(studio: Studio, graph: GraphBuilder) -> str:
    with pytest.raises(NodeError) as info:
        studio.run(graph)
    return info.value.message


def test_the_nodes_are_registered_and_documented() -> None:
    assert {"impasto.nodes.models", "impasto.nodes.latents", "impasto.nodes.sd.denoise"} <= set(
        BUILTIN_MODULES
    )
    for type_id in GENERATION_NODES:
        spec = default_registry.get(type_id)
        assert spec is not None, type_id
        assert spec.version == "1.0.0"
        assert spec.pack == "builtin"
        assert spec.description.strip(), type_id


def test_loaders_give_references_and_check_the_model(studio: Studio, keys: dict[str, str]) -> None:
    out = studio.run(GraphBuilder().add("m", "main_model_loader", model={"key": keys["demo"]}))["m"]
    assert out["unet"]["unet"] == {"key": keys["demo"], "submodel": "unet"}
    assert out["clip"]["tokenizer"]["submodel"] == "tokenizer"
    assert out["vae"]["vae"]["submodel"] == "vae"
    message = failure(studio, GraphBuilder().add("m", "main_model_loader", model={"key": keys["lora"]}))
    assert "is a lora model, not a main model" in message
    message = failure(studio, GraphBuilder().add("m", "main_model_loader", model={"key": "nope"}))
    assert "no installed model has the key 'nope'" in message
    vae = studio.run(GraphBuilder().add("v", "vae_loader", vae_model={"key": keys["vae"]}))["v"]["vae"]
    assert vae["vae"] == {"key": keys["vae"], "submodel": None}


def test_lora_loaders_stack_and_check_bases(studio: Studio, keys: dict[str, str]) -> None:
    graph = (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": keys["demo"]})
        .add("l", "lora_loader", lora={"key": keys["lora"]}, weight=0.5)
        .edge("m.unet", "l.unet")
        .edge("m.clip", "l.clip")
    )
    out = studio.run(graph)["l"]
    assert out["unet"]["loras"] == [{"lora": {"key": keys["lora"], "submodel": None}, "weight": 0.5}]
    assert out["clip"]["loras"] == out["unet"]["loras"]
    wrong = GraphBuilder().add("m", "main_model_loader", model={"key": keys["demo"]})
    wrong.add("l", "lora_loader", lora={"key": keys["lora_xl"]}).edge("m.unet", "l.unet")
    assert "for sdxl models and cannot be applied to the sd-1 model" in failure(studio, wrong)
    xl = (
        GraphBuilder()
        .add("m", "sdxl_model_loader", model={"key": keys["xl"]})
        .add("l", "sdxl_lora_loader", lora={"key": keys["lora_xl"]})
        .edge("m.unet", "l.unet")
        .edge("m.clip2", "l.clip2")
    )
    out = studio.run(xl)["l"]
    assert out["clip"] is None
    assert out["clip2"]["loras"][0]["lora"]["key"] == keys["lora_xl"]


def test_clip_skip_and_seamless_set_their_references(studio: Studio, keys: dict[str, str]) -> None:
    graph = (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": keys["demo"]})
        .add("c", "clip_skip", skipped_layers=1)
        .add("s", "seamless", seamless_x=True, seamless_y=False)
        .edge("m.clip", "c.clip")
        .edge("m.unet", "s.unet")
        .edge("m.vae", "s.vae")
    )
    out = studio.run(graph)
    assert out["c"]["clip"]["skipped_layers"] == 1
    assert out["s"]["unet"]["seamless_axes"] == ["x"]
    assert out["s"]["vae"]["seamless_axes"] == ["x"]
    graph.nodes["c"]["skipped_layers"] = 12
    assert "sd-1 text encoders have 12 layers" in failure(studio, graph)


def test_noise_takes_the_vaes_geometry(studio: Studio, keys: dict[str, str]) -> None:
    graph = (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": keys["demo"]})
        .add("n", "noise", seed=9, width=64, height=32)
        .add("sd", "noise", seed=9, width=64, height=32)
        .edge("m.vae", "n.vae")
    )
    out = studio.run(graph)
    assert (out["n"]["width"], out["n"]["height"], out["n"]["latents"]["scale_factor"]) == (64, 32, 4)
    assert studio.latents(out["n"]["latents"]).shape == (1, 4, 8, 16)
    assert studio.latents(out["sd"]["latents"]).shape == (1, 4, 4, 8)
    expected = torch.randn((1, 4, 4, 8), generator=torch.Generator("cpu").manual_seed(9))
    assert torch.equal(studio.latents(out["sd"]["latents"]), expected)
    graph.nodes["sd"]["width"] = 60
    assert "must be positive multiples of 8" in failure(studio, graph)


def test_image_latents_round_trip_and_latent_operations(studio: Studio, keys: dict[str, str]) -> None:
    image = studio.save_image(pattern())
    graph = (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": keys["demo"]})
        .add("i", "image", image=image.model_dump())
        .add("e", "i2l")
        .add("r", "lresize", width=128, height=96, mode="bicubic")
        .add("s", "lscale", scale_factor=0.5, mode="area")
        .add("b", "lblend", alpha=0.25, method="lerp")
        .add("d", "l2i")
        .edge("m.vae", "e.vae")
        .edge("i.image", "e.image")
        .edge("e.latents", "r.latents")
        .edge("e.latents", "s.latents")
        .edge("e.latents", "b.latents_a")
        .edge("e.latents", "b.latents_b")
        .edge("r.latents", "d.latents")
        .edge("m.vae", "d.vae")
    )
    out = studio.run(graph)
    assert (out["e"]["width"], out["e"]["height"]) == (64, 64)
    assert studio.latents(out["r"]["latents"]).shape == (1, 4, 24, 32)
    assert (out["s"]["width"], out["s"]["height"]) == (32, 32)
    assert torch.allclose(studio.latents(out["b"]["latents"]), studio.latents(out["e"]["latents"]))
    assert (out["d"]["width"], out["d"]["height"]) == (128, 96)


def test_mask_nodes(studio: Studio, keys: dict[str, str]) -> None:
    from PIL import Image

    mask = Image.new("L", (64, 64), 0)
    mask.paste(255, (32, 0, 64, 64))
    graph = (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": keys["demo"]})
        .add("k", "image", image=studio.save_image(mask.convert("RGB")).model_dump())
        .add("i", "image", image=studio.save_image(pattern()).model_dump())
        .add("plain", "create_denoise_mask", edge_blur=4)
        .add("grad", "create_gradient_mask", edge_radius=8)
        .edge("k.image", "plain.mask")
        .edge("k.image", "grad.mask")
        .edge("i.image", "grad.image")
        .edge("m.vae", "grad.vae")
    )
    out = studio.run(graph)
    plain = out["plain"]["denoise_mask"]
    assert plain["masked_latents_name"] is None
    assert plain["gradient"] is False
    values = studio.tensor(plain["mask_name"])
    assert values.shape == (1, 1, 64, 64)
    assert 0 < values[0, 0, 32, 30] < 1
    gradient = out["grad"]["denoise_mask"]
    assert gradient["gradient"] is True
    assert studio.tensor(gradient["masked_latents_name"]).shape == (1, 4, 16, 16)
    assert studio.image(out["grad"]["expanded_mask_area"]).getpixel((28, 10)) == 255


def test_ideal_size_uses_the_models_size(studio: Studio, keys: dict[str, str]) -> None:
    graph = (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": keys["demo"]})
        .add("x", "sdxl_model_loader", model={"key": keys["xl"]})
        .add("demo", "ideal_size", width=1, height=1)
        .add("wide", "ideal_size", width=16, height=9)
        .edge("m.unet", "demo.unet")
        .edge("x.unet", "wide.unet")
    )
    out = studio.run(graph)
    assert (out["demo"]["width"], out["demo"]["height"]) == (64, 64)  # the demo model's default size
    assert studio.services.models.get(keys["xl"]).default_settings.width == 128  # type: ignore[union-attr]
    assert (out["wide"]["width"], out["wide"]["height"]) == (168, 96)  # 128² in 16:9, multiples of 8


def denoise_graph(key: str, **settings: Any) -> GraphBuilder:
    return (
        GraphBuilder()
        .add("m", "main_model_loader", model={"key": key})
        .add("p", "compel", prompt="a red circle")
        .add("n", "noise", seed=1, width=64, height=64)
        .add("d", "denoise_latents", **{"steps": 2, **settings})
        .edge("m.clip", "p.clip")
        .edge("m.vae", "n.vae")
        .edge("m.unet", "d.unet")
        .edge("p.conditioning", "d.positive_conditioning")
        .edge("p.conditioning", "d.negative_conditioning")
        .edge("n.latents", "d.noise")
    )


def test_denoise_settings_are_validated_with_clear_messages(studio: Studio, keys: dict[str, str]) -> None:
    with pytest.raises(GraphValidationError) as info:
        studio.run(denoise_graph(keys["demo"], scheduler="euler_fast"))
    assert "unknown scheduler 'euler_fast'; valid names: ddim, ddpm" in info.value.message
    with pytest.raises(GraphValidationError, match="steps"):
        studio.run(denoise_graph(keys["demo"], steps=0))
    message = failure(studio, denoise_graph(keys["demo"], denoising_start=0.8, denoising_end=0.2))
    assert "denoising_start (0.8) must be below denoising_end (0.2)" in message
    out = studio.run(denoise_graph(keys["demo"], scheduler="unipc_k"))
    assert out["d"]["latents"]["scale_factor"] == 4
    assert (out["d"]["width"], out["d"]["height"]) == (64, 64)
