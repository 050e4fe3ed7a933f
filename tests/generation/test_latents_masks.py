"""Noise, latent operations, masks and the ideal size: small functions, exact expectations."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.latents_ops import blend_latents, ideal_size, resize_latents
from impasto.generation.masks import gradient_mask, mask_image, mask_tensor, masked_image, outpaint_canvas
from impasto.generation.noise import make_noise, normalise_seed, step_seed
from impasto.generation.sd.control import active, resize_control_image

torch.set_num_threads(1)


def test_noise_follows_invokeais_convention() -> None:
    noise = make_noise(123, width=512, height=768)
    expected = torch.randn(
        (1, 4, 96, 64), generator=torch.Generator("cpu").manual_seed(123), dtype=torch.float32, device="cpu"
    )
    assert torch.equal(noise, expected)
    assert torch.equal(make_noise(123 + 2**32, width=512, height=768), noise)  # seeds are uint32
    assert normalise_seed(-1) == 2**32 - 1
    assert step_seed(123) == 123 ^ 0xFFFFFFFF
    assert make_noise(1, width=64, height=32, factor=4, channels=16).shape == (1, 16, 8, 16)
    half = make_noise(1, width=64, height=64, dtype=torch.float16)
    assert half.dtype == torch.float16


def test_sizes_must_be_multiples_of_the_factor() -> None:
    with pytest.raises(InvalidInputError, match="multiples of 8"):
        make_noise(1, width=500, height=512)
    make_noise(1, width=500, height=512, factor=4)


def test_resize_and_blend() -> None:
    generator = torch.Generator().manual_seed(0)
    a, b = torch.randn(1, 4, 8, 8, generator=generator), torch.randn(1, 4, 8, 8, generator=generator)
    for mode in ("nearest", "bilinear", "bicubic", "area", "nearest-exact"):
        assert resize_latents(a, (16, 12), mode).shape == (1, 4, 16, 12)
    assert torch.equal(resize_latents(a, (16, 16), "nearest")[..., ::2, ::2], a)
    assert torch.allclose(blend_latents(a, b, 0.0, "slerp"), a, atol=1e-6)
    assert torch.allclose(blend_latents(a, b, 1.0, "slerp"), b, atol=1e-6)
    middle = blend_latents(a, b, 0.5, "slerp")
    assert middle.norm() > blend_latents(a, b, 0.5, "lerp").norm()  # slerp keeps noise's magnitude
    assert abs(middle.norm() - (a.norm() + b.norm()) / 2) < 0.05 * a.norm()
    with pytest.raises(InvalidInputError, match="different shapes"):
        blend_latents(a, a[..., :4], 0.5, "lerp")


def test_ideal_size_keeps_the_area_and_the_aspect() -> None:
    assert ideal_size(1, 1, 512) == (512, 512)
    assert ideal_size(16, 9, 1024) == (1360, 768)
    width, height = ideal_size(2, 3, 768)
    assert width % 8 == 0
    assert height % 8 == 0
    assert abs(width / height - 2 / 3) < 0.02
    assert abs(width * height - 768**2) / 768**2 < 0.03
    assert ideal_size(10, 1, 512) == (2560, 256)  # the short side stays at half the side
    assert ideal_size(1, 1, 64, multiplier=2) == (128, 128)


def test_masks_are_white_to_regenerate() -> None:
    mask = Image.new("L", (8, 8), 0)
    mask.paste(255, (4, 0, 8, 8))
    tensor = mask_tensor(mask)
    assert tensor.shape == (1, 1, 8, 8)
    assert tensor[..., 5].eq(1).all()
    assert tensor[..., 0].eq(0).all()
    assert mask_image(mask, invert=True).getpixel((0, 0)) == 255
    drawn = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    drawn.putpixel((1, 1), (0, 0, 0, 255))  # a mask drawn as opaque strokes on transparency
    assert mask_image(drawn).getpixel((1, 1)) == 255
    assert mask_image(drawn).getpixel((0, 0)) == 0
    image = torch.ones(1, 3, 8, 8)
    assert masked_image(image, tensor)[..., 5].eq(0).all()
    assert masked_image(image, tensor)[..., 0].eq(1).all()


def test_gradient_masks_fade_out_from_the_edge() -> None:
    mask = Image.new("L", (64, 64), 0)
    mask.paste(255, (32, 0, 64, 64))
    gradient, touched = gradient_mask(mask, edge_radius=16, minimum_denoise=0.2)
    row = np.asarray(gradient, dtype=float)[32] / 255
    assert (row[32:] == 1).all()  # inside: regenerate fully
    assert row[0] == 0  # far away: keep
    band = row[:32][row[:32] > 0]
    assert band.size > 4
    assert band.min() >= 0.2 - 1 / 255
    assert (np.diff(row[32 - band.size : 32]) >= 0).all()
    assert np.asarray(touched)[32, 31] == 255
    assert np.asarray(touched)[32, 0] == 0
    with pytest.raises(InvalidInputError, match="minimum_denoise"):
        gradient_mask(mask, 4, 1.5)


def test_outpaint_canvas_fills_the_border_and_masks_it() -> None:
    image = Image.new("RGBA", (4, 4), (200, 10, 10, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))  # a transparent hole is painted too
    canvas, mask = outpaint_canvas(image, left=2, top=1, right=0, bottom=3)
    assert canvas.size == mask.size == (6, 8)
    assert canvas.getpixel((0, 3)) == (200, 10, 10)  # edge pixels stretched
    assert mask.getpixel((0, 3)) == 255
    assert mask.getpixel((3, 2)) == 0
    assert mask.getpixel((2, 1)) == 255
    colored, _ = outpaint_canvas(
        image.convert("RGB"), left=1, top=0, right=0, bottom=0, fill="color", color=(1, 2, 3)
    )
    assert colored.getpixel((0, 0)) == (1, 2, 3)
    assert colored.getpixel((1, 1)) == (200, 10, 10)


def test_control_windows_and_resizing() -> None:
    assert [active(0.0, 1.0, (i, 10)) for i in (0, 9)] == [True, True]
    assert [active(0.5, 0.7, (i, 10)) for i in (4, 5, 7, 8)] == [False, True, True, False]
    edges = Image.new("RGB", (100, 50))
    for x in range(0, 100, 10):
        edges.putpixel((x, 25), (255, 255, 255))  # thin lines survive shrinking
    shrunk = resize_control_image(edges, 50, 25, "just_resize")
    values = np.asarray(shrunk)
    assert shrunk.size == (50, 25)
    assert (values[12] == 255).all(axis=-1).sum() == 10
    assert set(np.unique(values)) <= {0, 255}
    cropped = resize_control_image(Image.new("RGB", (100, 50), (9, 9, 9)), 40, 40, "crop_resize")
    assert cropped.size == (40, 40)
    assert cropped.getpixel((0, 0)) == (9, 9, 9)
    filled = resize_control_image(Image.new("RGB", (100, 50), (9, 9, 9)), 40, 40, "fill_resize")
    assert filled.getpixel((0, 0)) == (0, 0, 0)
    assert filled.getpixel((20, 20)) == (9, 9, 9)
    assert math.isclose(resize_control_image(edges, 80, 60, "just_resize_simple").size[0], 80)
