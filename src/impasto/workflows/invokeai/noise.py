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
    the denoiser: named after it, feeding only its ``noise``, with no inputs but those three and a VAE
    from the loader that gives the denoiser its model."""
    folds = {}
    for node_id, node in graph.nodes.items():
        owner = node_id.removesuffix(NOISE_SUFFIX)
        if node.get("type") != NOISE or owner == node_id or owner not in graph.nodes:
            continue
        if graph.nodes[owner].get("type") not in DENOISERS or node.get("use_cache", True) is False:
            continue
        out = [
            (e.destination.node_id, e.destination.field) for e in graph.edges if e.source.node_id == node_id
        ]
        into = {
            e.destination.field: e.source.node_id for e in graph.edges if e.destination.node_id == node_id
        }
        model = {
            e.source.node_id
            for e in graph.edges
            if (e.destination.node_id, e.destination.field) == (owner, MODEL_INPUT)
        }
        vae_ok = "vae" not in into or into["vae"] in model
        if out == [(owner, "noise")] and vae_ok:
            folds[node_id] = owner
    return folds
