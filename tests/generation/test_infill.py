"""Infill methods on a 64 px image in the middle of a 96 px canvas whose 16 px border is transparent: every
method fills the whole border, keeps the image's pixels exactly and repeats itself for a seed."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image

from impasto.errors import InvalidInputError
from impasto.generation.infill import (
    infill_color,
    infill_cv2,
    infill_patchmatch,
    infill_tile,
    opaque_windows,
)
from impasto.generation.masks import apply_mask_to_image, expand_mask_with_fade, mask_from_alpha

HIDDEN = (255, 0, 255)  # the colour under the transparent border; the content never uses it
BORDER = 16


def canvas(seed: int = 0) -> Image.Image:
    """A 96 px RGBA canvas: 8 px blocks of random colours in the middle 64 px, transparent around."""
    blocks = np.random.default_rng(seed).integers(0, 200, (8, 8, 3), dtype=np.uint8)
    content = blocks.repeat(8, 0).repeat(8, 1)
    rgba = np.zeros((96, 96, 4), dtype=np.uint8)
    rgba[..., :3] = HIDDEN
    rgba[BORDER:-BORDER, BORDER:-BORDER, :3] = content
    rgba[BORDER:-BORDER, BORDER:-BORDER, 3] = 255
    return Image.fromarray(rgba, mode="RGBA")


def border(image: Image.Image) -> np.ndarray:
    """The border pixels of a 96 px image, (N, 3)."""
    pixels = np.asarray(image)[..., :3]
    inside = np.zeros(pixels.shape[:2], dtype=bool)
    inside[BORDER:-BORDER, BORDER:-BORDER] = True
    result: np.ndarray = pixels[~inside]
    return result


Method = Callable[[Image.Image], Image.Image]
METHODS: dict[str, Method] = {
    "color": lambda image: infill_color(image, (10, 20, 30)),
    "telea": lambda image: infill_cv2(image, method="telea", radius=5),
    "navier_stokes": lambda image: infill_cv2(image, method="navier_stokes", radius=5),
    "tile": lambda image: infill_tile(image, tile_size=16, seed=3),
    "patchmatch": lambda image: infill_patchmatch(image, patch_size=3, seed=3),
}


@pytest.mark.parametrize("name", METHODS)
def test_fills_the_border_and_keeps_the_image(name: str) -> None:
    source = canvas()
    filled = METHODS[name](source)
    assert (filled.mode, filled.size) == ("RGB", (96, 96))
    original = np.asarray(source)[BORDER:-BORDER, BORDER:-BORDER, :3]
    assert np.array_equal(np.asarray(filled)[BORDER:-BORDER, BORDER:-BORDER], original)
    assert not (border(filled) == HIDDEN).all(axis=1).any()  # nothing left of what transparency hid
    assert np.array_equal(np.asarray(METHODS[name](source)), np.asarray(filled))


def test_color_fills_with_the_color() -> None:
    assert (border(METHODS["color"](canvas())) == (10, 20, 30)).all()


def test_cv2_methods_differ_and_continue_the_edge() -> None:
    telea, ns = METHODS["telea"](canvas()), METHODS["navier_stokes"](canvas())
    assert not np.array_equal(np.asarray(telea), np.asarray(ns))
    # the pixel just outside the image continues the image's edge pixel next to it
    edge, outside = np.asarray(telea)[48, BORDER].astype(int), np.asarray(telea)[48, BORDER - 1].astype(int)
    assert np.abs(edge - outside).max() < 40


def test_tile_uses_only_the_images_colors_and_the_seed() -> None:
    source = canvas()
    colors = {tuple(c) for c in np.asarray(source)[BORDER:-BORDER, BORDER:-BORDER, :3].reshape(-1, 3)}
    filled = infill_tile(source, tile_size=16, seed=3)
    assert {tuple(c) for c in border(filled)} <= colors
    other = infill_tile(source, tile_size=16, seed=4)
    assert not np.array_equal(np.asarray(other), np.asarray(filled))


def test_tile_needs_an_opaque_square_of_its_size() -> None:
    with pytest.raises(InvalidInputError, match="no 65x65 square"):
        infill_tile(canvas(), tile_size=65)
    alpha = np.asarray(canvas().getchannel("A"))
    assert len(opaque_windows(alpha, 64)) == 1
    assert len(opaque_windows(alpha, 63)) == 4


def test_patchmatch_seeds_and_downscale() -> None:
    source = canvas()
    small = infill_patchmatch(source, patch_size=3, seed=3, downscale=2)
    assert small.size == (96, 96)
    assert np.array_equal(
        np.asarray(small)[BORDER:-BORDER, BORDER:-BORDER], np.asarray(source)[16:80, 16:80, :3]
    )


def test_half_transparent_pixels_blend_into_the_fill() -> None:
    image = Image.new("RGBA", (8, 8), (200, 0, 0, 255))
    image.putpixel((0, 0), (200, 0, 0, 128))
    image.putpixel((1, 0), (0, 0, 0, 0))
    filled = infill_color(image, (0, 0, 100))
    assert filled.getpixel((0, 0)) == (100, 0, 50)
    assert filled.getpixel((1, 0)) == (0, 0, 100)
    assert filled.getpixel((5, 5)) == (200, 0, 0)


@pytest.mark.parametrize("name", ["telea", "navier_stokes", "tile", "patchmatch"])
def test_methods_that_need_content_refuse_an_empty_canvas(name: str) -> None:
    with pytest.raises(InvalidInputError, match="has none; use the color infill"):
        METHODS[name](Image.new("RGBA", (32, 32), (0, 0, 0, 0)))
    assert border(METHODS["color"](Image.new("RGBA", (96, 96)))).tolist()[0] == [10, 20, 30]


@pytest.mark.parametrize("name", METHODS)
def test_an_image_without_alpha_is_refused(name: str) -> None:
    with pytest.raises(InvalidInputError, match=r"needs an image with an alpha channel.*this one is RGB"):
        METHODS[name](canvas().convert("RGB"))


def test_mask_from_alpha_whitens_what_is_transparent() -> None:
    mask = mask_from_alpha(canvas())
    assert mask.mode == "L"
    assert mask.getpixel((0, 0)) == 255
    assert mask.getpixel((48, 48)) == 0
    assert mask_from_alpha(canvas(), invert=True).getpixel((0, 0)) == 0
    assert mask_from_alpha(Image.new("RGB", (4, 4))).getextrema() == (0, 0)


def test_expand_mask_with_fade_grows_a_soft_edge() -> None:
    mask = Image.new("L", (64, 8), 0)
    mask.paste(255, (0, 0, 16, 8))
    faded = np.asarray(expand_mask_with_fade(mask, fade_size_px=8))[4]
    assert (faded[:16] == 255).all()
    assert (np.diff(faded[15:25].astype(int)) < 0).all()  # falling steadily over the 8 px band
    assert (faded[24:] == 0).all()
    hard = np.asarray(expand_mask_with_fade(mask, fade_size_px=0))
    assert np.array_equal(hard, np.asarray(mask))
    grey = Image.new("L", (8, 8), 100)
    assert expand_mask_with_fade(grey, threshold=100, fade_size_px=4).getextrema() == (0, 0)
    assert expand_mask_with_fade(grey, threshold=99, fade_size_px=4).getextrema() == (255, 255)


def test_apply_mask_to_image_sets_alpha() -> None:
    image = Image.new("RGB", (4, 4), (1, 2, 3))
    mask = Image.new("L", (4, 4), 0)
    mask.putpixel((0, 0), 255)
    cut = apply_mask_to_image(image, mask)
    assert cut.getpixel((0, 0)) == (1, 2, 3, 255)
    assert cut.getpixel((1, 1)) == (1, 2, 3, 0)
    assert apply_mask_to_image(image, mask, invert=True).getpixel((1, 1)) == (1, 2, 3, 255)
    with pytest.raises(InvalidInputError, match="the mask is 2x2 but the image is 4x4"):
        apply_mask_to_image(image, Image.new("L", (2, 2)))
