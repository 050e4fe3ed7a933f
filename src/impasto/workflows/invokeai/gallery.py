"""InvokeAI's "not intermediate" flag as Impasto's ``save_image`` node, and back.

InvokeAI puts a node's image in the gallery when the node is not intermediate (a flag on any image
node, with the node's ``board`` and ``metadata`` inputs saying where and with what); Impasto's gallery
images are those a ``save_image`` node saves. So the import adds a ``save_image`` node, named after the
node, that takes the image and the two inputs, and the export folds such a node back into the flag.
"""

from __future__ import annotations

from typing import Final

from impasto.graph.model import Graph

SAVE_IMAGE: Final = "save_image"
GALLERY_SUFFIX: Final = "-gallery"
"""The id of the ``save_image`` node added after a node whose image InvokeAI keeps: the node's id and this."""
GALLERY_INPUTS: Final = ("board", "metadata")
"""The inputs of an InvokeAI image node that the added ``save_image`` node takes over."""


def gallery_folds(graph: Graph) -> dict[str, str]:
    """Each ``save_image`` node that the export writes as its owner's "not intermediate" flag, mapped to
    the owner: named after it, fed by its image, saving in the default category, feeding nothing."""
    folds = {}
    feeding = {edge.source.node_id for edge in graph.edges}
    for node_id, node in graph.nodes.items():
        owner = node_id.removesuffix(GALLERY_SUFFIX)
        fed = any(
            (e.source.node_id, e.source.field, e.destination.node_id, e.destination.field)
            == (owner, "image", node_id, "image")
            for e in graph.edges
        )
        plain = node.get("category", "general") == "general" and node.get("use_cache", True) is not False
        if node.get("type") == SAVE_IMAGE and owner != node_id and fed and plain and node_id not in feeding:
            folds[node_id] = owner
    return folds
