"""The denoise node with tiny real SD 1.x models: text and image to image, inpainting (any model and a
9-channel one), outpainting, LoRA, ControlNet, T2I-Adapter, seamless tiling, guidance settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.runtime import ModelMismatchError
from impasto.generation.sd.lora import LoRAIncompatibleError
from impasto.models.identity import ModelRecord
from impasto.nodes.latents import CreateDenoiseMaskNode, ImageToLatentsNode, NoiseNode, OutpaintCanvasNode
from impasto.nodes.refs import ControlField, DenoiseMaskField, LatentsField, LoRARef, ModelRef, VAEField
from impasto.nodes.sd.control import ControlNetNode, T2IAdapterNode
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import LoRALoaderNode, MainModelLoaderNode, SeamlessNode
from tests.generation.helpers import Studio, make_services, pattern, unet_hook
from tests.models.factory import write_controlnet, write_lora, write_sd1_diffusers, write_t2i_adapter

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Models:
    """Keys of the installed tiny models."""

    def __init__(self, studio: Studio, folder: Path) -> None:
        self.sd1 = studio.install(write_sd1_diffusers(folder / "sd1"))
        self.inpaint = studio.install(write_sd1_diffusers(folder / "sd1-inpaint", variant="inpaint"))
        self.controlnet = studio.install(write_controlnet(folder / "controlnet"))
        self.controlnet_xl = studio.install(write_controlnet(folder / "controlnet-xl", base="sdxl"))
        self.adapter = studio.install(write_t2i_adapter(folder / "adapter"))
        self.lora = studio.install(write_lora(folder / "lora.safetensors", style="lokr", seed=3))
        self.lora_xl = studio.install(write_lora(folder / "lora-xl.safetensors", base="sdxl"))


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    services = make_services(tmp_path_factory.mktemp("denoise") / "root")
    try:
        yield Studio(services)
    finally:
        services.close()


@pytest.fixture(scope="module")
def models(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> Models:
    return Models(studio, tmp_path_factory.mktemp("models"))


def loader(studio: Studio, record: ModelRecord) -> Any:
    return studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=record.key)))


def noise(studio: Studio, seed: int = 7, size: int = 64) -> LatentsField:
    out = studio.invoke(NoiseNode(id="n", seed=seed, width=size, height=size))
    field: LatentsField = out.latents
    return field


def encoded(studio: Studio, record: ModelRecord, image: Image.Image) -> LatentsField:
    vae = VAEField(vae=ModelRef(key=record.key, submodel="vae"))
    out = studio.invoke(ImageToLatentsNode(id="e", image=studio.save_image(image), vae=vae))
    field: LatentsField = out.latents
    return field


def denoise(studio: Studio, record: ModelRecord, **inputs: Any) -> torch.Tensor:
    """Run the denoise node (default: 3 Euler steps, text to image from seed 7) and return its latents."""
    unet = inputs.pop("unet", None) or loader(studio, record).unet
    values: dict[str, Any] = {
        "positive_conditioning": studio.conditioning(record.key, "a red circle"),
        "negative_conditioning": studio.conditioning(record.key, ""),
        "unet": unet,
        "steps": 3,
        "cfg_scale": 4.0,
        "scheduler": "euler",
    }
    if "latents" not in inputs:
        values["noise"] = noise(studio)
    values.update(inputs)
    out = studio.invoke(DenoiseLatentsNode(id="d", **values))
    return studio.latents(out.latents)


def unet_weights(studio: Studio, record: ModelRecord) -> dict[str, torch.Tensor]:
    unet = studio.services.resources.models.load(record.key, "unet").model
    return {name: tensor.clone() for name, tensor in unet.state_dict().items()}


def count_calls(studio: Studio, record: ModelRecord) -> tuple[list[tuple[int, ...]], Any]:
    shapes: list[tuple[int, ...]] = []
    handle = studio.services.resources.models.load(record.key, "unet").model.register_forward_pre_hook(
        lambda module, args, kwargs: shapes.append(tuple(args[0].shape)), with_kwargs=True
    )
    return shapes, handle


def test_text_to_image_is_deterministic_per_seed(studio: Studio, models: Models) -> None:
    first = denoise(studio, models.sd1)
    assert first.shape == (1, 4, 8, 8)
    assert torch.equal(first, denoise(studio, models.sd1))
    assert not torch.equal(first, denoise(studio, models.sd1, noise=noise(studio, seed=8)))


def test_image_to_image_runs_the_strength_share_of_the_steps(studio: Studio, models: Models) -> None:
    source = encoded(studio, models.sd1, pattern())
    shapes, handle = count_calls(studio, models.sd1)
    try:
        result = denoise(
            studio, models.sd1, latents=source, noise=noise(studio), steps=10, denoising_start=0.6
        )
    finally:
        handle.remove()
    assert len(shapes) == 4  # strength 0.4 of 10 steps
    original = studio.latents(source)
    text_only = denoise(studio, models.sd1, steps=10)
    assert (result - original).abs().mean() < (text_only - original).abs().mean()


def test_guidance_settings_are_validated_and_used(studio: Studio, models: Models) -> None:
    plain = denoise(studio, models.sd1)
    per_step = denoise(studio, models.sd1, cfg_scale=[4.0, 4.0, 4.0])
    assert torch.equal(plain, per_step)
    assert not torch.equal(plain, denoise(studio, models.sd1, cfg_scale=[4.0, 1.0, 8.0]))
    assert not torch.equal(plain, denoise(studio, models.sd1, cfg_rescale_multiplier=0.7))
    with pytest.raises(InvalidInputError, match="cfg_scale has 2 values but this run has 3 steps"):
        denoise(studio, models.sd1, cfg_scale=[4.0, 4.0])
    with pytest.raises(InvalidInputError, match="denoising_start"):
        denoise(studio, models.sd1, denoising_start=0.5, denoising_end=0.5)
    with pytest.raises(InvalidInputError, match="connect the 'latents' input"):
        denoise(studio, models.sd1, denoising_start=0.5)
    with pytest.raises(ValueError, match=r"unknown scheduler 'fast'.*dpmpp_2m"):
        denoise(studio, models.sd1, scheduler="fast")


def half_mask(size: int = 64) -> Image.Image:
    """White (regenerate) on the right half."""
    mask = Image.new("L", (size, size), 0)
    mask.paste(255, (size // 2, 0, size, size))
    return mask


def test_inpainting_with_an_ordinary_model_keeps_the_unmasked_region(studio: Studio, models: Models) -> None:
    source = encoded(studio, models.sd1, pattern())
    mask = studio.invoke(CreateDenoiseMaskNode(id="k", mask=studio.save_image(half_mask()))).denoise_mask
    result = denoise(studio, models.sd1, latents=source, noise=noise(studio), denoise_mask=mask)
    original = studio.latents(source)
    assert torch.equal(result[..., :4], original[..., :4])
    assert (result[..., 4:] - original[..., 4:]).abs().mean() > 0.1


def test_gradient_masks_regenerate_progressively(studio: Studio, models: Models) -> None:
    source = encoded(studio, models.sd1, pattern())
    values = torch.zeros(1, 1, 64, 64)
    values[..., 16:] = 0.5  # half strength in the middle
    values[..., 48:] = 1.0
    stored = studio.services.resources.tensors.save(values)
    mask = DenoiseMaskField(mask_name=stored, gradient=True)
    result = denoise(studio, models.sd1, latents=source, noise=noise(studio), steps=6, denoise_mask=mask)
    original = studio.latents(source)
    change = (result - original).abs().mean(dim=(0, 1, 2))  # per latent column
    assert torch.equal(result[..., :2], original[..., :2])
    assert 0 < change[2:6].mean() < change[6:].mean()


def test_a_9_channel_inpainting_model_gets_mask_and_masked_latents(studio: Studio, models: Models) -> None:
    image = studio.save_image(pattern())
    vae = VAEField(vae=ModelRef(key=models.inpaint.key, submodel="vae"))
    mask_node = CreateDenoiseMaskNode(id="k", mask=studio.save_image(half_mask()), image=image, vae=vae)
    mask = studio.invoke(mask_node).denoise_mask
    assert mask.masked_latents_name is not None
    source = encoded(studio, models.inpaint, pattern())
    shapes, handle = count_calls(studio, models.inpaint)
    try:
        result = denoise(studio, models.inpaint, latents=source, noise=noise(studio), denoise_mask=mask)
        text_to_image = denoise(studio, models.inpaint)  # no mask: regenerates everything
    finally:
        handle.remove()
    assert shapes[0] == (2, 9, 8, 8)
    original = studio.latents(source)
    assert torch.equal(result[..., :4], original[..., :4])
    assert text_to_image.shape == (1, 4, 8, 8)
    no_image = studio.invoke(CreateDenoiseMaskNode(id="k", mask=studio.save_image(half_mask()))).denoise_mask
    with pytest.raises(InvalidInputError, match="inpainting model"):
        denoise(studio, models.inpaint, latents=source, noise=noise(studio), denoise_mask=no_image)


def test_outpainting_paints_only_the_new_border(studio: Studio, models: Models) -> None:
    small = studio.save_image(pattern(size=48))
    canvas = studio.invoke(OutpaintCanvasNode(id="o", image=small, left=16, right=0, top=16, bottom=0))
    assert (canvas.width, canvas.height) == (64, 64)
    mask_image = studio.image(canvas.mask)
    assert mask_image.getpixel((0, 0)) == 255
    assert mask_image.getpixel((40, 40)) == 0
    mask = studio.invoke(CreateDenoiseMaskNode(id="k", mask=canvas.mask)).denoise_mask
    vae = VAEField(vae=ModelRef(key=models.sd1.key, submodel="vae"))
    source = studio.invoke(ImageToLatentsNode(id="e", image=canvas.image, vae=vae)).latents
    result = denoise(studio, models.sd1, latents=source, noise=noise(studio), denoise_mask=mask)
    original = studio.latents(source)
    assert torch.equal(result[..., 2:, 2:], original[..., 2:, 2:])
    assert not torch.equal(result[..., :2, :], original[..., :2, :])


def test_a_lora_changes_the_image_and_leaves_the_cached_unet_untouched(
    studio: Studio, models: Models
) -> None:
    base = loader(studio, models.sd1)
    before = unet_weights(studio, models.sd1)
    plain = denoise(studio, models.sd1, unet=base.unet)
    with_lora = studio.invoke(
        LoRALoaderNode(id="l", lora=ModelRef(key=models.lora.key), weight=8.0, unet=base.unet)
    )
    adapted = denoise(studio, models.sd1, unet=with_lora.unet)
    assert not torch.allclose(adapted, plain, atol=1e-4)
    after = unet_weights(studio, models.sd1)
    assert all(torch.equal(before[name], after[name]) for name in before)
    assert torch.equal(denoise(studio, models.sd1, unet=base.unet), plain)
    with pytest.raises(InvalidInputError, match="for sdxl models"):
        studio.invoke(LoRALoaderNode(id="l", lora=ModelRef(key=models.lora_xl.key), unet=base.unet))
    with pytest.raises(InvalidInputError, match="already applied"):
        studio.invoke(LoRALoaderNode(id="l", lora=ModelRef(key=models.lora.key), unet=with_lora.unet))
    smuggled = base.unet.model_copy(
        update={"loras": (LoRARef(lora=ModelRef(key=models.lora_xl.key), weight=1.0),)}
    )
    with pytest.raises(LoRAIncompatibleError, match="cannot be applied to a sd-1 model"):
        denoise(studio, models.sd1, unet=smuggled)


def control(studio: Studio, models: Models, **inputs: Any) -> ControlField:
    image = studio.save_image(pattern(seed=2))
    node = ControlNetNode(id="c", image=image, control_model=ModelRef(key=models.controlnet.key), **inputs)
    field: ControlField = studio.invoke(node).control
    return field


def test_controlnet_guides_within_its_window_and_modes(studio: Studio, models: Models) -> None:
    plain = denoise(studio, models.sd1)
    guided = denoise(studio, models.sd1, control=control(studio, models, control_weight=2.0))
    assert not torch.allclose(guided, plain, atol=1e-4)
    assert torch.equal(
        denoise(studio, models.sd1, control=control(studio, models, control_weight=0.0)), plain
    )
    late = control(studio, models, control_weight=2.0, begin_step_percent=0.9, end_step_percent=1.0)
    assert not torch.equal(denoise(studio, models.sd1, control=late), guided)
    results = [guided]
    for mode in ("more_prompt", "more_control", "unbalanced"):
        unit = control(studio, models, control_weight=2.0, control_mode=mode)
        results.append(denoise(studio, models.sd1, control=[unit]))
    assert len({tuple(r.flatten().tolist()) for r in results}) == 4
    two = denoise(studio, models.sd1, control=[control(studio, models), control(studio, models)])
    assert not torch.equal(two, denoise(studio, models.sd1, control=control(studio, models)))
    wrong = ControlField.model_validate(
        {**control(studio, models).model_dump(), "control_model": {"key": models.controlnet_xl.key}}
    )
    with pytest.raises(ModelMismatchError, match="for sdxl models"):
        denoise(studio, models.sd1, control=wrong)


def test_t2i_adapter_guides_the_image(studio: Studio, models: Models) -> None:
    image = studio.save_image(pattern(seed=4))

    def unit(weight: float) -> Any:
        node = T2IAdapterNode(
            id="t", image=image, t2i_adapter_model=ModelRef(key=models.adapter.key), weight=weight
        )
        return studio.invoke(node).t2i_adapter

    plain = denoise(studio, models.sd1)
    assert not torch.allclose(denoise(studio, models.sd1, t2i_adapter=unit(1.5)), plain, atol=1e-4)
    assert torch.equal(denoise(studio, models.sd1, t2i_adapter=[unit(0.0)]), plain)


def test_seamless_tiling_wraps_the_unet_and_is_undone(studio: Studio, models: Models) -> None:
    base = loader(studio, models.sd1)
    tiled = studio.invoke(
        SeamlessNode(id="s", unet=base.unet, vae=base.vae, seamless_x=True, seamless_y=False)
    )
    assert tiled.unet.seamless_axes == ("x",)
    plain = denoise(studio, models.sd1, unet=base.unet)
    wrapped = denoise(studio, models.sd1, unet=tiled.unet)
    assert not torch.allclose(wrapped, plain, atol=1e-4)
    unet = studio.services.resources.models.load(models.sd1.key, "unet").model
    assert all("_conv_forward" not in vars(layer) for layer in unet.modules())
    assert torch.equal(denoise(studio, models.sd1, unet=base.unet), plain)


def test_the_unet_is_called_with_the_batched_guidance(studio: Studio, models: Models) -> None:
    seen: list[dict[str, Any]] = []
    handle = unet_hook(
        studio, models.sd1.key, lambda module, args, output: seen.append({"batch": args[0].shape[0]})
    )
    try:
        denoise(studio, models.sd1, cfg_scale=[4.0, 1.0, 4.0])
    finally:
        handle.remove()
    assert [call["batch"] for call in seen] == [2, 1, 2]  # scale 1 skips the negative pass
