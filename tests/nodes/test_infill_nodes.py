"""The infill and mask nodes through the engine: an outpaint canvas goes in, a filled RGB image of the
same size comes out; bad inputs fail with errors that name them."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PIL import Image

from tests.generation.test_infill import BORDER, HIDDEN, border, canvas
from tests.graph.stubs import GraphBuilder
from tests.nodes.helpers import Engine, image_source
from tests.nodes.test_image import process


@pytest.mark.parametrize(
    ("type_id", "inputs"),
    [
        ("infill_rgba", {"color": "#0a141e"}),
        ("infill_cv2", {"method": "navier_stokes", "radius": 3}),
        ("infill_tile", {"tile_size": 16, "seed": 7}),
        ("infill_patchmatch", {"patch_size": 3, "downscale": 1.5, "seed": 7}),
    ],
)
def test_infill_nodes_fill_the_border(engine: Engine, type_id: str, inputs: dict[str, Any]) -> None:
    output, filled = process(engine, canvas(), type_id, **inputs)
    assert (output["width"], output["height"], filled.mode) == (96, 96, "RGB")
    inside = np.asarray(canvas())[BORDER:-BORDER, BORDER:-BORDER, :3]
    assert np.array_equal(np.asarray(filled)[BORDER:-BORDER, BORDER:-BORDER], inside)
    assert not (border(filled) == HIDDEN).all(axis=1).any()


def test_infill_errors_name_the_problem(engine: Engine) -> None:
    def failure(image: Image.Image, type_id: str, **inputs: Any) -> str:
        graph = image_source(GraphBuilder(), "src", engine.save(image)).add("n", type_id, **inputs)
        return str(engine.failure(graph.edge("src.image", "n.image")))

    assert "this one is RGB and has none" in failure(canvas().convert("RGB"), "infill_cv2")
    assert "use the color infill" in failure(Image.new("RGBA", (16, 16)), "infill_tile")
    assert "use a smaller tile size" in failure(canvas(), "infill_tile", tile_size=80)


def test_mask_nodes_make_the_outpaint_mask_and_the_faded_paste_mask(engine: Engine) -> None:
    graph = (
        image_source(GraphBuilder(), "src", engine.save(canvas()))
        .add("mask", "mask_from_alpha")
        .add("fade", "expand_mask_with_fade", fade_size_px=4)
        .add("cut", "apply_mask_to_image")
        .edge("src.image", "mask.image")
        .edge("mask.image", "fade.mask")
        .edge("src.image", "cut.image")
        .edge("fade.image", "cut.mask")
    )
    outputs = engine.outputs(graph)
    mask, fade, cut = (engine.load(outputs[n]) for n in ("mask", "fade", "cut"))
    assert np.asarray(mask)[0, 0] == 255
    assert np.asarray(mask)[48, 48] == 0
    row = np.asarray(fade)[48]
    assert row[BORDER - 1] == 255  # the transparent border stays white
    assert 0 < row[BORDER + 1] < 255  # fading into the image
    assert row[BORDER + 5] == 0
    assert cut.mode == "RGBA"
    assert cut.getchannel("A").getpixel((48, 48)) == 0
