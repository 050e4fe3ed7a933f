"""Upscaling: Impasto's upscale graph against calling the spandrel model directly on the same image.

The model is a Real-ESRGAN-shaped x4 network (32 filters, 4 blocks; random weights, built once into
``bench/.cache``) installed in place into a temporary root. Impasto runs the three-node graph the Upscale
tab enqueues (load the stored image, upscale, save to the gallery with a thumbnail) through the engine,
with the model already in the cache; the baseline converts the image, calls the spandrel descriptor and
writes the PNG. "Whole" runs the image as one tile (the difference is the graph's bookkeeping); "tiled"
runs it in 64-pixel tiles with 16 shared (the price of tiling, which bounds memory on large images).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.harness import Row, alternate, compare_row
from impasto.config import load_config
from impasto.graph.model import Graph

CACHE_DIR = Path(__file__).resolve().parents[1] / ".cache"
SIZE = 128


def run(quick: bool) -> list[Row]:
    from PIL import Image

    from impasto.models.install.place import SilentSink, install_files
    from impasto.services import build_services

    repeats = 3 if quick else 7
    model_file = _model_file()
    image = Image.radial_gradient("L").convert("RGB").resize((SIZE, SIZE))
    with tempfile.TemporaryDirectory() as folder:
        services = build_services(load_config(Path(folder) / "root", {"device": "cpu"}, environ={}))
        try:
            record = install_files(
                services.models, model_file, placement="inplace", source=str(model_file),
                source_type="path", sink=SilentSink(),
            )  # fmt: skip
            stored = services.images.save(image, intermediate=False)
            raw = _raw_runner(model_file, image, Path(folder))
            rows = []
            for label, tile in (("whole", 0), ("tiled 64/16", 64)):
                graph = _graph(services, stored, record.key, tile)

                def ours(graph: Graph = graph) -> float:
                    return _run_graph(services, graph)

                samples = alternate(raw, ours, repeats)
                metric = f"x4 {SIZE} px → {SIZE * 4} px, {label}"
                rows.append(compare_row("upscale", metric, "spandrel call + PNG", samples))
        finally:
            services.close()
    return rows


def _graph(services: Any, image_name: str, model_key: str, tile: int) -> Graph:
    """The graph ``POST /api/v1/upscale`` enqueues for this image and model."""
    from impasto.builders.upscale import UpscaleRequest, plan_upscale

    request = UpscaleRequest(image=image_name, model=model_key, tile_size=tile, tile_overlap=16)
    return plan_upscale(request, services.generation_sources()).graph


def _run_graph(services: Any, graph: Graph) -> float:
    """One run without the node cache (a repeated run would otherwise reuse the upscaled image)."""
    import time

    from impasto.graph import Executor

    started = time.perf_counter()
    Executor(services.registry, None).run(graph, services.execution_services(graph=graph))
    return time.perf_counter() - started


def _raw_runner(model_file: Path, image: Any, folder: Path) -> Any:
    import time

    import numpy as np
    import spandrel  # type: ignore[import-untyped]
    import torch
    from PIL import Image

    descriptor = spandrel.ModelLoader().load_from_file(str(model_file)).eval()

    def raw() -> float:
        started = time.perf_counter()
        pixels = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255).permute(2, 0, 1)[None]
        with torch.inference_mode():
            out = descriptor(pixels)[0].permute(1, 2, 0).numpy()
        Image.fromarray(np.rint(out * 255).astype(np.uint8)).save(folder / "raw.png")
        return time.perf_counter() - started

    return raw


def _model_file() -> Path:
    """A Real-ESRGAN-shaped x4 network (old ESRGAN key layout), built once."""
    path = CACHE_DIR / "esrgan-x4-32f4b.safetensors"
    if path.is_file():
        return path
    import torch
    from safetensors.torch import save_file
    from spandrel.architectures.ESRGAN import ESRGAN  # type: ignore[import-untyped]

    torch.manual_seed(0)
    model = ESRGAN(num_filters=32, num_blocks=4, scale=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(path))
    return path
