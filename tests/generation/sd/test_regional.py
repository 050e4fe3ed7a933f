"""Regional prompts with the bundled demo model (which draws "a <colour> <shape> on a <colour> background")
and the tiny SDXL model: each prompt conditions only its region, one region over the whole image is the
plain prompt, masks of another size are resized, anything not a mask is refused, and the UNet's attention
processors are restored after the run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.nodes.latents import LatentsToImageNode, NoiseNode
from impasto.nodes.refs import ConditioningField, ModelRef, TensorField
from impasto.nodes.region_masks import AlphaMaskToTensorNode, ImageMaskToTensorNode
from impasto.nodes.sd.denoise import DenoiseLatentsNode
from impasto.nodes.sd.models import MainModelLoaderNode, SDXLModelLoaderNode
from impasto.nodes.sd.prompts import CompelNode, SDXLCompelPromptNode
from impasto.nodes.types import ImageField
from tests.generation.helpers import DEMO_MODEL, Studio, make_services
from tests.models.factory import write_sdxl_diffusers

torch.set_num_threads(1)
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RED = "a red circle on a white background"
BLUE = "a blue square on a white background"
SEEDS = (0, 1, 2, 3, 4)


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Studio]:
    built = Studio(make_services(tmp_path_factory.mktemp("regional") / "root"))
    try:
        yield built
    finally:
        built.services.close()


@pytest.fixture(scope="module")
def demo(studio: Studio) -> Any:
    return studio.invoke(MainModelLoaderNode(id="m", model=ModelRef(key=studio.install(DEMO_MODEL).key)))


def half_image(left: bool, size: int = 64) -> Image.Image:
    image = Image.new("L", (size, size), 0)
    image.paste(255, (0, 0, size // 2, size) if left else (size // 2, 0, size, size))
    return image


def half(studio: Studio, left: bool, size: int = 64) -> TensorField:
    image = studio.save_image(half_image(left, size))
    mask: TensorField = studio.invoke(ImageMaskToTensorNode(id="k", image=image)).mask
    return mask


def prompt(studio: Studio, model: Any, text: str, mask: Any = None, **extra: Any) -> ConditioningField:
    node = CompelNode(id="p", prompt=text, clip=model.clip, mask=mask, **extra)
    field: ConditioningField = studio.invoke(node).conditioning
    return field


def denoise(studio: Studio, model: Any, positive: Any, negative: Any, seed: int = 2) -> Any:
    noise = studio.invoke(NoiseNode(id="n", seed=seed, width=64, height=64, vae=model.vae)).latents
    node = DenoiseLatentsNode(
        id="d", positive_conditioning=positive, negative_conditioning=negative, noise=noise,
        unet=model.unet, steps=12, cfg_scale=5.0, scheduler="dpmpp_2m",
    )  # fmt: skip
    return studio.invoke(node).latents


def latents(studio: Studio, model: Any, positive: Any, negative: Any, seed: int = 2) -> torch.Tensor:
    return studio.latents(denoise(studio, model, positive, negative, seed))


def image(studio: Studio, model: Any, positive: Any, negative: Any, seed: int) -> np.ndarray[Any, Any]:
    decoded = studio.invoke(
        LatentsToImageNode(id="l", latents=denoise(studio, model, positive, negative, seed), vae=model.vae)
    )
    return np.asarray(studio.image(decoded.image).convert("RGB"), dtype=np.int64)


def counts(pixels: np.ndarray[Any, Any]) -> dict[str, tuple[int, int]]:
    """(red, blue) pixel counts in the left and right halves."""
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    red = (r > g + 60) & (r > b + 60)
    blue = (b > r + 60) & (b > g + 60)
    width = pixels.shape[1] // 2
    return {
        "left": (int(red[:, :width].sum()), int(blue[:, :width].sum())),
        "right": (int(red[:, width:].sum()), int(blue[:, width:].sum())),
    }


def redness(pixels: np.ndarray[Any, Any]) -> tuple[float, float]:
    """Mean red minus blue over the left and right halves."""
    difference = pixels[..., 0] - pixels[..., 2]
    width = pixels.shape[1] // 2
    return float(difference[:, :width].mean()), float(difference[:, width:].mean())


def test_each_prompt_draws_in_its_own_half(studio: Studio, demo: Any) -> None:
    positive = [
        prompt(studio, demo, RED, half(studio, True)),
        prompt(studio, demo, BLUE, half(studio, False)),
    ]
    negative = prompt(studio, demo, "")
    totals = {"left": np.zeros(2, dtype=np.int64), "right": np.zeros(2, dtype=np.int64)}
    for seed in SEEDS:
        pixels = image(studio, demo, positive, negative, seed)
        left, right = redness(pixels)
        assert left > right, f"seed {seed}: red should lean left, blue right ({left:.1f} vs {right:.1f})"
        for side, found in counts(pixels).items():
            totals[side] += found
    (left_red, left_blue), (right_red, right_blue) = totals["left"], totals["right"]
    assert left_red > 500, totals
    assert left_red > 10 * left_blue, totals
    assert right_blue > 500, totals
    assert right_blue > 10 * right_red, totals
    swapped = [prompt(studio, demo, RED, half(studio, False)), prompt(studio, demo, BLUE, half(studio, True))]
    left, right = redness(image(studio, demo, swapped, negative, 2))
    assert left < right, "with the masks swapped, red should lean right"


def test_one_region_over_the_whole_image_is_the_plain_prompt(studio: Studio, demo: Any) -> None:
    everywhere = studio.save_image(Image.new("L", (64, 64), 255))
    full = studio.invoke(ImageMaskToTensorNode(id="k", image=everywhere)).mask
    negative = prompt(studio, demo, "")
    plain = latents(studio, demo, prompt(studio, demo, RED), negative)
    region = latents(studio, demo, [prompt(studio, demo, RED, full)], negative)
    torch.testing.assert_close(region, plain, rtol=0, atol=1e-5)
    with_global = latents(
        studio, demo, [prompt(studio, demo, BLUE), prompt(studio, demo, RED, full)], negative
    )
    torch.testing.assert_close(
        with_global, plain, rtol=0, atol=1e-5
    )  # no pixel is left for the global prompt


def test_a_list_without_masks_is_the_plain_path(studio: Studio, demo: Any) -> None:
    positive, negative = prompt(studio, demo, RED), prompt(studio, demo, "")
    plain = latents(studio, demo, positive, negative)
    assert torch.equal(latents(studio, demo, [positive], [negative]), plain)


def test_the_global_prompt_fills_what_no_region_covers(studio: Studio, demo: Any) -> None:
    negative = prompt(studio, demo, "")
    blue_right = prompt(studio, demo, BLUE, half(studio, False))
    with_red = image(studio, demo, [prompt(studio, demo, RED), blue_right], negative, 2)
    with_blue = image(studio, demo, [prompt(studio, demo, BLUE), blue_right], negative, 2)
    assert redness(with_red)[0] > redness(with_blue)[0] + 20


def test_a_mask_of_another_size_is_resized(studio: Studio, demo: Any) -> None:
    negative = prompt(studio, demo, "")
    big = [prompt(studio, demo, RED, half(studio, True)), prompt(studio, demo, BLUE, half(studio, False))]
    small = [
        prompt(studio, demo, RED, half(studio, True, 16)),
        prompt(studio, demo, BLUE, half(studio, False, 16)),
    ]
    torch.testing.assert_close(latents(studio, demo, small, negative), latents(studio, demo, big, negative))


def test_a_mask_image_works_like_its_tensor(studio: Studio, demo: Any) -> None:
    negative = prompt(studio, demo, "")
    images = [studio.save_image(half_image(left)) for left in (True, False)]
    by_image = [prompt(studio, demo, text, field) for text, field in zip((RED, BLUE), images, strict=True)]
    by_tensor = [
        prompt(studio, demo, RED, half(studio, True)),
        prompt(studio, demo, BLUE, half(studio, False)),
    ]
    assert torch.equal(latents(studio, demo, by_image, negative), latents(studio, demo, by_tensor, negative))


def test_anything_but_a_mask_is_refused(studio: Studio, demo: Any) -> None:
    noise = studio.invoke(NoiseNode(id="n", seed=1, width=64, height=64, vae=demo.vae)).latents
    with pytest.raises(InvalidInputError, match=r"has shape \(1, 4, 16, 16\), not a mask's"):
        prompt(studio, demo, RED, TensorField(tensor_name=noise.latents_name))
    conditioning = prompt(studio, demo, RED)
    with pytest.raises(InvalidInputError, match="is a dict, not a mask tensor"):
        prompt(studio, demo, RED, TensorField(tensor_name=conditioning.conditioning_name))
    out_of_range = studio.services.resources.tensors.save(torch.full((1, 8, 8), 3.0))
    with pytest.raises(InvalidInputError, match="values outside 0 to 1"):
        prompt(studio, demo, RED, TensorField(tensor_name=out_of_range))
    with pytest.raises(InvalidInputError, match="collection is empty"):
        latents(studio, demo, [], conditioning)


def test_auto_negative_pushes_the_prompt_out_of_the_rest(studio: Studio, demo: Any) -> None:
    negative = prompt(studio, demo, "")
    plain = [prompt(studio, demo, RED, half(studio, True)), prompt(studio, demo, BLUE, half(studio, False))]
    auto = [
        prompt(studio, demo, RED, half(studio, True), auto_negative=True),
        prompt(studio, demo, BLUE, half(studio, False), auto_negative=True),
    ]
    assert not torch.allclose(latents(studio, demo, auto, negative), latents(studio, demo, plain, negative))
    # The red prompt's auto-negative is the red prompt as a negative on the right half.
    regional_negative = [negative, prompt(studio, demo, RED, half(studio, False))]
    assert torch.allclose(
        latents(studio, demo, auto[:1] + plain[1:], negative),
        latents(studio, demo, plain, regional_negative),
        atol=1e-5,
    )


def test_alpha_masks_and_processors_restored(studio: Studio, demo: Any) -> None:
    layer = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    layer.paste((255, 0, 0, 255), (0, 0, 32, 64))
    out = studio.invoke(AlphaMaskToTensorNode(id="a", image=studio.save_image(layer)))
    mask = studio.tensor(out.mask.tensor_name)
    assert (out.width, out.height) == (64, 64)
    assert mask.dtype == torch.bool
    assert mask[0, :, :32].all()
    assert not mask[0, :, 32:].any()
    unet = studio.services.resources.models.load(demo.unet.unet.key, "unet").model
    before = {name: type(p) for name, p in unet.attn_processors.items()}
    latents(studio, demo, [prompt(studio, demo, RED, out.mask)], prompt(studio, demo, ""))
    assert {name: type(p) for name, p in unet.attn_processors.items()} == before


def test_sdxl_runs_with_regions(studio: Studio, tmp_path_factory: pytest.TempPathFactory) -> None:
    key = studio.install(write_sdxl_diffusers(tmp_path_factory.mktemp("xl") / "xl")).key
    model = studio.invoke(SDXLModelLoaderNode(id="m", model=ModelRef(key=key)))

    def xl(text: str, mask: Any = None, **extra: Any) -> ConditioningField:
        node = SDXLCompelPromptNode(
            id="p", prompt=text, clip=model.clip, clip2=model.clip2, mask=mask,
            target_width=64, target_height=64, **extra,
        )  # fmt: skip
        field: ConditioningField = studio.invoke(node).conditioning
        return field

    def run(positive: Any) -> torch.Tensor:
        noise = studio.invoke(NoiseNode(id="n", seed=3, width=64, height=64)).latents
        node = DenoiseLatentsNode(
            id="d", positive_conditioning=positive, negative_conditioning=xl(""), noise=noise,
            unet=model.unet, steps=3, cfg_scale=5.0, scheduler="euler",
        )  # fmt: skip
        return studio.latents(studio.invoke(node).latents)

    plain = run(xl("a red circle"))
    regional = run([xl("a cat"), xl("a red circle", half(studio, True), auto_negative=True)])
    assert regional.shape == plain.shape
    assert torch.isfinite(regional).all()
    assert not torch.allclose(regional, plain)
    everywhere = ImageField(image_name=studio.save_image(Image.new("L", (64, 64), 255)).image_name)
    torch.testing.assert_close(run([xl("a red circle", everywhere)]), plain, rtol=0, atol=1e-5)


def test_attention_maps_are_the_latents_halved_rounding_up() -> None:
    from impasto.generation.sd.regional import attention_size

    assert attention_size((9, 13), 9 * 13) == (9, 13)
    assert attention_size((9, 13), 5 * 7) == (5, 7)
    assert attention_size((9, 13), 3 * 4) == (3, 4)
    with pytest.raises(ValueError, match="no halving"):
        attention_size((9, 13), 20)
