"""IP-Adapters through the model manager and the nodes: tiny adapters and CLIP-vision encoders installed
and identified, the default encoder found by width, weight / step window / mask / method, several units
at once, several images in one unit, and SDXL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.noise import make_noise
from impasto.generation.schedulers import make_scheduler
from impasto.generation.sd.cond_batch import batch_conditioning
from impasto.generation.sd.cond_data import BasicConditioning
from impasto.generation.sd.ip_adapter import ip_adapter_attention, make_unit
from impasto.generation.sd.loop import DenoiseSettings, LoopInputs, StepInfo
from impasto.generation.sd.loop import denoise as run_loop
from impasto.models.identity import ModelRecord
from impasto.nodes.latents import NoiseNode
from impasto.nodes.refs import IPAdapterField, ModelRef
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.ip_adapter import IPAdapterNode
from impasto.nodes.sd.models import MainModelLoaderNode, SDXLModelLoaderNode
from tests.generation.helpers import Studio, make_services, pattern
from tests.models.factory import write_sd1_diffusers, write_sdxl_diffusers
from tests.models.factory.folders import sd1_pipeline, sdxl_pipeline
from tests.models.factory.ip_adapters import (
    ENCODER_HIDDEN,
    ENCODER_PROJECTION,
    adapter_parts,
    clip_vision_encoder,
    ip_adapter_state,
    write_image_encoder,
    write_invokeai_ip_adapter,
    write_ip_adapter_for,
)

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Models:
    """Keys of the installed tiny models."""

    def __init__(self, studio: Studio, folder: Path) -> None:
        sd1_unet, sdxl_unet = sd1_pipeline().unet, sdxl_pipeline().unet
        self.sd1 = studio.install(write_sd1_diffusers(folder / "sd1"))
        self.sdxl = studio.install(write_sdxl_diffusers(folder / "sdxl"))
        self.other_encoder = studio.install(write_image_encoder(folder / "other", hidden=56, projection=40))
        self.encoder = studio.install(write_image_encoder(folder / "encoder"))
        self.plain = studio.install(write_ip_adapter_for(folder / "plain.safetensors", sd1_unet, "plain"))
        self.plus = studio.install(write_ip_adapter_for(folder / "plus.safetensors", sd1_unet, "plus", 1))
        self.full = studio.install(write_ip_adapter_for(folder / "full.safetensors", sd1_unet, "full", 2))
        self.xl = studio.install(write_ip_adapter_for(folder / "xl.safetensors", sdxl_unet, "plus", 3))
        self.invoke_plus = studio.install(
            write_invokeai_ip_adapter(folder / "ip_adapter_plus_sd15", sd1_unet, "plus", 1)
        )
        self.invoke_plain = studio.install(
            write_invokeai_ip_adapter(folder / "ip_adapter_sd15", sd1_unet, weights="safetensors")
        )


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("ip") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> Models:
    return Models(studio, tmp_path_factory.mktemp("models"))


def unit(studio: Studio, adapter: ModelRecord, **inputs: Any) -> IPAdapterField:
    inputs.setdefault("image", studio.save_image(pattern(48, seed=5)))
    node = IPAdapterNode(id="ip", ip_adapter_model=ModelRef(key=adapter.key), **inputs)
    field: IPAdapterField = studio.invoke(node).ip_adapter
    return field


def denoise(studio: Studio, main: ModelRecord, **inputs: Any) -> torch.Tensor:
    """Three Euler steps of text to image from seed 7 (SD 1.x, or SDXL for an SDXL model)."""
    sdxl = main.base.value == "sdxl"
    loader = SDXLModelLoaderNode if sdxl else MainModelLoaderNode
    values: dict[str, Any] = {
        "positive_conditioning": studio.conditioning(main.key, "a red circle", sdxl=sdxl),
        "negative_conditioning": studio.conditioning(main.key, "", sdxl=sdxl),
        "unet": studio.invoke(loader(id="m", model=ModelRef(key=main.key))).unet,
        "noise": studio.invoke(NoiseNode(id="n", seed=7, width=64, height=64)).latents,
        "steps": 3,
        "cfg_scale": 4.0,
        "scheduler": "euler",
        **inputs,
    }
    out = studio.invoke(DenoiseLatentsNode(id="d", **values))
    return studio.latents(out.latents)


def test_adapters_and_encoders_are_identified(models: Models) -> None:
    assert (models.plain.type.value, models.plain.base.value) == ("ip_adapter", "sd-1")
    assert models.xl.base.value == "sdxl"
    kinds = [m.details["image_projection"] for m in (models.plain, models.plus, models.full)]
    assert kinds == ["plain", "plus", "full"]
    assert models.plain.details["image_encoder_width"] == ENCODER_PROJECTION
    assert models.plus.details["image_encoder_width"] == ENCODER_HIDDEN
    assert models.encoder.type.value == "clip_vision"
    assert models.encoder.details["hidden_size"] == ENCODER_HIDDEN


def test_invokeai_folders_are_identified_and_steer_as_their_single_files(
    studio: Studio, models: Models
) -> None:
    for folder, twin in ((models.invoke_plus, models.plus), (models.invoke_plain, models.plain)):
        assert (folder.type.value, folder.base.value, folder.format.value) == (
            "ip_adapter",
            "sd-1",
            "invokeai",
        )
        assert folder.details["image_encoder_model_id"] == "InvokeAI/ip_adapter_sd_image_encoder"
        assert folder.details["image_encoder_width"] == twin.details["image_encoder_width"]
        assert folder.details["image_projection"] == twin.details["image_projection"]
        assert unit(studio, folder).image_encoder_model.key == models.encoder.key
        same = denoise(studio, models.sd1, ip_adapter=unit(studio, folder))
        assert torch.equal(same, denoise(studio, models.sd1, ip_adapter=unit(studio, twin)))


def test_the_default_encoder_is_the_one_of_the_adapters_width(studio: Studio, models: Models) -> None:
    for adapter in (models.plain, models.plus, models.full):
        assert unit(studio, adapter).image_encoder_model.key == models.encoder.key
    chosen = unit(studio, models.plain, clip_vision_model=ModelRef(key=models.other_encoder.key))
    with pytest.raises(InvalidInputError, match="48-wide image embeddings"):
        denoise(studio, models.sd1, ip_adapter=chosen)
    with pytest.raises(InvalidInputError, match="not a clip_vision model"):
        unit(studio, models.plain, clip_vision_model=ModelRef(key=models.sd1.key))


def test_each_variant_steers_the_image_and_weight_zero_is_no_adapter(studio: Studio, models: Models) -> None:
    plain = denoise(studio, models.sd1)
    results = [denoise(studio, models.sd1, ip_adapter=unit(studio, a)) for a in (models.plain, models.plus)]
    results.append(denoise(studio, models.sd1, ip_adapter=[unit(studio, models.full)]))
    for result in results:
        assert not torch.allclose(result, plain, atol=1e-3)
    assert torch.equal(denoise(studio, models.sd1, ip_adapter=unit(studio, models.plain, weight=0.0)), plain)
    assert torch.equal(denoise(studio, models.sd1), plain)  # the UNet's processors were restored
    both = denoise(studio, models.sd1, ip_adapter=[unit(studio, models.plain), unit(studio, models.plus)])
    assert not torch.allclose(both, results[0], atol=1e-3)
    assert not torch.allclose(both, results[1], atol=1e-3)


def test_several_images_steer_together(studio: Studio, models: Models) -> None:
    first, second = studio.save_image(pattern(48, seed=5)), studio.save_image(pattern(40, seed=9))
    single = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plus, image=first))
    listed = unit(studio, models.plus, image=[first])
    assert torch.equal(denoise(studio, models.sd1, ip_adapter=listed), single)
    both = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plus, image=[first, second]))
    only_second = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plus, image=second))
    for other in (single, only_second):
        assert not torch.allclose(both, other, atol=1e-3)
    with pytest.raises(InvalidInputError, match="at least one reference image"):
        unit(studio, models.plus, image=[])


def mask(left: int, right: int) -> Image.Image:
    image = Image.new("L", (64, 64), 0)
    image.paste(255, (left, 0, right, 64))
    return image


def test_a_mask_limits_the_reference_to_its_region(studio: Studio, models: Models) -> None:
    plain = denoise(studio, models.sd1)
    full = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plain))
    nothing = unit(studio, models.plain, mask=studio.save_image(mask(0, 0)))
    torch.testing.assert_close(denoise(studio, models.sd1, ip_adapter=nothing), plain, atol=1e-6, rtol=0)
    everywhere = unit(studio, models.plain, mask=studio.save_image(mask(0, 64)))
    torch.testing.assert_close(denoise(studio, models.sd1, ip_adapter=everywhere), full, atol=1e-6, rtol=0)
    half = denoise(
        studio, models.sd1, ip_adapter=unit(studio, models.plain, mask=studio.save_image(mask(0, 32)))
    )
    for other in (plain, full):
        assert not torch.allclose(half, other, atol=1e-3)


def test_methods_pick_layers(studio: Studio, models: Models) -> None:
    full = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plain))
    style = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plain, method="style"))
    layout = denoise(studio, models.sd1, ip_adapter=unit(studio, models.plain, method="composition"))
    assert not torch.allclose(style, full, atol=1e-3)
    assert not torch.allclose(layout, full, atol=1e-3)
    assert not torch.allclose(style, layout, atol=1e-3)


def test_sdxl_adapters_run(studio: Studio, models: Models) -> None:
    plain = denoise(studio, models.sdxl)
    for method in ("full", "style"):
        steered = denoise(studio, models.sdxl, ip_adapter=unit(studio, models.xl, method=method))
        assert not torch.allclose(steered, plain, atol=1e-3)
    with pytest.raises(InvalidInputError, match="composition selects no attention layer"):
        denoise(studio, models.sdxl, ip_adapter=unit(studio, models.xl, method="composition"))
    with pytest.raises(Exception, match="sd-1"):
        denoise(studio, models.sdxl, ip_adapter=unit(studio, models.plain))


def steps_of(pipe: Any, begin: float | None, end: float = 1.0) -> list[torch.Tensor]:
    """Latents after each of 4 steps, with a plain adapter active from ``begin`` to ``end`` (None: none)."""
    positive, negative = pipe.encode_prompt("a circle", "cpu", 1, True, "")
    cond = batch_conditioning(
        BasicConditioning(positive), BasicConditioning(negative), pipe.unet.config,
        device=torch.device("cpu"), dtype=torch.float32,
    )  # fmt: skip
    seen: list[torch.Tensor] = []
    settings = DenoiseSettings(steps=4, cfg_scale=3.0, seed=1)

    def record(info: StepInfo) -> None:
        seen.append(info.latents.clone())

    inputs = LoopInputs(cond, make_noise(1, width=64, height=64), None, settings, on_step=record)
    scheduler = make_scheduler("euler", dict(pipe.scheduler.config))
    if begin is None:
        run_loop(pipe.unet, scheduler, inputs, generator=None)
        return seen
    parts = adapter_parts(ip_adapter_state(pipe.unet))
    cpu = torch.device("cpu")
    ip = make_unit(
        parts,
        clip_vision_encoder(),
        pattern(32),
        device=cpu,
        dtype=torch.float32,
        weight=1.0,
        begin=begin,
        end=end,
    )
    with ip_adapter_attention(pipe.unet, [ip], (8, 8), sdxl=False) as extension:
        inputs.extensions = [extension]
        run_loop(pipe.unet, scheduler, inputs, generator=None)
    return seen


def test_the_step_window_is_respected() -> None:
    pipe = sd1_pipeline()
    plain = steps_of(pipe, None)
    late = steps_of(pipe, 0.75)  # step 4 only (InvokeAI's rule: floor(begin * n) <= step <= ceil(end * n))
    assert all(torch.equal(a, b) for a, b in zip(plain[:3], late[:3], strict=True))
    assert not torch.allclose(plain[3], late[3], atol=1e-4)
    early = steps_of(pipe, 0.0, 0.25)  # steps 1 and 2
    assert not torch.allclose(plain[0], early[0], atol=1e-4)
