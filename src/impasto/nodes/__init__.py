"""The built-in nodes, grouped by domain, a few per module; each model family's nodes in its own package
(:mod:`impasto.nodes.sd` for SD 1.x, 2.x and SDXL).

Importing this package imports every built-in node module, and each module's ``@node`` decorators
register its nodes into :data:`impasto.graph.default_registry`. :func:`load_builtin_nodes` does the same
explicitly (and does nothing the second time), for callers that want the import to read as intent.
Everything here needs only Pillow and the standard library: no torch.
"""

from __future__ import annotations

import importlib

BUILTIN_MODULES = (
    "impasto.nodes.primitives",
    "impasto.nodes.math",
    "impasto.nodes.strings",
    "impasto.nodes.random",
    "impasto.nodes.image",
    "impasto.nodes.image_ops",
    "impasto.nodes.bounding_boxes",
    "impasto.nodes.tiles",
    "impasto.nodes.models",
    "impasto.nodes.loras",
    "impasto.nodes.latents",
    "impasto.nodes.latents_crop",
    "impasto.nodes.prompts",
    "impasto.nodes.prompt_files",
    "impasto.nodes.region_masks",
    "impasto.nodes.sd.models",
    "impasto.nodes.sd.loras",
    "impasto.nodes.sd.prompts",
    "impasto.nodes.sd.control",
    "impasto.nodes.sd.ip_adapter",
    "impasto.nodes.sd.denoise",
    "impasto.nodes.sd.tiled",
    "impasto.nodes.preprocessors",
    "impasto.nodes.preprocessors_learned",
    "impasto.nodes.upscale",
    "impasto.nodes.spandrel",
    "impasto.nodes.infill",
    "impasto.nodes.masks",
    "impasto.nodes.flux",
    "impasto.nodes.sd3",
    "impasto.nodes.output",
    "impasto.nodes.metadata",
    "impasto.nodes.batches",
)
"""The modules whose import registers the built-in nodes."""


def load_builtin_nodes() -> None:
    """Register every built-in node into the default registry; calling it again changes nothing."""
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


load_builtin_nodes()

__all__ = ["BUILTIN_MODULES", "load_builtin_nodes"]
