"""``POST /api/v1/generate`` with tiny FLUX and SD 3.5 models, through the real app and queue worker.

FLUX as a diffusers folder, as a BFL transformer file (its T5, CLIP-L and VAE the separately installed
ones, picked without being named) and as GGUF (with the parts named); image to image, inpainting and a
FLUX LoRA; a FLUX.1 Kontext edit of a reference image; SD 3.5 text to image and image to image. Every
image recalls what made it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw

from impasto.api import create_app
from impasto.config import load_config
from impasto.models.install.place import SilentSink, install_files
from impasto.services import Services, build_services
from tests.api.test_generate_api import completed, error_of
from tests.models.factory import (
    write_clip_l_file,
    write_flux_checkpoint,
    write_flux_diffusers,
    write_flux_gguf,
    write_flux_redux,
    write_lora,
    write_siglip,
    write_t5_file,
    write_vae,
)
from tests.models.factory.sd3 import write_sd3_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
QUICK = {"prompt": "a red circle", "steps": 2, "width": 32, "height": 32, "seed": 3}


@dataclass
class Studio:
    client: TestClient
    services: Services


def install(services: Services, path: Path, name: str, config: Path | None = None) -> str:
    """Install in place; ``config``: the folder whose tiny architecture and tokenizers a file has (real
    encoder files use the shipped full-size tokenizers, whose ids the tiny encoders do not hold)."""
    record = install_files(
        services.models, path, placement="inplace", source=str(path), source_type="path",
        sink=SilentSink(), name=name,
    )  # fmt: skip
    if config is not None:
        services.models.delete(record.key)
        details = {**record.details, "config_path": str(config)}
        record = services.models.add(record.model_copy(update={"details": details}))
    return record.key


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    root = tmp_path_factory.mktemp("generate-flow") / "root"
    files = tmp_path_factory.mktemp("flow-models")
    services = build_services(
        load_config(root, {"device": "cpu", "allowed_hosts": ["testserver"]}, environ={})
    )
    dev = write_flux_diffusers(files / "flux-dev")
    install(services, dev, "Tiny FLUX dev")
    install(services, write_flux_checkpoint(files / "flux-dev.safetensors", source=dev), "Tiny FLUX file")
    install(services, write_flux_gguf(files / "flux-schnell.gguf", variant="schnell"), "Tiny FLUX GGUF")
    install(services, write_t5_file(files / "t5.safetensors", source=dev), "Tiny T5", dev)
    install(services, write_clip_l_file(files / "clip_l.safetensors", source=dev), "Tiny CLIP-L", dev)
    install(services, write_vae(files / "flux-vae", base="flux"), "Tiny FLUX VAE")
    lora = write_lora(files / "flux-lora.safetensors", style="kohya", base="flux", seed=2)
    install(services, lora, "Tiny FLUX LoRA")
    install(services, write_sd3_diffusers(files / "sd3"), "Tiny SD 3.5")
    install(services, write_flux_diffusers(files / "flux-kontext", variant="kontext"), "Tiny FLUX Kontext")
    install(services, write_siglip(files / "siglip"), "Tiny SigLIP")
    redux = write_flux_redux(files / "flux1-redux-dev.safetensors", width=4096, hidden=48)
    install(services, redux, "Tiny Redux")
    with TestClient(create_app(services)) as client:
        yield Studio(client, services)
    services.db.dispose()


def generate(studio: Studio, **fields: Any) -> tuple[str, dict[str, Any]]:
    """The stored image of a one-image request, and its recalled parameters."""
    response = studio.client.post("/api/v1/generate", json={**QUICK, **fields})
    assert response.status_code == 200, response.text
    item = completed(studio.client, response.json()["item_ids"][0], timeout=300)
    name: str = item["result"]["outputs"]["save"]["image"]["image_name"]
    recall: dict[str, Any] = studio.client.get(f"/api/v1/images/{name}/metadata").json()["recall"]
    return name, recall


def upload(studio: Studio, image: Image.Image) -> str:
    data = io.BytesIO()
    image.save(data, format="PNG")
    files = {"file": ("x.png", data.getvalue(), "image/png")}
    response = studio.client.post("/api/v1/images/upload", files=files)
    assert response.status_code == 201, response.text
    name: str = response.json()["image_name"]
    return name


def test_flux_dev_folder_records_and_recalls_its_guidance(studio: Studio) -> None:
    name, recall = generate(studio, model="Tiny FLUX dev", guidance=4.5)
    assert (recall["source"], recall["guidance"], recall["cfg_scale"]) == ("impasto", 4.5, 1.0)
    assert recall["model"]["name"] == "Tiny FLUX dev"
    assert recall["t5_encoder"] is None
    assert studio.services.images.load(name).size == (32, 32)
    _, cfg = generate(studio, model="Tiny FLUX dev", cfg_scale=2.0, negative_prompt="blur", scheduler="heun")
    assert (cfg["negative_prompt"], cfg["scheduler"], cfg["guidance"]) == ("blur", "heun", 3.5)


def test_a_transformer_file_gets_the_installed_encoders_and_vae(studio: Studio) -> None:
    _, recall = generate(studio, model="Tiny FLUX file")
    assert (recall["t5_encoder"]["name"], recall["clip_embed"]["name"]) == ("Tiny T5", "Tiny CLIP-L")
    assert recall["vae"]["name"] == "Tiny FLUX VAE"


def test_gguf_with_named_parts_and_no_guidance(studio: Studio) -> None:
    _, recall = generate(
        studio, model="Tiny FLUX GGUF", t5_encoder="Tiny T5", clip_embed="Tiny CLIP-L", vae="Tiny FLUX VAE"
    )
    assert recall["model"]["name"] == "Tiny FLUX GGUF"
    assert recall["guidance"] is None  # schnell takes none


def source_and_mask(studio: Studio) -> tuple[str, str]:
    source = Image.new("RGB", (32, 32), (30, 120, 200))
    ImageDraw.Draw(source).ellipse((6, 6, 26, 26), fill=(220, 40, 40))
    mask = Image.new("L", (32, 32), 0)
    ImageDraw.Draw(mask).rectangle((0, 0, 15, 31), fill=255)
    return upload(studio, source), upload(studio, mask.convert("RGB"))


def test_flux_image_to_image_inpainting_and_a_lora(studio: Studio) -> None:
    source, mask = source_and_mask(studio)
    _, recall = generate(studio, model="Tiny FLUX dev", init_image=source, strength=0.5)
    assert (recall["mode"], recall["strength"], recall["init_image"]) == ("img2img", 0.5, source)
    painted, recall = generate(studio, model="Tiny FLUX dev", init_image=source, mask=mask)
    assert recall["mode"] == "inpaint"
    kept = studio.services.images.load(painted).crop((16, 0, 32, 32))
    assert (
        kept.tobytes() == studio.services.images.load(source).convert("RGB").crop((16, 0, 32, 32)).tobytes()
    )
    _, recall = generate(studio, model="Tiny FLUX dev", loras=[{"model": "Tiny FLUX LoRA", "weight": 1.0}])
    assert [(lora["name"], lora["weight"]) for lora in recall["loras"]] == [("Tiny FLUX LoRA", 1.0)]


def test_sd3_text_and_image_to_image(studio: Studio) -> None:
    name, recall = generate(studio, model="Tiny SD 3.5", negative_prompt="blur", cfg_scale=4.0)
    assert (recall["model"]["name"], recall["negative_prompt"], recall["guidance"]) == (
        "Tiny SD 3.5",
        "blur",
        None,
    )
    _, recall = generate(studio, model="Tiny SD 3.5", init_image=name, strength=0.5)
    assert recall["mode"] == "img2img"


def test_refused_combinations_answer_422_naming_the_field(studio: Studio) -> None:
    cases: dict[str, tuple[dict[str, Any], str]] = {
        "width": ({"model": "Tiny FLUX dev", "width": 40}, "40 is not a multiple of 16, the size grid of"),
        "scheduler": ({"model": "Tiny FLUX dev", "scheduler": "dpmpp_2m_k"}, "valid names: euler, heun, lcm"),
        "clip_skip": ({"model": "Tiny FLUX dev", "clip_skip": 1}, "takes no CLIP skip"),
        "loras": ({"model": "Tiny SD 3.5", "loras": [{"model": "Tiny FLUX LoRA"}]}, "not supported yet"),
        "negative_prompt": ({"model": "Tiny FLUX dev", "negative_prompt": "x"}, "only with true CFG"),
        "reference_image": ({"model": "Tiny FLUX dev", "reference_image": "x"}, "does not edit a reference"),
    }
    for field, (fields, message) in cases.items():
        body = error_of(studio.client.post("/api/v1/generate", json={**QUICK, **fields}))
        assert body["details"]["field"] == field
        assert message in body["message"], body["message"]
    graph = studio.client.post("/api/v1/generate/graph", json={**QUICK, "model": "Tiny FLUX file"}).json()
    loader = graph["graph"]["nodes"]["model"]
    assert loader["type"] == "flux_model_loader"
    assert set(loader) >= {"t5_encoder_model", "clip_embed_model", "vae_model"}
    metadata = graph["graph"]["nodes"]["metadata"]["base"]
    assert json.loads(json.dumps(metadata))["guidance"] == 3.5


def test_kontext_edits_a_reference_image_at_its_kontext_size(studio: Studio) -> None:
    reference = Image.new("RGB", (48, 32), (30, 120, 200))
    ImageDraw.Draw(reference).ellipse((12, 4, 36, 28), fill=(220, 40, 40))
    name = upload(studio, reference)
    edited, recall = generate(
        studio, model="Tiny FLUX Kontext", reference_image=name, width=None, height=None
    )
    assert studio.services.images.load(edited).size == (1248, 832)  # 3:2: the trained size nearest it
    assert (recall["reference_image"], recall["guidance"], recall["mode"]) == (name, 2.5, "txt2img")
    plain, _ = generate(studio, model="Tiny FLUX Kontext", width=1248, height=832)
    assert studio.services.images.load(plain).tobytes() != studio.services.images.load(edited).tobytes()


def test_flux_regions_condition_their_halves(studio: Studio) -> None:
    left, right = (Image.new("L", (32, 32), 0) for _ in range(2))
    left.paste(255, (0, 0, 16, 32))
    right.paste(255, (16, 0, 32, 32))
    masks = [upload(studio, left.convert("RGB")), upload(studio, right.convert("RGB"))]
    regions = [{"mask": masks[0], "prompt": "a red circle"}, {"mask": masks[1], "prompt": "a blue square"}]
    regional, _ = generate(studio, model="Tiny FLUX dev", prompt="a garden", regions=regions)
    plain, _ = generate(studio, model="Tiny FLUX dev", prompt="a garden")
    images = studio.services.images
    assert images.load(regional).tobytes() != images.load(plain).tobytes()
    auto = [{**regions[0], "auto_negative": True}]
    body = error_of(
        studio.client.post("/api/v1/generate", json={**QUICK, "model": "Tiny FLUX dev", "regions": auto})
    )
    assert body["details"]["field"] == "regions[0].auto_negative"
    guided, _ = generate(studio, model="Tiny FLUX dev", regions=auto, cfg_scale=2.0, negative_prompt="blur")
    assert images.load(guided).size == (32, 32)


def test_flux_redux_reference_images(studio: Studio) -> None:
    reference = Image.new("RGB", (32, 32), (220, 40, 40))
    ImageDraw.Draw(reference).rectangle((0, 0, 31, 15), fill=(20, 60, 200))
    image = upload(studio, reference)
    refs = [{"image": image, "model": "Tiny Redux", "weight": 0.9, "image_influence": "high"}]
    guided, recall = generate(studio, model="Tiny FLUX dev", reference_images=refs)
    plain, _ = generate(studio, model="Tiny FLUX dev")
    images = studio.services.images
    assert images.load(guided).tobytes() != images.load(plain).tobytes()
    metadata = studio.client.get(f"/api/v1/images/{guided}/metadata").json()
    recorded = json.dumps(metadata)
    assert '"image_influence": "high"' in recorded, recorded[:400]
    assert recall["model"]["name"] == "Tiny FLUX dev"
    body = error_of(
        studio.client.post(
            "/api/v1/generate",
            json={**QUICK, "model": "Tiny FLUX dev", "reference_images": [{**refs[0], "begin": 0.3}]},
        )
    )
    assert body["details"]["field"] == "reference_images[0].begin"
