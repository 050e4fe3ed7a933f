"""InvokeAI's FLUX and SD3 denoisers make their own noise; Impasto's take it from a ``noise`` node.

InvokeAI's ``flux_denoise`` and ``sd3_denoise`` draw the starting noise from their ``seed``, ``width`` and
``height`` inputs. Impasto's take a ``noise`` edge instead (one noise node serves every family; the VAE
says how many latent channels to draw). So the import adds a ``noise`` node per denoiser, named after
it, that takes those three inputs and the VAE of the model loader feeding the denoiser, and the export
folds such a node back into the denoiser's inputs.
"""

from __future__ import annotations

from typing import Final

from impasto.graph.model import Graph

NOISE: Final = "noise"
NOISE_SUFFIX: Final = "-noise"
"""The id of the ``noise`` node added before a denoiser: the denoiser's id and this."""
DENOISERS: Final = frozenset({"flux_denoise", "sd3_denoise"})
"""Impasto types whose InvokeAI counterparts make their own noise."""
NOISE_INPUTS: Final = ("seed", "width", "height")
"""The denoiser inputs InvokeAI has that the added ``noise`` node takes over."""
INVOKEAI_DEFAULTS: Final = {"seed": 0, "width": 1024, "height": 1024}
"""InvokeAI's defaults for those inputs (a graph sent to its queue may leave them out)."""
MODEL_INPUT: Final = "transformer"
"""The denoiser input whose source (the model loader) also gives the noise node its VAE."""


def noise_folds(graph: Graph) -> dict[str, str]:
    """Each ``noise`` node the export writes as its denoiser's ``seed``/``width``/``height``, mapped to
    the denoiser: it feeds only that FLUX or SD3 denoiser's ``noise`` (the one the import adds, or one
    made in Impasto's editor), and its VAE, if connected, comes from the loader that gives the denoiser
    its model (the VAE InvokeAI's denoiser would take the latent channels from)."""
    folds: dict[str, str] = {}
    for node_id, node in graph.nodes.items():
        if node.get("type") != NOISE or node.get("use_cache", True) is False:
            continue
        out = [
            (e.source.field, e.destination.node_id, e.destination.field)
            for e in graph.edges
            if e.source.node_id == node_id
        ]
        if len(out) != 1 or out[0][0] != "latents" or out[0][2] != "noise":
            continue
        owner = out[0][1]
        if graph.nodes[owner].get("type") not in DENOISERS or owner in folds.values():
            continue
        vae = [
            e.source.node_id
            for e in graph.edges
            if (e.destination.node_id, e.destination.field) == (node_id, "vae")
        ]
        model = [
            e.source.node_id
            for e in graph.edges
            if (e.destination.node_id, e.destination.field) == (owner, MODEL_INPUT)
        ]
        if not vae or vae == model:
            folds[node_id] = owner
    return folds
