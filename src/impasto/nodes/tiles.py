"""Tiles: cut an image size into overlapping rectangles, and merge processed tiles back into one image.

The types, ids, fields and tile layouts are InvokeAI's, so that its tiled upscaling workflows run: a
:class:`Tile` is a rectangle (``coords``) with how far it overlaps each neighbour (``overlap``); tiles are
listed left to right, top to bottom. A typical graph iterates over the tiles, crops each one
(``tile_to_properties`` gives its box), processes it, pairs the result with its tile
(``pair_tile_image``), collects the pairs and merges them (``merge_tiles_to_image``).
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from impasto.graph import BaseNode, BaseOutput, Input, InputField, NodeContext, OutputField, node
from impasto.nodes.image import MAX_SIDE, check_size, store_image
from impasto.nodes.types import ImageField, ImageOutput

MAX_TILES = 4096
"""The most tiles a layout may have; more are refused (they would be tiny or the image enormous)."""
LATENT_SCALE = 8
"""Sides of even-split tiles are multiples of this (one latent pixel of SD's VAE)."""
_TAGS = ("tiles",)


class TBLR(BaseModel):
    """Top, bottom, left and right, in pixels: a tile's box or its overlap on each side."""

    model_config = ConfigDict(extra="forbid")

    top: int = Field(ge=0, description="Top edge (or overlap at the top).")
    bottom: int = Field(ge=0, description="Bottom edge, excluded (or overlap at the bottom).")
    left: int = Field(ge=0, description="Left edge (or overlap at the left).")
    right: int = Field(ge=0, description="Right edge, excluded (or overlap at the right).")


class Tile(BaseModel):
    """One tile of an image: its box and how many pixels it shares with each neighbour."""

    model_config = ConfigDict(extra="forbid")

    coords: TBLR = Field(description="The tile's box in the whole image.")
    overlap: TBLR = Field(
        description="Pixels shared with the neighbour on each side (0 at the image's edge)."
    )


class TileWithImage(BaseModel):
    """A tile and the image made for it."""

    model_config = ConfigDict(extra="forbid")

    tile: Tile = Field(description="Where the image goes.")
    image: ImageField = Field(description="The tile's image, the tile's size.")


class CalculateImageTilesOutput(BaseOutput):
    """A tile layout."""

    tiles: list[Tile] = OutputField(description="The tiles covering the image, left to right, top to bottom.")


def _tile(top: int, bottom: int, left: int, right: int) -> Tile:
    zero = TBLR(top=0, bottom=0, left=0, right=0)
    return Tile(coords=TBLR(top=top, bottom=bottom, left=left, right=right), overlap=zero)


def _with_overlaps(starts_y: list[tuple[int, int]], starts_x: list[tuple[int, int]]) -> list[Tile]:
    """The grid of tiles with rows ``starts_y`` and columns ``starts_x`` (``(start, end)`` pairs), each tile's
    overlap set from its neighbours' edges."""
    if len(starts_y) * len(starts_x) > MAX_TILES:
        raise ValueError(f"the layout would have {len(starts_y) * len(starts_x)} tiles; at most {MAX_TILES}")
    tiles = [_tile(top, bottom, left, right) for top, bottom in starts_y for left, right in starts_x]
    columns = len(starts_x)
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        if row > 0:
            above = tiles[index - columns]
            tile.overlap.top = above.overlap.bottom = max(0, above.coords.bottom - tile.coords.top)
        if column > 0:
            before = tiles[index - 1]
            tile.overlap.left = before.overlap.right = max(0, before.coords.right - tile.coords.left)
    return tiles


def _fixed_spans(size: int, tile: int, overlap: int) -> list[tuple[int, int]]:
    """Spans of ``tile`` pixels stepping by ``tile - overlap``; the last one moves back to end at ``size``."""
    step = tile - overlap
    count = math.ceil((size - overlap) / step)
    return [(min(i * step, size - tile), min(i * step, size - tile) + tile) for i in range(count)]


def _even_spans(size: int, count: int, overlap: int) -> list[tuple[int, int]]:
    """``count`` spans of one multiple-of-8 length overlapping by ``overlap``; the last reaches ``size``."""
    if count == 1:
        return [(0, size)]
    length = LATENT_SCALE * (((size + overlap * (count - 1)) // count) // LATENT_SCALE)
    if overlap >= length:
        raise ValueError(f"an overlap of {overlap} pixels does not fit tiles of {length} pixels")
    spans = [(i * (length - overlap), min(i * (length - overlap) + length, size)) for i in range(count)]
    spans[-1] = (spans[-1][0], size)
    return spans


def _spread_spans(size: int, tile: int, min_overlap: int) -> list[tuple[int, int]]:
    """Spans of ``tile`` pixels spread evenly over ``size``, overlapping by at least ``min_overlap``."""
    tile = min(tile, size)
    count = math.ceil((size - min_overlap) / (tile - min_overlap)) if tile > min_overlap else 1
    if count == 1:
        return [(0, tile)]
    return [
        ((i * (size - tile)) // (count - 1), (i * (size - tile)) // (count - 1) + tile) for i in range(count)
    ]


def _size_input(default: int, description: str) -> int:
    field: int = InputField(default, ge=1, le=MAX_SIDE, description=description)
    return field


@node("calculate_image_tiles", title="Calculate Image Tiles", category="tiles", tags=_TAGS)
class CalculateImageTilesNode(BaseNode):
    """Tiles of one size covering an image, overlapping by ``overlap`` (the last row and column by more,
    so that they end at the image's edge)."""

    image_width: int = _size_input(1024, "The image width, in pixels, to calculate tiles for.")
    image_height: int = _size_input(1024, "The image height, in pixels, to calculate tiles for.")
    tile_width: int = _size_input(576, "The tile width, in pixels.")
    tile_height: int = _size_input(576, "The tile height, in pixels.")
    overlap: int = InputField(128, ge=0, le=MAX_SIDE, description="Pixels adjacent tiles share, at least.")

    def invoke(self, ctx: NodeContext) -> CalculateImageTilesOutput:
        for side in ("width", "height"):
            image, tile = getattr(self, f"image_{side}"), getattr(self, f"tile_{side}")
            if tile > image:
                raise ValueError(f"'tile_{side}' ({tile}) is larger than 'image_{side}' ({image})")
            if self.overlap >= tile:
                raise ValueError(f"'overlap' ({self.overlap}) must be less than 'tile_{side}' ({tile})")
        rows = _fixed_spans(self.image_height, self.tile_height, self.overlap)
        columns = _fixed_spans(self.image_width, self.tile_width, self.overlap)
        return CalculateImageTilesOutput(tiles=_with_overlaps(rows, columns))


@node(
    "calculate_image_tiles_even_split",
    title="Calculate Image Tiles Even Split",
    category="tiles",
    version="1.1.1",
    tags=_TAGS,
)
class CalculateImageTilesEvenSplitNode(BaseNode):
    """A grid of ``num_tiles_x`` by ``num_tiles_y`` tiles of equal size (multiples of 8) covering an image
    whose sides are multiples of 8, adjacent tiles sharing ``overlap`` pixels."""

    image_width: int = _size_input(1024, "The image width, in pixels (a multiple of 8).")
    image_height: int = _size_input(1024, "The image height, in pixels (a multiple of 8).")
    num_tiles_x: int = InputField(2, ge=1, le=256, description="Number of tiles across.")
    num_tiles_y: int = InputField(2, ge=1, le=256, description="Number of tiles down.")
    overlap: int = InputField(
        128, ge=0, le=MAX_SIDE, description="Pixels adjacent tiles share (a multiple of 8)."
    )

    def invoke(self, ctx: NodeContext) -> CalculateImageTilesOutput:
        for name in ("image_width", "image_height", "overlap"):
            if getattr(self, name) % LATENT_SCALE:
                raise ValueError(f"'{name}' ({getattr(self, name)}) must be a multiple of {LATENT_SCALE}")
        rows = _even_spans(self.image_height, self.num_tiles_y, self.overlap)
        columns = _even_spans(self.image_width, self.num_tiles_x, self.overlap)
        return CalculateImageTilesOutput(tiles=_with_overlaps(rows, columns))


@node(
    "calculate_image_tiles_min_overlap",
    title="Calculate Image Tiles Minimum Overlap",
    category="tiles",
    tags=_TAGS,
)
class CalculateImageTilesMinOverlapNode(BaseNode):
    """Tiles of one size spread evenly over an image, adjacent tiles sharing at least ``min_overlap``
    pixels (tiles larger than the image shrink to it)."""

    image_width: int = _size_input(1024, "The image width, in pixels, to calculate tiles for.")
    image_height: int = _size_input(1024, "The image height, in pixels, to calculate tiles for.")
    tile_width: int = _size_input(576, "The tile width, in pixels.")
    tile_height: int = _size_input(576, "The tile height, in pixels.")
    min_overlap: int = InputField(
        128, ge=0, le=MAX_SIDE, description="Pixels adjacent tiles share, at least."
    )

    def invoke(self, ctx: NodeContext) -> CalculateImageTilesOutput:
        for side in ("width", "height"):
            tile = getattr(self, f"tile_{side}")
            if self.min_overlap >= tile:
                raise ValueError(
                    f"'min_overlap' ({self.min_overlap}) must be less than 'tile_{side}' ({tile})"
                )
        rows = _spread_spans(self.image_height, self.tile_height, self.min_overlap)
        columns = _spread_spans(self.image_width, self.tile_width, self.min_overlap)
        return CalculateImageTilesOutput(tiles=_with_overlaps(rows, columns))


class TileToPropertiesOutput(BaseOutput):
    """A tile's box, size and overlaps as separate numbers."""

    coords_left: int = OutputField(description="Left edge of the tile in the whole image.")
    coords_right: int = OutputField(description="Right edge of the tile (excluded).")
    coords_top: int = OutputField(description="Top edge of the tile.")
    coords_bottom: int = OutputField(description="Bottom edge of the tile (excluded).")
    width: int = OutputField(description="The tile's width: coords_right - coords_left.")
    height: int = OutputField(description="The tile's height: coords_bottom - coords_top.")
    overlap_top: int = OutputField(description="Pixels shared with the tile above.")
    overlap_bottom: int = OutputField(description="Pixels shared with the tile below.")
    overlap_left: int = OutputField(description="Pixels shared with the tile on the left.")
    overlap_right: int = OutputField(description="Pixels shared with the tile on the right.")


@node("tile_to_properties", title="Tile to Properties", category="tiles", tags=_TAGS)
class TileToPropertiesNode(BaseNode):
    """Splits a tile into its numbers (to crop the image or latents to it)."""

    tile: Tile = InputField(description="The tile to split into properties.", input=Input.CONNECTION)

    def invoke(self, ctx: NodeContext) -> TileToPropertiesOutput:
        box, overlap = self.tile.coords, self.tile.overlap
        return TileToPropertiesOutput(
            coords_left=box.left,
            coords_right=box.right,
            coords_top=box.top,
            coords_bottom=box.bottom,
            width=box.right - box.left,
            height=box.bottom - box.top,
            overlap_top=overlap.top,
            overlap_bottom=overlap.bottom,
            overlap_left=overlap.left,
            overlap_right=overlap.right,
        )


class PairTileImageOutput(BaseOutput):
    """A tile with its image."""

    tile_with_image: TileWithImage = OutputField(description="The tile and the image made for it.")


@node("pair_tile_image", title="Pair Tile with Image", category="tiles", tags=_TAGS)
class PairTileImageNode(BaseNode):
    """Pairs a processed tile image with its tile, so that the merge knows where each image goes."""

    image: ImageField = InputField(description="The tile image.", input=Input.CONNECTION)
    tile: Tile = InputField(description="The tile it was made for.", input=Input.CONNECTION)

    def invoke(self, ctx: NodeContext) -> PairTileImageOutput:
        return PairTileImageOutput(tile_with_image=TileWithImage(tile=self.tile, image=self.image))


@node("merge_tiles_to_image", title="Merge Tiles to Image", category="tiles", version="1.1.1", tags=_TAGS)
class MergeTilesToImageNode(BaseNode):
    """Merges tile images into one image, blending where they overlap: Linear fades across the middle of
    each overlap; Seam cuts along the path where the two tiles differ least and softens the cut."""

    tiles_with_images: list[TileWithImage] = InputField(description="The tiles with their images.")
    blend_mode: Literal["Linear", "Seam"] = InputField("Seam", description="How overlaps are blended.")
    blend_amount: int = InputField(
        32,
        ge=0,
        le=MAX_SIDE,
        description="Width of the blend, in pixels; at most the overlap of adjacent tiles.",
    )

    def invoke(self, ctx: NodeContext) -> ImageOutput:
        from impasto.nodes.tile_blend import merge_tiles

        if not self.tiles_with_images:
            raise ValueError("'tiles_with_images' is empty: there is nothing to merge")
        width = max(pair.tile.coords.right for pair in self.tiles_with_images)
        height = max(pair.tile.coords.bottom for pair in self.tiles_with_images)
        check_size(width, height)
        pieces = [(pair.tile, ctx.images.load(pair.image.image_name)) for pair in self.tiles_with_images]
        merged = merge_tiles((width, height), pieces, self.blend_amount, self.blend_mode)
        return store_image(ctx, merged)
