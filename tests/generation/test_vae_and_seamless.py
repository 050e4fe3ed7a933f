"""Image ↔ latents through a VAE (tiling, float32 upcast on a copy) and seamless tiling of UNet and VAE."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from PIL import Image, ImageDraw

from impasto.errors import InvalidInputError
from impasto.generation.previews import SD_FACTORS, SDXL_FACTORS, known_preview
from impasto.generation.seamless import seamless
from impasto.generation.vae import decode, encode, image_to_tensor, prepared_vae, tensor_to_image
from tests.generation.helpers import DEMO_MODEL
from tests.models.factory import components as c

torch.set_num_threads(1)
CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def demo_vae() -> Any:
    from diffusers import AutoencoderKL

    load: Any = AutoencoderKL.from_pretrained
    vae = load(DEMO_MODEL / "vae", dtype=torch.float32)
    return vae.eval().requires_grad_(False)


def tiny_vae(seed: int = 0) -> Any:
    torch.manual_seed(seed)
    return c.vae().eval().requires_grad_(False)


def shapes_image() -> Image.Image:
    """What the demo model's VAE was trained on: flat shapes on a flat background."""
    image = Image.new("RGB", (64, 64), (30, 60, 200))
    ImageDraw.Draw(image).ellipse((12, 12, 44, 44), fill=(220, 40, 40))
    return image


def test_encode_and_decode_scale_like_diffusers_pipelines(demo_vae: Any) -> None:
    image = shapes_image()
    pixels = image_to_tensor(image)
    latents = encode(demo_vae, pixels, CPU)
    assert latents.shape == (1, 4, 16, 16)  # the demo VAE scales by 4
    scale = demo_vae.config.scaling_factor
    with torch.no_grad():
        assert torch.equal(
            latents, demo_vae.encode(pixels).latent_dist.mode() * scale
        )  # the mean: no sampling
        assert torch.equal(decode(demo_vae, latents, CPU), demo_vae.decode(latents / scale).sample)
    back = tensor_to_image(decode(demo_vae, latents, CPU))
    assert (image_to_tensor(back) - pixels).abs().mean() * 127.5 < 20  # a small VAE: roughly the image


def test_sizes_that_are_not_multiples_of_the_factor_are_refused(demo_vae: Any) -> None:
    with pytest.raises(InvalidInputError, match="multiples of 4"):
        encode(demo_vae, image_to_tensor(Image.new("RGB", (62, 64))), CPU)


def test_tiled_decoding_is_used_for_the_run_only(demo_vae: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    image = Image.new("RGB", (128, 128), (0, 0, 255))  # 32 latent pixels: two tiles of the demo VAE
    ImageDraw.Draw(image).ellipse((20, 20, 100, 100), fill=(255, 0, 0))
    latents = encode(demo_vae, image_to_tensor(image), CPU)
    whole = decode(demo_vae, latents, CPU)
    calls: list[int] = []
    original = demo_vae.tiled_decode

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(demo_vae, "tiled_decode", spy)
    with prepared_vae(demo_vae, device=CPU, fp32=False, tiled=True) as ready:
        tiled = decode(ready, latents, CPU)
    assert calls
    assert demo_vae.use_tiling is False
    assert tiled.shape == whole.shape == (1, 3, 128, 128)
    assert (tiled - whole).abs().mean() * 127.5 < 5  # blended tiles: close to decoding it whole


def test_a_half_precision_vae_runs_on_a_float32_copy() -> None:
    vae = tiny_vae().half()
    before = {k: v.clone() for k, v in vae.state_dict().items()}
    latents = torch.randn(1, 4, 8, 8, generator=torch.Generator().manual_seed(0))
    with prepared_vae(vae, device=CPU, fp32=False, tiled=False) as ready:
        assert ready is not vae
        assert next(ready.parameters()).dtype == torch.float32
        image = decode(ready, latents, CPU)
    assert next(vae.parameters()).dtype == torch.float16
    assert all(torch.equal(before[k], v) for k, v in vae.state_dict().items())
    reference = decode(tiny_vae().half().float(), latents, CPU)
    torch.testing.assert_close(image, reference)


def test_known_preview_factors_are_recognised_by_architecture() -> None:
    config: Any = type("Config", (), {"block_out_channels": (128, 256, 512, 512), "latent_channels": 4})
    config.scaling_factor = 0.18215
    assert known_preview(config).weights == SD_FACTORS  # type: ignore[union-attr]
    config.scaling_factor = 0.13025
    assert known_preview(config).weights == SDXL_FACTORS  # type: ignore[union-attr]
    assert known_preview(tiny_vae().config) is None  # tiny test VAEs get a fitted map


def rolled(tensor: torch.Tensor, shift: int) -> torch.Tensor:
    return torch.roll(tensor, shifts=shift, dims=-1)


def test_seamless_x_makes_the_vae_wrap_around_horizontally() -> None:
    """With circular padding, shifting the latents around shifts the image around, pixel for pixel."""
    vae = tiny_vae()
    latents = torch.randn(1, 4, 8, 8, generator=torch.Generator().manual_seed(1))
    with seamless(vae, ("x",)) as patched:
        assert patched > 0
        first = decode(vae, latents, CPU)
        shifted = decode(vae, rolled(latents, 3), CPU)
    torch.testing.assert_close(shifted, rolled(first, 3 * 8), atol=1e-4, rtol=1e-4)
    assert all("_conv_forward" not in vars(layer) for layer in vae.modules())
    plain, plain_shifted = decode(vae, latents, CPU), decode(vae, rolled(latents, 3), CPU)
    assert not torch.allclose(plain_shifted, rolled(plain, 3 * 8), atol=1e-2)


def test_seamless_unet_is_shift_equivariant_along_the_wrapped_axis() -> None:
    torch.manual_seed(0)
    unet = c.sd_unet(c.SD1_TEXT_WIDTH).eval()
    generator = torch.Generator().manual_seed(2)
    sample = torch.randn(1, 4, 8, 8, generator=generator)
    embeds = torch.randn(1, 77, c.SD1_TEXT_WIDTH, generator=generator)
    with torch.no_grad(), seamless(unet, ("x", "y")):
        out = unet(sample, 500, embeds).sample
        moved = unet(torch.roll(sample, (2, 4), dims=(-2, -1)), 500, embeds).sample
    torch.testing.assert_close(moved, torch.roll(out, (2, 4), dims=(-2, -1)), atol=1e-4, rtol=1e-4)
    with torch.no_grad():
        plain = unet(sample, 500, embeds).sample
    assert not torch.allclose(plain, out, atol=1e-3)
