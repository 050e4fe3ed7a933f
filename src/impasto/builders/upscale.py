"""Upscaling a stored image with an installed upscaler model: a request in, a checked graph out.

The graph is three nodes — load the image, run the model (tiled), save the result to the gallery — so it
can also be opened in the workflow editor and changed there.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from impasto.builders.checks import check_upscaler, find_model, invalid
from impasto.builders.draft import GraphDraft, Out, image_input, model_input
from impasto.builders.families.sd_creative import (
    CreativeUpscale,
    add_creative,
    check_creative,
    creative_metadata,
    with_seed,
)
from impasto.builders.sources import GenerationSources
from impasto.graph.model import Graph
from impasto.nodes.image import MAX_PIXELS, MAX_SIDE
from impasto.nodes.upscale import MAX_SCALE


class UpscaleRequest(BaseModel):
    """One image to enlarge, the model and how."""

    model_config = ConfigDict(extra="forbid")

    image: str = Field(min_length=1, description="Name of the stored image to upscale.")
    model: str = Field(min_length=1, description="Key or name of an installed upscaler model.")
    scale: float = Field(
        0, ge=0, le=MAX_SCALE, description="Final size as a multiple of the image's; 0: the model's factor."
    )
    tile_size: int = Field(
        512, ge=0, le=4096, description="Side of the tiles the model sees (input pixels); 0: no tiling."
    )
    tile_overlap: int = Field(32, ge=0, le=512, description="Pixels neighbouring tiles share.")
    board_id: str | None = Field(None, description="Board for the result (none: Uncategorized).")
    prepend: bool = Field(False, description="Put the item at the front of the queue.")
    creative: CreativeUpscale | None = Field(
        None, description="Refine the enlargement with a main model in tiles (none: the upscaler alone)."
    )


class UpscalePlan(BaseModel):
    """The graph that upscales, and the size it makes."""

    graph: Graph = Field(description="load_image → upscale_image (→ the creative refinement) → save_image.")
    width: int = Field(description="Width of the result, in pixels.")
    height: int = Field(description="Height of the result, in pixels.")
    model_key: str = Field(description="Key of the upscaler model used.")


def plan_upscale(request: UpscaleRequest, sources: GenerationSources) -> UpscalePlan:
    """Check the request against the installation and build its graph."""
    size = sources.image_size(request.image)
    if size is None:
        raise invalid("image", f"no stored image is named {request.image!r}", image=request.image)
    record = find_model(sources, "model", request.model)
    check_upscaler("model", record)
    if request.board_id is not None and not sources.has_board(request.board_id):
        raise invalid("board_id", f"no board has the id {request.board_id!r}", board_id=request.board_id)
    native = int(record.details.get("scale") or 1)
    width, height = _scaled(size, request.scale or native)
    _check_size("scale", "the result", width, height)
    _check_size("model", f"the x{native} output of {record.name!r}", *_scaled(size, native))
    draft = GraphDraft()
    draft.add("image", "load_image", image=image_input(request.image))
    draft.add(
        "upscale", "upscale_image", image=Out("image", "image"), model=model_input(record.key),
        scale=request.scale, tile_size=request.tile_size, tile_overlap=request.tile_overlap,
    )  # fmt: skip
    if request.creative is None:
        draft.add("save", "save_image", image=Out("upscale", "image"), board=request.board_id)
        return UpscalePlan(graph=draft.build(), width=width, height=height, model_key=record.key)
    creative = with_seed(request.creative)
    models = check_creative(creative, sources)
    size = _multiple(width, models.factor), _multiple(height, models.factor)
    refined = add_creative(draft, creative, models, Out("upscale", "image"), size)
    draft.add(
        "metadata",
        "generation_metadata",
        base=creative_metadata(creative, models, request.image, record, size),
    )
    draft.add(
        "save", "save_image", image=refined, metadata=Out("metadata", "metadata"), board=request.board_id
    )
    return UpscalePlan(graph=draft.build(), width=size[0], height=size[1], model_key=record.key)


def _multiple(side: int, factor: int) -> int:
    """``side`` rounded to the nearest multiple of the VAE's ``factor`` (at least one), which latents need."""
    return max(factor, round(side / factor) * factor)


def _scaled(size: tuple[int, int], factor: float) -> tuple[int, int]:
    width, height = (max(1, round(side * factor)) for side in size)
    return width, height


def _check_size(field: str, what: str, width: int, height: int) -> None:
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise invalid(
            field,
            f"{what} would be {width}x{height} pixels; "
            f"at most {MAX_SIDE} a side and {MAX_PIXELS} in all are allowed",
        )
